"""Test set-up: one migrated database per run (SQLite, or a throwaway PostgreSQL
cluster with --db=postgresql), and a rolled-back transaction per test."""
from __future__ import annotations

import os

import pytest
from flask_login import FlaskLoginClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy.orm import scoped_session, sessionmaker

from sicrm import create_app
from sicrm.extensions import db as _db
from tests.fixtures.postgres import Cluster, find_bindir

pytest_plugins = ["tests.fixtures.users"]


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
    })
    app.test_client_class = FlaskLoginClient
    with app.app_context():
        upgrade()
    return app


@pytest.fixture
def db(app):
    """The session of one test, inside a transaction rolled back afterwards. Code
    under test may commit: that only releases a savepoint."""
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        _db.session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint"),
            scopefunc=_app_ctx_id,
        )
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def csrf(app):
    """Turn CSRF protection on for one test."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False
