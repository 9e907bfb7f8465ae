"""Destructive forms ask first (data-confirm, read by static/sicrm.js): dismissing the
dialog changes nothing in the database, accepting it does the action. And no page
breaks the Content-Security-Policy (no inline script is refused, no console error)."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.browser.conftest import SERVER_ENV

pytestmark = pytest.mark.browser


def _scalar(sql: str, **params):
    engine = create_engine(SERVER_ENV["SICRM_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def _dialogs(page):
    """Record each dialog's message and answer with the current choice in `state`."""
    state = {"accept": False, "messages": []}

    def handle(dialog):
        state["messages"].append(dialog.message)
        if state["accept"]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", handle)
    return state


@pytest.fixture
def fresh_page(browser, live_server, request):
    """A signed-in page without the shared fixture's accept-everything dialog handler."""
    contexts = []

    def login(username):
        context = browser.new_context(locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(live_server + "/login")
        page.fill("#username", username)
        page.fill("#password", "demo1234")
        page.click("main button[type=submit]")
        expect(page.locator("#user-menu")).to_be_visible()
        return page

    yield login
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        for number, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=f"/tmp/{request.node.name}-{number}.png", full_page=True)
    for context in contexts:
        context.close()


def test_deleting_an_organisation_asks_first(fresh_page, live_server):
    page = fresh_page("admin")
    name = f"确认测试 {uuid.uuid4().hex[:8]} 有限公司"
    page.goto(live_server + "/organizations/new")
    page.fill("#name", name)
    page.click("main form button[type=submit]")
    if page.locator("#confirm_duplicates").count():
        page.check("#confirm_duplicates")
        page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text(name)
    org_url = page.url
    count = "SELECT count(*) FROM organizations WHERE name = :name"
    assert _scalar(count, name=name) == 1

    dialogs = _dialogs(page)
    delete = page.locator("form[action$='/delete'][data-confirm] button[type=submit]").first
    delete.click()
    page.wait_for_timeout(500)
    assert len(dialogs["messages"]) == 1
    assert "Delete this organisation" in dialogs["messages"][0]
    assert page.url == org_url  # nothing was submitted
    assert _scalar(count, name=name) == 1

    dialogs["accept"] = True
    with page.expect_navigation():
        delete.click()
    assert len(dialogs["messages"]) == 2
    expect(page.locator(".alert-success")).to_be_visible()
    assert _scalar(count, name=name) == 0


def test_removing_a_team_member_asks_first(fresh_page, live_server):
    project_id = _scalar(
        "SELECT p.id FROM projects p JOIN users u ON u.id = p.pm_id WHERE u.username = 'pm' "
        "AND p.status = 'active' ORDER BY p.id LIMIT 1")
    assert project_id
    engineer = _scalar("SELECT id FROM users WHERE username = 'engineer'")
    members = "SELECT count(*) FROM project_members WHERE project_id = :p AND user_id = :u"
    page = fresh_page("pm")
    page.goto(f"{live_server}/projects/{project_id}#tab-team")
    if not _scalar(members, p=project_id, u=engineer):
        page.click("[data-bs-target='#tab-team']")
        page.select_option("#member-form #user_id", str(engineer))
        page.select_option("#member-form #role", "observer")
        page.locator("#member-form button[type=submit]").click()
        expect(page.locator(".alert-success")).to_be_visible()
    assert _scalar(members, p=project_id, u=engineer) == 1

    page.goto(f"{live_server}/projects/{project_id}#tab-team")
    page.click("[data-bs-target='#tab-team']")
    dialogs = _dialogs(page)
    remove = page.locator(f"#team-table form[action$='/team/{engineer}/remove'] button")
    remove.click()
    page.wait_for_timeout(500)
    assert dialogs["messages"] == ["Remove this person from the team?"]
    assert _scalar(members, p=project_id, u=engineer) == 1

    dialogs["accept"] = True
    with page.expect_navigation():
        remove.click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert _scalar(members, p=project_id, u=engineer) == 0


PAGES = ["/", "/projects/", "/projects/board", "/organizations/", "/contacts/",
         "/knowledge/", "/forum/", "/calendar/", "/alarms/", "/reviews/",
         "/admin/users/", "/notifications/", "/search?q=交换机"]


def test_pages_break_no_content_security_policy(fresh_page, live_server):
    page = fresh_page("admin")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    project_id = _scalar("SELECT min(id) FROM projects")
    org_id = _scalar("SELECT min(id) FROM organizations")
    for path in [*PAGES, f"/projects/{project_id}", f"/organizations/{org_id}"]:
        response = page.goto(live_server + path)
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
    # tabs of a project page load their fragments by script
    page.goto(f"{live_server}/projects/{project_id}")
    for tab in page.locator("[data-bs-toggle='tab']").all():
        if tab.is_visible():
            tab.click()
    page.wait_for_load_state("networkidle")
    assert not [p for p in problems if re.search(r"Content Security Policy|Refused", p)], problems
    assert problems == []


def test_page_scripts_work_under_the_policy(fresh_page, live_server):
    """The scripts moved out of the templates still work: keyword suggestions and the
    article preview (knowledge.js), the project tabs (tabs.js), on pages that would
    report a refused inline script as a console error."""
    page = fresh_page("admin")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    article = _scalar("SELECT min(id) FROM kb_articles")
    keyword = _scalar("SELECT name FROM kb_keywords ORDER BY id LIMIT 1")
    page.goto(f"{live_server}/knowledge/articles/{article}/edit")
    page.fill("#keywords", "")
    page.type("#keywords", keyword[:1])
    expect(page.locator("#keywords-list option").first).to_be_attached(timeout=5_000)
    page.fill("#body", "**粗体** text")
    page.click("#preview-tab")
    expect(page.locator("#preview strong")).to_have_text("粗体")
    thread = _scalar("SELECT min(id) FROM forum_threads")
    page.goto(f"{live_server}/forum/threads/{thread}")
    page.wait_for_load_state("networkidle")
    assert problems == []
