"""SQLite: pages that only read do not queue behind a writer; writers still queue."""
import time

import pytest
from sqlalchemy import text

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.extensions import writes_on_get
from tests.fixtures.factories import make_org, make_user


@pytest.fixture
def sqlite_only(db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's; PostgreSQL has row locks")


def test_a_page_that_only_reads_answers_while_a_writer_holds_the_lock(sqlite_only, login_as):
    user = make_user("reader", roles=[R.SALES])
    make_org("读者可见有限公司", owner=user)
    client = login_as(user)
    _db.session.commit()
    with _db.engine.connect() as writer:
        # another process is writing (outside a request the app begins IMMEDIATE)
        writer.execute(text("UPDATE users SET full_name = full_name"))
        started = time.monotonic()
        response = client.get("/organizations/")
        waited = time.monotonic() - started
        writer.rollback()
    assert response.status_code == 200 and "读者可见有限公司" in response.get_data(as_text=True)
    assert waited < 5          # the busy timeout is 10 s: it did not wait for the writer


def test_a_get_view_that_writes_without_saying_so_fails_under_test(sqlite_only, app):
    from sicrm import create_app
    other = create_app({"TESTING": True, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False,
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "INSTANCE_DIR": app.config["INSTANCE_DIR"]})

    @other.route("/_test/sneaky-write")
    def sneaky_write():
        _db.session.execute(text("UPDATE users SET full_name = full_name"))
        return "written"

    @other.route("/_test/declared-write")
    @writes_on_get
    def declared_write():
        _db.session.execute(text("UPDATE users SET full_name = full_name"))
        _db.session.commit()
        return "written"

    client = other.test_client()
    with pytest.raises(RuntimeError, match="writes_on_get"):
        client.get("/_test/sneaky-write")
    assert client.get("/_test/declared-write").get_data(as_text=True) == "written"
