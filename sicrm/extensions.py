"""Flask extensions, created unbound; create_app binds them."""
from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, has_app_context, has_request_context, request
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
#: per-client request limits (the login route); storage from RATELIMIT_STORAGE_URI
limiter = Limiter(key_func=get_remote_address)


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys and let SQLAlchemy, not pysqlite, run transactions
    (so SAVEPOINT works and every action is one real transaction)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # how long a writer waits for SQLite's write lock before "database is locked"
        busy = int(os.environ.get("SICRM_SQLITE_BUSY_TIMEOUT_MS") or 10000)
        cursor.execute(f"PRAGMA busy_timeout={busy}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


#: request methods that only read: their transactions start without the write lock
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes_on_get(view):
    """Mark a view that writes although it answers GET (e.g. a logged download), so
    that its transaction takes SQLite's write lock at the start like any POST."""
    view.writes_on_get = True
    return view


_READING = contextvars.ContextVar("sicrm_reading", default=False)


@contextmanager
def reading() -> Iterator[None]:
    """Work outside a request that only reads (the alarm scan's collecting phase): a
    transaction begun inside begins deferred, so on SQLite it does not hold the write
    lock while it reads. End the session's transaction before and inside the block."""
    token = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(token)


def _reading_request() -> bool:
    if _READING.get():
        return True
    if not has_request_context() or request.method not in READ_METHODS:
        return False
    view = current_app.view_functions.get(request.endpoint)
    return not getattr(view, "writes_on_get", False)


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    """SQLite: a writing transaction takes the write lock at the start (BEGIN
    IMMEDIATE), so two writers queue (busy_timeout) instead of one failing with
    "database is locked" when both upgrade from reading to writing. A page that only
    reads (GET) begins a plain deferred transaction: with WAL it never waits for a
    writer, and slow pages do not queue behind each other."""
    if conn.dialect.name == "sqlite":
        reading = _reading_request()
        conn.info["sicrm_reading"] = reading
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


@event.listens_for(Engine, "before_cursor_execute")
def _no_writes_while_reading(conn, cursor, statement, parameters, context, executemany):
    """Under test, a GET view that writes without `writes_on_get` fails loudly."""
    if (conn.info.get("sicrm_reading") and conn.in_transaction()
            and statement.lstrip().upper().startswith(WRITE_STATEMENTS)
            and has_app_context() and current_app.testing):
        if not has_request_context():
            raise RuntimeError("a write inside reading(): end the reading transaction first")
        raise RuntimeError("a GET view wrote to the database: mark it @writes_on_get "
                           f"({request.endpoint})")
