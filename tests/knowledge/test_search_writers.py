"""Several processes writing at once (web workers indexing after their commits, an
indexer draining): no lost update, no lock error reaching a user."""
from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.models import Organization, SearchQueueEntry
from sicrm.knowledge.search import engine
from tests.fixtures.factories import make_user

WRITER = """
import sys
from sicrm import create_app
from sicrm.core.models import User
from sicrm.core.services.organizations import create_organization
from sicrm.extensions import db
from sicrm.knowledge.search import engine
name, count = sys.argv[1], int(sys.argv[2])
app = create_app()
with app.app_context():
    actor = db.session.scalar(db.select(User).where(User.username == "boss"))
    for n in range(count):
        org = create_organization(actor, name=f"{name}并发写入测试{n}号有限公司")
        db.session.commit()
        # as a web request does after its commit: index without waiting for the lock
        engine.drain(batch=50, wait=False, max_batches=1)
        if n % 3 == 0:   # rename: the index must end with the last name
            org.short_name = f"{name}改名{n}"
            db.session.commit()
            engine.drain(batch=50, wait=False, max_batches=1)
print("done")
"""


def _env(app, search_dir) -> dict:
    return {**os.environ, "SICRM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SICRM_INSTANCE_DIR": app.config["INSTANCE_DIR"], "SICRM_SECRET_KEY": "test",
            "SICRM_DEFAULT_LOCALE": "en", "SICRM_SEARCH_DIR": str(search_dir)}


def test_several_writer_processes_lose_nothing(app, db, search_index):
    boss = make_user("boss", roles=[R.ADMIN])
    db.session.commit()
    env = _env(app, app.config["SICRM_SEARCH_DIR"])
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, name, "12"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name in ("甲", "乙", "丙")]
    for writer in writers:
        out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
        assert "done" in out and "LockError" not in err
    db.session.rollback()
    engine.drain()  # the indexer catches up with whatever was left queued
    assert db.session.scalar(select(func.count(SearchQueueEntry.id))) == 0
    orgs = db.session.scalar(select(func.count(Organization.id)))
    assert orgs == 36
    backend = engine.backend()
    assert sorted(backend.keys()) == sorted(
        ("organization", id) for id in db.session.scalars(select(Organization.id)))
    assert engine.search(boss, "并发写入测试", per_page=50).total == 36
    for name in ("甲", "乙", "丙"):
        # the one record holding the new name as a phrase (unquoted, records with
        # only some of its words follow it)
        assert engine.search(boss, f'"{name}改名9"').total == 1
