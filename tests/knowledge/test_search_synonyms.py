"""Synonyms at query time: the administrator's list and the knowledge base's merged
keywords; nothing is re-indexed when they change."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.searchable import ALL, SearchDoc
from sicrm.extensions import db as _db
from sicrm.knowledge.models import Keyword
from sicrm.knowledge.search import synonyms
from sicrm.knowledge.search.backend import Query
from tests.fixtures.factories import make_user


def test_groups_are_read_one_per_line():
    assert synonyms.parse_groups("等保 = 等级保护＝网络安全等级保护\n\n# note\nIPS，入侵防御系统") == [
        ["等保", "等级保护", "网络安全等级保护"], ["IPS", "入侵防御系统"]]
    for text, line in (("等保 = 等保", 1), ("SLB = 负载均衡\n等保", 2), ("SLB = " + "负" * 61, 1),
                       ("SLB = ！！", 1)):
        with pytest.raises(synonyms.SynonymError) as error:
            synonyms.parse_groups(text)
        assert f"Line {line}" in error.value.message


@pytest.fixture
def backend(fresh_backend):
    backend = fresh_backend
    backend.apply([
        SearchDoc(kind="article", id=1, title="网络安全等级保护2.0 测评准备", scope="public",
                  body="三级系统的测评流程与整改要点。"),
        SearchDoc(kind="article", id=2, title="入侵防御系统部署", scope="public",
                  body="在出口旁路部署入侵防御系统并配置策略。"),
        SearchDoc(kind="article", id=3, title="会议纪要", scope="public", body="讨论了采购计划。"),
    ])
    return backend


def ids(backend, text, mapping):
    return [hit.id for hit in backend.search(
        Query(text=text, readable={"article": ALL}, synonyms=mapping)).hits]


def test_a_word_finds_its_synonyms(db, backend):
    assert ids(backend, "等保 测评", {}) == [1]  # 测评 alone
    synonyms.save_groups(None, "等保 = 等级保护 = 网络安全等级保护\nIPS = 入侵防御系统")
    db.session.commit()
    mapping = synonyms.synonym_map()
    assert ids(backend, "等保", mapping) == [1]
    assert ids(backend, "IPS 部署", mapping)[0] == 2
    assert ids(backend, "ips", mapping) == [2]
    # the list changed: the next search reads the new one, nothing re-indexed
    synonyms.save_groups(None, "IPS = 入侵防御系统")
    db.session.commit()
    assert ids(backend, "等保", synonyms.synonym_map()) == []


def test_merged_keywords_are_synonyms(db, backend):
    kept = Keyword(name="入侵防御系统")
    db.session.add(kept)
    db.session.flush()
    db.session.add(Keyword(name="IPS", merged_into_id=kept.id))
    db.session.commit()
    assert ("IPS", "入侵防御系统") in synonyms.keyword_aliases()
    assert ids(backend, "IPS", synonyms.synonym_map()) == [2]


def test_the_administrator_keeps_the_list(db, client, app):
    admin = make_user("admin1", roles=[R.ADMIN])
    engineer = make_user("eng1", roles=[R.ENGINEER])
    db.session.commit()
    response = app.test_client(user=admin).post(
        "/search/synonyms", data={"groups": "负载均衡 = SLB\n等保"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Line 2" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(synonyms.SynonymGroup.id))) == 0
    response = app.test_client(user=admin).post(
        "/search/synonyms", data={"groups": "负载均衡 = SLB\n等保 = 等级保护"})
    assert response.status_code == 302
    assert synonyms.as_text() == "负载均衡 = SLB\n等保 = 等级保护"
    page = app.test_client(user=admin).get("/search/synonyms").get_data(as_text=True)
    assert "负载均衡 = SLB" in page
    assert app.test_client(user=engineer).post(
        "/search/synonyms", data={"groups": ""}).status_code == 403
    assert synonyms.as_text() == "负载均衡 = SLB\n等保 = 等级保护"
    zh = app.test_client(user=admin)
    zh.post("/language", data={"locale": "zh_CN", "next": "/"})
    assert "搜索同义词" in zh.get("/search/synonyms").get_data(as_text=True)
