"""The search engine over the database: the queue follows commits, the indexer
catches up after crashes, results follow permissions, bad input never breaks."""
from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.models import SearchQueueEntry
from sicrm.extensions import db as _db
from sicrm.knowledge.search import engine
from sicrm.knowledge.search.cli import reindex_command, search_command
from sicrm.projects.documents import services as documents
from tests.fixtures.factories import make_contact, make_department, make_org, make_user
from tests.fixtures.projects import make_project


def queued() -> list[tuple[str, int]]:
    return sorted(tuple(row) for row in _db.session.execute(
        select(SearchQueueEntry.kind, SearchQueueEntry.object_id)))


def titles(results) -> list[str]:
    return [hit.title.striptags() for hit in results.hits]


@pytest.fixture
def world(db, search_index):
    sales_dept = make_department("销售一部")
    pm = make_user("pm1", roles=[R.PROJECT_MANAGER], department=sales_dept)
    outsider = make_user("outsider", roles=[R.ENGINEER])
    admin = make_user("boss", roles=[R.ADMIN])
    customer = make_org("江苏省交通运输厅")
    project = make_project(pm, customer=customer, name="智慧高速视频监控平台建设项目", pm=pm)
    documents.create_document(
        pm, project, title="视频监控平台技术方案", category="technical",
        stream=io.BytesIO("本方案采用海康威视摄像机与华为防火墙, 支持合同评审后的深化设计。".encode()),
        filename="方案.txt")
    db.session.commit()
    search_index.drain()
    return {"pm": pm, "outsider": outsider, "admin": admin, "project": project,
            "customer": customer}


def test_changes_are_queued_in_their_own_transaction(whoosh_backend, db, search_index):
    org = make_org("华为技术有限公司")
    assert ("organization", org.id) in queued()
    db.session.rollback()
    assert queued() == []  # rolled back together with the change
    org = make_org("华为技术有限公司")
    make_contact(org, name="张工")
    db.session.commit()
    assert queued().count(("organization", org.id)) >= 1
    assert search_index.drain() >= 1
    assert queued() == []
    admin = make_user("boss", roles=[R.ADMIN])
    assert titles(engine.search(admin, "张工")) == ["华为技术有限公司"]


def test_updates_and_deletes_follow_the_database(db, search_index):
    admin = make_user("boss", roles=[R.ADMIN])
    org = make_org("东方通信股份有限公司")
    db.session.commit()
    search_index.drain()
    assert engine.search(admin, "东方通信").total == 1
    org.name = "南方电网数字集团"
    db.session.commit()
    search_index.drain()
    assert engine.search(admin, "东方通信").total == 0
    assert engine.search(admin, "南方电网").total == 1
    db.session.delete(org)
    db.session.commit()
    search_index.drain()
    assert engine.search(admin, "南方电网").total == 0
    assert engine.backend().count() == 0


def test_a_crash_before_the_index_commit_loses_nothing(whoosh_backend, db, search_index,
                                                      monkeypatch):
    admin = make_user("boss", roles=[R.ADMIN])
    make_org("浪潮电子信息产业股份有限公司")
    db.session.commit()
    backend = engine.backend()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(backend, "apply", crash)
    with pytest.raises(OSError):
        search_index.drain()
    assert ("organization", 1) in [(k, 1) for k, _ in queued()]  # still queued
    monkeypatch.undo()
    assert search_index.drain() >= 1
    assert engine.search(admin, "浪潮").total == 1


def test_a_crash_after_the_index_commit_only_indexes_again(whoosh_backend, db, search_index,
                                                          monkeypatch):
    """Killed between the index commit and the queue delete: the rows come back and
    indexing them again leaves one entry per record."""
    admin = make_user("boss", roles=[R.ADMIN])
    make_org("神州数码集团股份有限公司")
    db.session.commit()
    real_commit = _db.session.commit
    calls = []

    def crash_on_queue_delete():
        calls.append(1)
        raise SystemExit("killed")

    monkeypatch.setattr(_db.session, "commit", crash_on_queue_delete)
    with pytest.raises(SystemExit):
        search_index.drain()
    monkeypatch.setattr(_db.session, "commit", real_commit)
    _db.session.rollback()
    assert calls and queued()  # the index has it, the queue still says so
    assert engine.search(admin, "神州数码").total == 1
    search_index.drain()
    assert queued() == []
    assert engine.search(admin, "神州数码").total == 1
    assert engine.backend().count() == 1


def test_a_user_never_sees_a_trace_of_what_they_may_not_read(world):
    outsider, pm, admin = world["outsider"], world["pm"], world["admin"]
    mine = engine.search(pm, "视频监控")
    assert {hit.kind for hit in mine.hits} == {"project", "document"}
    assert mine.by_kind == {"project": 1, "document": 1}
    theirs = engine.search(outsider, "视频监控")
    assert theirs.total == 0 and theirs.hits == [] and theirs.by_kind == {}
    # not through "did you mean" either: 监控平台 is only in the project they cannot see
    hidden = engine.search(outsider, "监空平台")
    assert hidden.suggestion is None and hidden.corrected is None and hidden.hits == []
    assert engine.search(pm, "监空平台").corrected == "监控平台"
    assert engine.search(pm, "监空平台", correct=False).suggestion == "监控平台"
    # organisations are for everyone; the project's customer is found by all
    assert titles(engine.search(outsider, "交通运输厅")) == ["江苏省交通运输厅"]
    assert engine.search(admin, "视频监控").total == 2
    # joining the team needs no re-indexing: permissions are read at query time
    from sicrm.projects.models import ProjectMember
    _db.session.add(ProjectMember(project_id=world["project"].id, user_id=outsider.id,
                                  role="engineer"))
    _db.session.commit()
    assert engine.search(outsider, "视频监控").total == 2


def test_document_text_is_searched_and_highlighted(world):
    results = engine.search(world["pm"], "海康威视", kinds=("document",))
    assert titles(results) == ["视频监控平台技术方案"]
    assert '<mark class="hl' in str(results.hits[0].snippet)
    assert "海康威视" in results.hits[0].snippet.striptags()


def test_filters_and_sort(world):
    pm = world["pm"]
    assert engine.search(pm, "视频监控", kinds=("project",)).by_kind == {
        "project": 1, "document": 1}  # the type filter keeps the other counts
    assert [h.kind for h in engine.search(pm, "视频监控", kinds=("project",)).hits] == ["project"]
    assert engine.search(pm, "视频监控", author_id=world["outsider"].id).total == 0
    assert engine.search(pm, "视频监控", author_id=pm.id).total == 2
    dated = engine.search(pm, "视频监控", sort="date")
    assert [h.date for h in dated.hits] == sorted((h.date for h in dated.hits), reverse=True)


@pytest.mark.parametrize("text", ['"', "AND OR", "*", "((", "[", "'; DROP TABLE users; --",
                                  "a" * 199, "NOT", "-", "“”", "\\", "%", "_", "\x00",
                                  "合同\x00评审", "\x01\x1f", "😀 合同", "'合同'", "它's",
                                  "a:* & b | !c <-> d", '合同 "评审', "视频:A", "-视频 -监控"])
def test_syntax_breaking_queries_give_results_or_a_message(world, text):
    try:
        results = engine.search(world["pm"], text)
    except engine.SearchError as error:
        assert str(error.message)
    else:
        assert results.total >= 0


@pytest.mark.parametrize("text", ["", "   ", "x" * 201, "合同评审 " * 2000])
def test_empty_and_over_long_queries_are_refused(world, text):
    with pytest.raises(engine.SearchError):
        engine.search(world["pm"], text)


def test_search_page_in_both_languages_and_bad_input(world, login_as):
    client = login_as(world["pm"])
    page = client.get("/search?q=视频监控")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "智慧高速视频监控平台建设项目" not in html or "<mark" in html
    assert html.count('class="mb-3 search-hit"') == 2
    assert 'id="nav-search"' in html
    for text in ['"', "AND OR", "((", "*", "x" * 300, ""]:
        response = client.get("/search", query_string={"q": text})
        assert response.status_code == 200
        assert 'id="search-error"' in response.get_data(as_text=True)
    client.post("/language", data={"locale": "zh_CN", "next": "/search"})
    chinese = client.get("/search?q=AND").get_data(as_text=True)
    assert "搜索" in chinese


def test_search_page_does_not_grow_in_queries_with_hits(db, search_index, login_as):
    from tests.fixtures.queries import count_queries

    user = make_user("reader", roles=[R.ENGINEER])
    for n in range(3):
        make_org(f"测试集成公司{n}号")
    db.session.commit()
    search_index.drain()
    client = login_as(user)
    client.get("/search?q=集成")  # warm up
    with count_queries(db.engine) as few:
        client.get("/search?q=集成")
    for n in range(3, 25):
        make_org(f"测试集成公司{n}号")
    db.session.commit()
    search_index.drain()
    with count_queries(db.engine) as many:
        client.get("/search?q=集成")
    assert many.count == few.count


def test_requests_index_after_their_commit_when_inline(whoosh_backend, app, db, search_index,
                                                      login_as):
    app.config["SICRM_SEARCH_INLINE"] = True
    try:
        admin = make_user("boss", roles=[R.ADMIN])
        client = login_as(admin)
        response = client.post("/organizations/new", data={
            "name": "紫光股份有限公司", "kinds": ["customer"], "industry": "internet"})
        assert response.status_code in (200, 302)
        db.session.rollback()
        assert queued() == []
        assert titles(engine.search(admin, "紫光")) == ["紫光股份有限公司"]
    finally:
        app.config["SICRM_SEARCH_INLINE"] = False


def test_reindex_rebuilds_and_drops_stale_entries(world, app):
    backend = engine.backend()
    backend.apply([engine.SearchDoc(kind="organization", id=999, title="幽灵公司",
                                    scope="public")])
    backend.clear()
    assert backend.count() == 0
    backend.apply([engine.SearchDoc(kind="organization", id=999, title="幽灵公司",
                                    scope="public")])
    counts = engine.reindex()
    assert counts["removed"] == 1
    assert counts["project"] == 1 and counts["document"] == 1
    assert ("organization", 999) not in backend.keys()
    assert engine.search(world["pm"], "视频监控").total == 2


def test_cli_search_runs_the_web_search(world, app):
    runner = app.test_cli_runner()
    result = runner.invoke(search_command, ["视频监控", "--as", "pm1", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["total"] == 2
    assert {hit["kind"] for hit in answer["hits"]} == {"project", "document"}
    assert all(hit["url"].startswith("http") for hit in answer["hits"])
    outsider = runner.invoke(search_command, ["视频监控", "--as", "outsider", "--json"])
    assert json.loads(outsider.output)["total"] == 0
    bad = runner.invoke(search_command, ["((", "--as", "pm1"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    unknown = runner.invoke(search_command, ["x", "--as", "nobody"])
    assert unknown.exit_code != 0


def test_queue_status_in_healthz(whoosh_backend, world, client):
    make_org("待索引公司")
    _db.session.commit()
    health = client.get("/healthz").get_json()
    assert health["search"]["queued"] >= 1


def test_queue_count_is_exact(whoosh_backend, db, search_index):
    for n in range(5):
        make_org(f"批量公司{n}")
    db.session.commit()
    assert db.session.scalar(select(func.count(SearchQueueEntry.id))) >= 5
    assert search_index.drain(batch=2) >= 5
    assert engine.backend().count() == 5


def test_cli_reindex_after_the_index_is_lost(whoosh_backend, world, app, tmp_path):
    app.config["SICRM_SEARCH_DIR"] = str(tmp_path / "elsewhere")
    assert engine.search(world["pm"], "视频监控").total == 0
    result = app.test_cli_runner().invoke(reindex_command, [])
    assert result.exit_code == 0, result.output
    assert "project: 1 indexed" in result.output
    assert engine.search(world["pm"], "视频监控").total == 2


def test_records_by_the_words_people_use(world, search_index):
    """Organisations by a part of their name and by the initials the organisation list
    understands, projects by their code, standard numbers and models by their prefix."""
    outsider, pm = world["outsider"], world["pm"]
    make_org("中国移动通信集团广东有限公司")
    make_org("中国工商银行股份有限公司北京分行")
    make_org("华为技术有限公司")
    _db.session.commit()
    search_index.drain()
    assert titles(engine.search(outsider, "中国移动"))[0] == "中国移动通信集团广东有限公司"
    assert titles(engine.search(outsider, "工商银行"))[0] == "中国工商银行股份有限公司北京分行"
    assert titles(engine.search(outsider, "北京分行"))[0] == "中国工商银行股份有限公司北京分行"
    assert titles(engine.search(outsider, "zgyd"))[0] == "中国移动通信集团广东有限公司"
    assert titles(engine.search(outsider, "hw"))[0] == "华为技术有限公司"
    code = world["project"].code
    mine = engine.search(pm, code)
    assert mine.hits[0].kind == "project" and mine.hits[0].id == world["project"].id
    # the project's code finds nothing for someone who cannot see the project
    assert all(hit.kind != "project" for hit in engine.search(outsider, code).hits)


def test_codes_are_found_by_their_prefix(fresh_backend):
    from sicrm.core.searchable import ALL, SearchDoc
    from sicrm.knowledge.search.backend import Query

    backend = fresh_backend
    backend.apply([
        SearchDoc(kind="article", id=1, title="等保测评依据", scope="public",
                  body="依据 GB/T 22239-2019 信息安全技术 网络安全等级保护基本要求。"),
        SearchDoc(kind="article", id=2, title="交换机选型", scope="public",
                  body="核心交换机选用 S6730-H48X6C，接入层 S5735。"),
        SearchDoc(kind="article", id=3, title="无关文档", scope="public", body="会议纪要。"),
    ])

    def first(text):
        return backend.search(Query(text=text, readable={"article": ALL})).hits[0].id

    assert first("GB/T 22239") == 1
    assert first("S6730") == 2
    assert first("S6730-H48X6C") == 2
    backend.close()


def test_an_index_of_an_older_analysis_is_rebuilt(whoosh_backend, world, app):
    """After an upgrade that changes how text is analysed, the indexer rebuilds the
    index on its own: the records are found by what the new analysis writes."""
    from sicrm.knowledge.search import tasks
    from sicrm.knowledge.search.whoosh_backend import MARKER

    directory = engine.backend().directory
    assert not engine.backend().stale()
    (directory / MARKER).write_text("1")
    assert engine.backend().stale()
    tasks.index_job()
    assert not engine.backend().stale()
    assert engine.search(world["admin"], "视频监控").total == 2
