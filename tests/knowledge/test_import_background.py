"""Large zip uploads are imported by the scheduler's job, with progress on the run's
page; a run killed midway (its heartbeat stopped) is marked failed, not left
running; the queued zip is kept from the orphan sweep until it is imported."""
from __future__ import annotations

import io
import os
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sicrm.core import jobs
from sicrm.core.models import utcnow
from sicrm.core.storage import get_storage
from sicrm.core.tasks import sweep_orphan_files
from sicrm.extensions import db as _db
from sicrm.knowledge.imports import background, services
from sicrm.knowledge.imports.models import ImportRun
from sicrm.knowledge.models import Article
from tests.knowledge.test_import_services import utf8_zip
from tests.knowledge.test_import_views import people  # noqa: F401  (fixture)

FILES = {f"方案/文档{i}.txt": f"第{i}份方案".encode() for i in range(5)}


@pytest.fixture
def small_inline(app, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_KB_IMPORT_INLINE_FILES", 2)


def _upload(client, catalog, data: bytes):
    return client.post("/knowledge/imports/new", data={
        "catalog_id": catalog.id, "file": (io.BytesIO(data), "方案集.zip")},
        content_type="multipart/form-data")


def _articles() -> int:
    return _db.session.scalar(select(func.count()).select_from(Article))


def test_a_large_upload_is_queued_and_imported_by_the_job(login_as, people, small_inline):
    client = login_as(people["editor"])
    response = _upload(client, people["mine"], utf8_zip(FILES))
    assert response.status_code == 302
    run = _db.session.scalar(select(ImportRun))
    assert (run.status, run.total, run.imported) == ("queued", 5, 0) and _articles() == 0
    page = client.get(response.location).data.decode()
    assert "Waiting to start" in page and "0 of 5 files" in page
    assert 'http-equiv="refresh"' in page

    assert background.import_job() == 1
    _db.session.expire_all()
    assert (run.status, run.imported, run.catalogs, run.source_key) == ("done", 5, 1, None)
    assert run.heartbeat_dt is not None and run.finished_dt is not None
    assert _articles() == 5
    page = client.get(response.location).data.decode()
    assert "Done" in page and 'http-equiv="refresh"' not in page
    assert background.import_job() == 0  # nothing left


def test_a_small_upload_still_runs_at_once(login_as, people):
    response = _upload(login_as(people["editor"]), people["mine"], utf8_zip(FILES))
    assert response.status_code == 302
    run = _db.session.scalar(select(ImportRun))
    assert (run.status, run.imported, run.total) == ("done", 5, 5)


def test_a_run_killed_midway_is_marked_failed(login_as, people):
    """A running import whose heartbeat is older than the lease — its process was
    killed — becomes failed with a message; a live one is left alone."""
    dead = ImportRun(user_id=people["editor"].id, catalog_id=people["mine"].id,
                     catalog_path="方案库", channel="cli", source="/srv/资料",
                     status="running", started_dt=utcnow() - timedelta(hours=1),
                     heartbeat_dt=utcnow() - timedelta(minutes=10), total=300, imported=40)
    alive = ImportRun(user_id=people["editor"].id, catalog_id=people["mine"].id,
                      catalog_path="方案库", channel="cli", source="/srv/其他",
                      status="running", started_dt=utcnow() - timedelta(hours=1),
                      heartbeat_dt=utcnow() - timedelta(seconds=20))
    _db.session.add_all([dead, alive])
    _db.session.commit()
    background.import_job()
    _db.session.expire_all()
    assert (dead.status, dead.error, dead.imported) == ("failed", "interrupted", 40)
    assert dead.finished_dt is not None
    assert alive.status == "running"
    response = login_as(people["editor"]).get(f"/knowledge/imports/{dead.id}")
    page = response.data.decode()
    assert "Failed (interrupted)" in page and "was interrupted" in page


def test_a_run_that_raises_ends_failed_and_keeps_what_it_finished(
        login_as, people, small_inline, monkeypatch):
    _upload(login_as(people["editor"]), people["mine"], utf8_zip(FILES))
    original, calls = services.Importer.import_entry, []

    def flaky(self, entry):
        calls.append(entry)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return original(self, entry)

    monkeypatch.setattr(services.Importer, "import_entry", flaky)
    background.import_job()
    run = _db.session.scalar(select(ImportRun))
    assert (run.status, run.imported) == ("failed", 2) and "disk on fire" in run.error
    assert _articles() == 2


def test_the_queued_zip_is_kept_from_the_orphan_sweep(login_as, people, small_inline):
    _upload(login_as(people["editor"]), people["mine"], utf8_zip(FILES))
    run = _db.session.scalar(select(ImportRun))
    path = get_storage()._path(run.source_key)
    old = time.time() - 3 * 24 * 3600
    os.utime(path, (old, old))
    sweep_orphan_files()
    assert path.exists()
    background.import_job()
    sweep_orphan_files()
    assert not path.exists()  # imported: no longer needed


def test_the_job_is_registered(app):
    assert jobs.REGISTRY["sicrm.kb_imports"].work is background.import_job
