"""Board pages: posting through the forms, refusals with messages, XSS payloads kept
inert on the thread page, query-count guards on the board list, a board and a thread,
the project's Board tab, threads on document and organisation pages, search."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import unquote

import pytest
from flask import url_for
from sqlalchemy import func, select

from sicrm.core.markdown import ALLOWED_TAGS
from sicrm.extensions import db
from sicrm.forum.models import Board, Post, Thread
from sicrm.forum.services import boards, posts, reading
from sicrm.forum.urls import POSTS_PER_PAGE, post_path, thread_path
from sicrm.projects.documents import services as document_services
from tests.fixtures.kept import kept_tokens
from tests.fixtures.queries import count_queries
from tests.forum.board_world import bw  # noqa: F401  (fixture)

#: known XSS payloads; each must come out of the thread page inert
PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(document.cookie))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](x\" onerror=\"alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<style>*{display:none}</style>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "`<script>alert(1)</script>` and ```\n<script>alert(2)</script>\n```",
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _post_bodies(html: str) -> list[str]:
    return re.findall(r'<div class="post-body kb-body">(.*?)</div>\s*(?:<ul|\s*</div>)', html,
                      re.S)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_are_inert_on_the_thread_page(bw, login_as, payload):
    client = login_as(bw.member)
    response = client.post(f"/forum/boards/{bw.company_board.id}/threads/new",
                           data={"title": "测试", "body": payload})
    assert response.status_code == 302, response.data[:300]
    thread = db.session.scalar(select(Thread))
    html = client.get(thread_path(thread.id)).get_data(as_text=True)
    [body] = _post_bodies(html)
    parser = _Tags()
    parser.feed(body)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (payload, tag)
        assert not any(name.startswith("on") for name in attrs), (payload, attrs)
        assert "style" not in attrs or "javascript" not in attrs["style"].lower()
        for name in ("href", "src"):
            if name in attrs:
                plain = re.sub(r"[\s\x00-\x1f]+", "", unquote(attrs[name])).lower()
                scheme = plain.split(":", 1)[0] if ":" in plain else ""
                assert scheme in ("", "http", "https", "mailto"), (payload, attrs)
    assert "<script" not in body.lower()


def test_code_blocks_are_kept(bw, login_as):
    client = login_as(bw.member)
    client.post(f"/forum/boards/{bw.company_board.id}/threads/new",
                data={"title": "配置", "body": "```\ninterface Vlan10\n```"})
    thread = db.session.scalar(select(Thread))
    html = client.get(thread_path(thread.id)).get_data(as_text=True)
    assert "<pre><code>interface Vlan10" in html


def test_post_reply_quote_and_messages(bw, login_as):
    client = login_as(bw.pm)
    response = client.post(f"/forum/boards/{bw.project_board.id}/threads/new",
                           data={"title": "割接方案", "body": "@member 请评审"})
    thread = db.session.scalar(select(Thread))
    assert response.location.endswith(f"/forum/threads/{thread.id}")
    first = posts.get_post(thread, 1)
    member = login_as(bw.member)
    page = member.get(thread_path(thread.id) + f"?quote={first.id}").get_data(as_text=True)
    assert "&gt; @member 请评审" in page
    response = member.post(f"/forum/threads/{thread.id}/reply",
                           data={"body": "> 请评审\n\n同意", "quoted_id": str(first.id)})
    assert response.status_code == 302
    reply = posts.get_post(thread, 2)
    assert reply.quoted_post_id == first.id
    html = member.get(thread_path(thread.id)).get_data(as_text=True)
    assert 'class="border-start ps-2 text-body-secondary small quoted"' in html
    # refusals, with the message on the page and nothing written
    for body, message in [("", "The post is empty"), ("@nobody 看看", "No such user: @nobody"),
                          ("@outsider 看看", "cannot see this board"),
                          ("字" * 20_001, "at most 20,000")]:
        response = member.post(f"/forum/threads/{thread.id}/reply", data={"body": body})
        assert response.status_code == 422
        assert message.replace(",", "") in response.get_data(as_text=True).replace(",", "")
    assert db.session.scalar(select(func.count(Post.id))) == 2


def test_locked_thread_and_unseen_board_are_refused(bw, login_as):
    thread = posts.create_thread(bw.pm, bw.project_board, title="已锁定", body="结论")
    posts.set_locked(bw.pm, thread, True)
    db.session.commit()
    response = login_as(bw.member).post(f"/forum/threads/{thread.id}/reply",
                                        data={"body": "再说一句"})
    assert response.status_code == 403
    page = login_as(bw.member).get(thread_path(thread.id)).get_data(as_text=True)
    assert "This thread is locked" in page and 'id="reply"' not in page
    assert login_as(bw.outsider).get(thread_path(thread.id)).status_code == 403
    assert login_as(bw.outsider).get(f"/forum/boards/{bw.project_board.id}").status_code == 403
    assert db.session.scalar(select(func.count(Post.id))) == 1


def test_board_list_hides_boards_one_may_not_see(bw, login_as):
    html = login_as(bw.outsider).get("/forum/").get_data(as_text=True)
    assert "公告与交流" in html and bw.project.name not in html and "交付中心" not in html
    html = login_as(bw.member).get("/forum/").get_data(as_text=True)
    assert bw.project.name in html and "交付中心" in html


def test_delete_and_history_pages(bw, login_as):
    thread = posts.create_thread(bw.member, bw.project_board, title="讨论", body="开头")
    reply = posts.reply(bw.member, thread, body="旧的说法")
    posts.edit_post(bw.member, reply, body="新的说法")
    db.session.commit()
    client = login_as(bw.member)
    history = client.get(f"/forum/threads/{thread.id}/posts/{reply.id}/history")
    text = history.get_data(as_text=True)
    assert "旧的说法" in text and "新的说法" in text
    client.post(f"/forum/threads/{thread.id}/posts/{reply.id}/delete")
    html = client.get(thread_path(thread.id)).get_data(as_text=True)
    assert "Deleted by 张工" in html and "新的说法" not in html
    assert login_as(bw.member).get(
        f"/forum/threads/{thread.id}/posts/{reply.id}/history").status_code == 403
    assert login_as(bw.pm).get(
        f"/forum/threads/{thread.id}/posts/{reply.id}/history").status_code == 200


def test_mention_autocomplete_offers_only_who_can_see(bw, login_as):
    client = login_as(bw.pm)
    names = {u["username"] for u in client.get(
        f"/forum/boards/{bw.project_board.id}/mentions.json?q=e").get_json()}
    assert "member" in names and "head" in names and "exec" in names
    assert "outsider" not in names and "colleague" not in names
    names = {u["username"] for u in client.get(
        f"/forum/boards/{bw.company_board.id}/mentions.json?q=e").get_json()}
    assert {"outsider", "colleague"} <= names


def test_notification_links_open_the_right_page(bw, login_as):
    thread = posts.create_thread(bw.pm, bw.project_board, title="长帖", body="开头")
    for i in range(POSTS_PER_PAGE + 1):
        posts.reply(bw.pm, thread, body=f"第{i}楼")
    db.session.commit()
    path = post_path(thread.id, POSTS_PER_PAGE + 2)
    html = login_as(bw.member).get(path.split("#")[0]).get_data(as_text=True)
    assert f'id="post-{POSTS_PER_PAGE + 2}"' in html and 'id="post-1"' not in html


def _grow(bw, n: int, start: int = 0):
    users = [bw.member, bw.pm, bw.head, bw.colleague, bw.admin]
    for i in range(start, start + n):
        author = users[i % len(users)]
        board = bw.project_board if author is not bw.colleague else bw.company_board
        thread = posts.create_thread(author, board, title=f"主题{i}", body=f"内容{i} @member")
        reply = posts.reply(bw.pm if author is not bw.colleague else bw.admin, thread,
                            body=f"回复{i}", quoted=posts.get_post(thread, 1))
        posts.edit_post(reply.author, reply, body=f"回复{i}（改）")
    boards.create_board(bw.admin, kind="department", name=f"部门版{start}",
                        department=bw.team)
    db.session.commit()


def test_query_counts_do_not_grow_with_rows(bw, login_as):
    _grow(bw, 3)
    thread = db.session.scalar(select(Thread).where(Thread.board_id == bw.project_board.id)
                               .order_by(Thread.id))
    for i in range(3):
        posts.reply(bw.head if i % 2 else bw.admin, thread, body=f"楼{i}",
                    files=[(f"f{i}.txt", BytesIO(b"x"))])
    db.session.commit()
    client = login_as(bw.member)
    urls = ["/forum/", f"/forum/boards/{bw.project_board.id}", thread_path(thread.id),
            f"/forum/projects/{bw.project.id}?partial=1"]

    def measure():
        counts = {}
        for url in urls:
            client.get(url)                      # marks read (a write) on a first visit
            with count_queries(db.engine) as counter:
                assert client.get(url).status_code == 200
            counts[url] = counter.count
            last_statements[url] = counter.statements
        return counts

    last_statements: dict = {}

    before = measure()
    _grow(bw, 8, start=3)
    for i in range(8):
        posts.reply(bw.pm, thread, body=f"更多{i}",
                    files=[(f"g{i}.txt", BytesIO(b"y"))])
    db.session.commit()
    after = measure()
    assert after == before, (before, after, last_statements)


def test_project_tab_lists_threads_per_stage_and_milestone(bw, login_as):
    stage = bw.project.stages[0]
    milestone = stage.milestones[0] if stage.milestones else None
    posts.create_thread(bw.pm, bw.project_board, title="阶段讨论", body="x", stage=stage)
    if milestone is not None:
        posts.create_thread(bw.pm, bw.project_board, title="里程碑讨论", body="x",
                            milestone=milestone)
    db.session.commit()
    html = login_as(bw.member).get(f"/forum/projects/{bw.project.id}?partial=1") \
        .get_data(as_text=True)
    assert 'id="board-by-stage"' in html and "阶段讨论" in html
    if milestone is not None:
        assert "里程碑讨论" in html
    assert "<html" not in html
    page = login_as(bw.member).get(f"/projects/{bw.project.id}").get_data(as_text=True)
    assert f'data-fragment="/forum/projects/{bw.project.id}?partial=1"' in page
    assert login_as(bw.outsider).get(f"/forum/projects/{bw.project.id}").status_code == 403


def test_threads_show_on_document_and_organisation_pages(bw, login_as):
    version = document_services.create_document(
        bw.pm, bw.project, title="网络拓扑设计", category="technical", stream=BytesIO(b"topo"),
        filename="拓扑.txt")
    document = version.document
    customer = bw.project.customer
    linked = posts.create_thread(bw.pm, bw.project_board, title="拓扑评审意见", body="x",
                                 document=document, organization=customer,
                                 stage=bw.project.stages[0])
    posts.create_thread(bw.pm, bw.company_board, title="客户拜访纪要", body="x",
                        organization=customer)
    db.session.commit()
    html = login_as(bw.member).get(
        f"/projects/{bw.project.id}/documents/{document.id}").get_data(as_text=True)
    assert "拓扑评审意见" in html
    html = login_as(bw.member).get(f"/organizations/{customer.id}").get_data(as_text=True)
    assert "拓扑评审意见" in html and "客户拜访纪要" in html
    # an outsider sees the organisation, and only the company-board thread
    html = login_as(bw.outsider).get(f"/organizations/{customer.id}").get_data(as_text=True)
    assert "客户拜访纪要" in html and "拓扑评审意见" not in html
    # the thread names what it is about, with links
    html = login_as(bw.member).get(thread_path(linked.id)).get_data(as_text=True)
    assert 'id="thread-links"' in html and document.title in html and customer.name in html
    assert bw.project.stages[0].name_en in html  # the page is in English in tests


def test_outsider_never_finds_a_project_thread(bw, search_index):
    thread = posts.create_thread(bw.pm, bw.project_board, title="投标报价底线",
                                 body="报价不低于八百万")
    posts.create_thread(bw.pm, bw.company_board, title="公司报价规范", body="报价流程")
    db.session.commit()
    search_index.drain()
    assert [h.id for h in search_index.search(bw.member, "报价", kinds=["post"]).hits] \
        and thread.id in [h.id for h in search_index.search(bw.member, "八百万").hits]
    outsider = search_index.search(bw.outsider, "报价")
    assert thread.id not in [h.id for h in outsider.hits if h.kind == "post"]
    assert [h.title.striptags() for h in outsider.hits if h.kind == "post"] == ["公司报价规范"]
    assert search_index.search(bw.outsider, "八百万").total == 0
    # deleted posts leave the index
    posts.delete_post(bw.pm, posts.get_post(thread, 1))
    db.session.commit()
    search_index.drain()
    assert search_index.search(bw.member, "八百万").total == 0


def test_watch_and_mark_read_pages(bw, login_as):
    thread = posts.create_thread(bw.pm, bw.project_board, title="关注", body="x")
    db.session.commit()
    client = login_as(bw.member)
    html = client.get(f"/forum/boards/{bw.project_board.id}").get_data(as_text=True)
    assert "unread" in html
    client.post(f"/forum/boards/{bw.project_board.id}/read")
    html = client.get(f"/forum/boards/{bw.project_board.id}").get_data(as_text=True)
    assert 'badge text-bg-primary ms-1 unread' not in html
    client.post(f"/forum/threads/{thread.id}/watch", data={"on": "1"})
    assert reading.watching(bw.member, thread)


def test_paths_made_outside_requests_match_the_blueprint(app):
    with app.test_request_context():
        assert thread_path(7) == url_for("forum.thread_view", thread_id=7)
        assert post_path(7, POSTS_PER_PAGE + 1) == url_for(
            "forum.thread_view", thread_id=7, page=2, _anchor=f"post-{POSTS_PER_PAGE + 1}")


def test_admin_creates_a_department_board_and_archives_it(bw, login_as):
    client = login_as(bw.admin)
    response = client.post("/forum/boards/new", data={
        "kind": "department", "department_id": str(bw.sales.id), "name": "销售经验",
        "description": "投标与报价心得", "moderator_ids": [str(bw.outsider.id)]})
    assert response.status_code == 302
    board = db.session.scalar(select(Board).where(Board.name == "销售经验"))
    assert board.kind == "department" and board.department_id == bw.sales.id
    assert [m.user_id for m in board.moderators] == [bw.outsider.id]
    assert "销售经验" in login_as(bw.outsider).get("/forum/").get_data(as_text=True)
    assert "销售经验" not in login_as(bw.member).get("/forum/").get_data(as_text=True)
    # a department board needs its department
    response = client.post("/forum/boards/new", data={"kind": "department", "name": "无部门"})
    assert "Choose the department." in response.get_data(as_text=True)
    # its moderator archives it: it leaves the open list, no new threads
    moderator = login_as(bw.outsider)
    moderator.post(f"/forum/boards/{board.id}/archive", data={"archived": "1"})
    assert "销售经验" not in moderator.get("/forum/").get_data(as_text=True)
    assert "销售经验" in moderator.get("/forum/?archived=1").get_data(as_text=True)
    assert moderator.get(f"/forum/boards/{board.id}/threads/new").status_code == 403


def test_attachments_survive_a_refused_thread_and_reply(bw, login_as):
    client = login_as(bw.member)
    url = f"/forum/boards/{bw.company_board.id}/threads/new"
    response = client.post(url, data={"title": "", "body": "见附件", "files": [
        (BytesIO("拓扑图".encode()), "拓扑.txt")]}, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert "拓扑.txt kept" in html
    response = client.post(url, data={"title": "组网", "body": "见附件",
                                      "files_kept": kept_tokens(html, "files")})
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert [a.filename for a in posts.get_post(thread, 1).attachments] == ["拓扑.txt"]
    # a refused reply (an unknown mention) shows the form again with its file kept
    response = client.post(f"/forum/threads/{thread.id}/reply", data={
        "body": "@nobody 看看", "files": [(BytesIO(b"log"), "日志.txt")]},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "日志.txt kept" in html
    response = client.post(f"/forum/threads/{thread.id}/reply", data={
        "body": "看看", "files_kept": kept_tokens(html, "files")})
    assert response.status_code == 302
    assert [a.filename for a in posts.get_post(thread, 2).attachments] == ["日志.txt"]
