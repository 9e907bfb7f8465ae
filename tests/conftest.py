"""Test set-up: one migrated database per run (SQLite, or a throwaway PostgreSQL
cluster with --db=postgresql), emptied after every test.

Requests run as in production: each in its own session, committing for real. The
test's own session is committed before each request (so the request sees what the
test made and no lock is held), and its objects reload afterwards."""
from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from sicrm import create_app
from sicrm.extensions import db as _db
from tests.fixtures.postgres import Cluster, find_bindir

pytest_plugins = ["tests.fixtures.users", "tests.fixtures.delivery", "tests.projects.finance_world",
                  "tests.fixtures.search"]


def pytest_addoption(parser):
    parser.addoption("--db", choices=("sqlite", "postgresql"), default="sqlite",
                     help="database to run the suite on")


def pytest_report_header(config):
    return f"sicrm database: {config.getoption('--db')}"


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    if request.config.getoption("--db") == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.exit("PostgreSQL server binaries are missing in CI", returncode=3)
        pytest.skip("PostgreSQL server binaries are not installed")
    cluster = Cluster(bindir)
    url = cluster.start()
    yield url
    cluster.stop()


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_DIR": str(instance),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "BABEL_DEFAULT_LOCALE": "en",
        "SICRM_SEARCH_DIR": str(instance / "search"),
        # requests leave indexing to the indexer (tests drain the queue themselves)
        "SICRM_SEARCH_INLINE": False,
        # outgoing messages at any hour (tests of the delivery window set their own)
        "SICRM_DELIVERY_HOURS": "",
    })
    app.test_client_class = Client
    with app.app_context():
        upgrade()
    return app


class Client(FlaskClient):
    """Each request gets its own app context, `g` and session, as in production,
    even though the test body runs inside an app context of the same app (which
    Flask would otherwise reuse for the request). `user=` logs that user in."""

    def __init__(self, *args, user=None, fresh_login=True, **kwargs):
        user_id = user.get_id() if user is not None else None  # read in the test's session
        super().__init__(*args, **kwargs)
        if user_id is not None:
            with self.session_transaction() as session:
                session["_user_id"] = user_id
                session["_fresh"] = fresh_login

    def open(self, *args, **kwargs):
        _db.session.commit()
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)

    @contextmanager
    def session_transaction(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            with super().session_transaction(*args, **kwargs) as session:
                yield session
        finally:
            _cv_app.reset(token)


def _empty_tables() -> None:
    tables = [table.name for table in reversed(_db.metadata.sorted_tables)]
    with _db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            connection.commit()
            return
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")  # self-references make order moot
        try:
            raw.execute("BEGIN")
            for table in tables:
                raw.execute(f"DELETE FROM {table}")
            raw.execute("COMMIT")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


@pytest.fixture
def db(app):
    """The database for one test, in an app context; emptied afterwards."""
    with app.app_context():
        try:
            yield _db
        finally:
            _db.session.rollback()
            _db.session.remove()
            _empty_tables()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def csrf(app):
    """Turn CSRF protection on for one test."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False
