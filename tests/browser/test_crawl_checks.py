"""The crawl's own checks (crawl.py), so that the guard itself cannot pass by doing
nothing."""
from __future__ import annotations

from tests.browser.crawl import DESTRUCTIVE_ACTION, _local_path, english_words, pattern_of


def test_patterns_group_urls_by_shape():
    assert pattern_of("/projects/12/milestones?status=open&page=3") == \
        "/projects/N/milestones?page&status"
    assert pattern_of("/projects/7") == pattern_of("/projects/8")
    assert pattern_of("/projects/7") != pattern_of("/projects/7/edit")


def test_english_words_in_chinese_interface_text():
    assert english_words("新建项目 Save 取消") == {"Save"}
    assert english_words("保存 Delete this stage?") == {"Delete", "this", "stage"}
    # codes, versions, addresses, file names, product names and data words pass
    assert english_words("PS-2026-0001 V2 ISO 27001 a@b.cn report.xlsx Excel") == set()
    assert english_words("Core banking 方案", allowed={"Core", "banking"}) == set()
    assert english_words("English") == set()  # the language menu


def test_links_outside_the_app_are_not_followed():
    base = "http://127.0.0.1:5000"
    assert _local_path(base, "/projects/", "3") == "/projects/3"
    assert _local_path(base, "/projects/", "/organizations/?q=x#top") == "/organizations/?q=x"
    assert _local_path(base, "/", "https://example.com/") is None
    assert _local_path(base, "/", "mailto:a@b.cn") is None
    assert _local_path(base, "/", "#tab") is None


def test_destructive_actions_are_recognised():
    for path in ("/organizations/3/delete", "/projects/1/team/4/remove", "/feeds/2/revoke",
                 "/projects/1/stage/finish", "/templates/2/archive"):
        assert DESTRUCTIVE_ACTION.search(path), path
    for path in ("/projects/1/edit", "/projects/1/team/add", "/language"):
        assert not DESTRUCTIVE_ACTION.search(path), path
