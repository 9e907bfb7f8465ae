"""The PostgreSQL backend's own guarantees (the shared search tests run against it
with --db=postgresql): index rows are written in the record's transaction, lexemes
PostgreSQL treats specially are only ever data, the setting chooses the backend."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.models import SearchQueueEntry
from sicrm.core.searchable import SearchDoc
from sicrm.extensions import db as _db
from sicrm.knowledge.search import engine
from sicrm.knowledge.search.pg_backend import PostgresBackend, tsearch
from sicrm.knowledge.search.pg_backend.models import SearchEntry
from tests.fixtures.factories import make_org, make_user


@pytest.fixture
def pg(db, search_index):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs --db=postgresql")
    assert isinstance(engine.backend(), PostgresBackend)
    return search_index


def entries() -> list[tuple[str, int]]:
    return sorted(tuple(row) for row in _db.session.execute(
        select(SearchEntry.kind, SearchEntry.object_id)))


def test_index_rows_are_written_in_the_records_transaction(pg, db):
    admin = make_user("boss", roles=[R.ADMIN])
    org = make_org("浪潮电子信息产业股份有限公司")
    db.session.rollback()
    assert entries() == []  # rolled back with the record
    org = make_org("浪潮电子信息产业股份有限公司")
    db.session.commit()
    assert ("organization", org.id) in entries()
    assert db.session.scalar(select(func.count(SearchQueueEntry.id))) == 0  # no queue
    assert [h.title.striptags() for h in engine.search(admin, "浪潮").hits] == [
        "浪潮电子信息产业股份有限公司"]
    org.name = "神州数码集团"
    db.session.commit()
    assert engine.search(admin, "浪潮").total == 0
    assert engine.search(admin, "神州数码").total == 1
    db.session.delete(org)
    db.session.commit()
    assert entries() == []


def test_the_setting_chooses_the_backend(pg, app):
    app.config["SICRM_SEARCH_BACKEND"] = "whoosh"
    try:
        assert engine.backend_name() == "whoosh"
        assert engine.backend().name == "whoosh"
    finally:
        app.config["SICRM_SEARCH_BACKEND"] = ""
    assert engine.backend().name == "postgresql"


@pytest.mark.parametrize("word", ["it's", "a\\b", "x:A", "a&b", "!", "<->", "(", "'", "😀"])
def test_special_lexemes_are_data(pg, db, word):
    backend = engine.backend()
    backend.apply([SearchDoc(kind="organization", id=1, title=f"公司 {word} 测试",
                             scope="public", body=f"正文 {word}\x00")])
    admin = make_user("boss", roles=[R.ADMIN])
    assert engine.search(admin, "公司").total == 1
    try:
        engine.search(admin, word)
    except engine.SearchError:
        pass
    assert "'" + "it''s" + "'" == tsearch.quote("it's")


def test_phrases_weights_and_scope(pg, db):
    backend = engine.backend()
    backend.apply([
        SearchDoc(kind="organization", id=1, title="合同评审流程", scope="public"),
        SearchDoc(kind="organization", id=2, title="评审", scope="public", body="合同 与 流程"),
        SearchDoc(kind="post", id=3, title="合同评审流程", scope="board:9"),
    ])
    reader = make_user("eng", roles=[R.ENGINEER])
    assert engine.readable(reader)["organization"] == "*"
    assert "board:9" not in engine.readable(reader).get("post", set())
    found = engine.search(reader, '"合同评审"')
    assert [(h.kind, h.id) for h in found.hits] == [("organization", 1)]
    ranked = engine.search(reader, "合同评审流程")
    assert [h.id for h in ranked.hits][:1] == [1]
    assert all(h.kind != "post" for h in ranked.hits)  # board:9 is not the admin's


def test_a_huge_attachment_is_cut_not_refused(pg, db):
    words = " ".join(f"w{i}x" for i in range(80_000))
    engine.backend().apply([SearchDoc(kind="organization", id=1, title="巨型附件公司",
                                      scope="public", extra=words)])
    admin = make_user("boss", roles=[R.ADMIN])
    assert engine.search(admin, "巨型附件").total == 1
    assert engine.search(admin, "w5x").total == 1


def test_reindex_and_the_indexer_build_a_lost_index(pg, db, app):
    from sicrm.knowledge.search.cli import reindex_command
    from sicrm.knowledge.search.tasks import index_job

    admin = make_user("boss", roles=[R.ADMIN])
    make_org("紫光股份有限公司")
    db.session.commit()
    engine.backend().clear()
    assert engine.search(admin, "紫光").total == 0
    result = app.test_cli_runner().invoke(reindex_command, [])
    assert result.exit_code == 0, result.output
    assert "organization: 1 indexed" in result.output
    assert engine.search(admin, "紫光").total == 1
    engine.backend().clear()
    index_job()  # the scheduler's indexer builds an empty index
    assert engine.search(admin, "紫光").total == 1
    health = app.test_client().get("/healthz").get_json()
    assert health["search"]["backend"] == "postgresql" and health["search"]["queued"] == 0


def test_a_failing_index_write_queues_instead_of_losing_the_change(pg, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("index write failed")

    monkeypatch.setattr(PostgresBackend, "write", staticmethod(broken))
    admin = make_user("boss", roles=[R.ADMIN])
    org = make_org("曙光信息产业股份有限公司")
    db.session.commit()  # the record is saved all the same
    assert entries() == []
    assert db.session.scalar(select(func.count(SearchQueueEntry.id))) >= 1
    monkeypatch.undo()
    assert pg.drain() >= 1  # the indexer catches up
    assert ("organization", org.id) in entries()
    assert engine.search(admin, "曙光").total == 1


def test_rows_of_an_older_analysis_are_rebuilt(pg, db):
    from sqlalchemy import text

    admin = make_user("boss", roles=[R.ADMIN])
    make_org("紫光股份有限公司")
    db.session.commit()
    backend = engine.backend()
    engine.reindex()
    assert not backend.stale() and not engine.ensure_index()
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE search_words SET word = '~sicrm-analysis-version 1' "
                                "WHERE head = '~'"))
        connection.execute(text("UPDATE search_index SET vector = ''"))
    assert backend.stale() and engine.search(admin, "紫光").total == 0
    assert engine.ensure_index()  # the indexer rebuilds it on its own
    assert not backend.stale() and engine.search(admin, "紫光").total == 1


def test_postgresql_backend_needs_postgresql(app, db):
    if db.engine.dialect.name == "postgresql":
        pytest.skip("on SQLite only")
    app.config["SICRM_SEARCH_BACKEND"] = "postgresql"
    try:
        assert engine.backend_name() == "whoosh"
    finally:
        app.config["SICRM_SEARCH_BACKEND"] = ""


def test_two_transactions_touching_one_entry_both_show(pg, db, app, monkeypatch):
    """Two people change two contacts of one organisation at once: the entry holds
    both changes (the second transaction loads the organisation only after the first
    committed; here the records' own row locks already order them, the entry's
    advisory lock covers changes that share no row)."""
    import threading

    from sicrm.core.models import Contact
    from tests.fixtures.factories import make_contact

    admin = make_user("boss", roles=[R.ADMIN])
    org = make_org("长城信息股份有限公司")
    first, second = make_contact(org, name="张工"), make_contact(org, name="李工")
    db.session.commit()
    first_id, second_id = first.id, second.id
    wrote, release = threading.Event(), threading.Event()
    real_write = PostgresBackend.write

    def slow_write(connection, docs, removed=()):
        real_write(connection, docs, removed)
        if threading.current_thread().name == "first":
            wrote.set()
            release.wait(10)

    monkeypatch.setattr(PostgresBackend, "write", staticmethod(slow_write))
    errors = []

    def rename(contact_id, name):
        try:
            with app.app_context():
                _db.session.get(Contact, contact_id).name = name
                _db.session.commit()
                _db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    one = threading.Thread(target=rename, args=(first_id, "王工程师"), name="first")
    two = threading.Thread(target=rename, args=(second_id, "赵工程师"), name="second")
    one.start()
    assert wrote.wait(10)
    two.start()
    two.join(1.0)
    release.set()
    one.join(10)
    two.join(10)
    assert not errors
    assert engine.search(admin, "王工程师").total == 1
    assert engine.search(admin, "赵工程师").total == 1
