"""A presales project walked through the browser: created from the standard
template, past 立项 (documents uploaded and approved, checklist, two reviewers), past 合同评审,
marked won, and on into its implementation project."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _approve_documents(as_user, project_url: str, approvers):
    """Each approver approves every document version awaiting them."""
    for username in approvers:
        page = as_user(username)
        page.goto(project_url)
        page.click("button[data-bs-target='#tab-documents']")
        while page.locator("#document-table a", has_text="Awaits your approval").count():
            page.locator("#document-table a", has_text="Awaits your approval").first.click()
            form = page.locator(".decide-form").first
            form.locator("textarea").fill("同意")
            form.locator("button[value=approve]").click()
            expect(page.locator(".alert-success").first).to_be_visible()
            page.goto(project_url)
            page.click("button[data-bs-target='#tab-documents']")


def _hand_in_current_documents(page, tmp_path: Path, stage: str):
    page.click("button[data-bs-target='#tab-documents']")
    rows = page.locator("#document-table tbody tr", has_text=stage)
    for index in range(rows.count()):
        row = page.locator("#document-table tbody tr", has_text=stage).nth(index)
        if row.locator("input[type=file]").count() == 0:
            continue
        name = row.locator("td").nth(1).inner_text().split("\n")[0]
        path = tmp_path / f"{name}.txt"
        path.write_text(f"{name}：浏览器测试提交的文件\n", encoding="utf-8")
        row.locator("input[type=file]").set_input_files(str(path))
        row.locator("button[type=submit]").click()
        expect(page.locator(".alert-success").first).to_be_visible()
        page.click("button[data-bs-target='#tab-documents']")


def _choose(page, select: str, text: str):
    """Select the option whose label contains `text`."""
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.select_option(select, value)


def _submit_gate(page):
    form = page.locator("#gate-form")
    for box in form.locator("input[name=checklist]").all():
        box.check()
    form.locator("textarea").fill("请审批。")
    form.locator("button[type=submit]").click()
    expect(page.locator("#gate-pending")).to_be_visible()


def _approve(page, live_server, project_code):
    page.goto(live_server + "/reviews/")
    page.locator("#pending-reviews a", has_text=project_code).first.click()
    page.select_option("#decision", "approve")
    page.fill("#comment", "同意")
    page.click("#decision-form button[type=submit]")
    expect(page.locator(".alert-success").first).to_be_visible()


def test_lead_to_won_to_implementation(live_server, as_user, tmp_path):
    sales = as_user("sales")
    sales.goto(live_server + "/projects/new")
    _choose(sales, "#template_version_id", "Standard presales project")
    _choose(sales, "#customer_id", "国网北京市电力公司")
    sales.fill("#name", "配网自动化主站升级")
    sales.fill("#start_date", "2026-10-12")
    sales.fill("#amount", "2600000")
    sales.fill("#win_probability", "50")
    sales.click("#project-form button[type=submit]")
    expect(sales.locator("h1")).to_contain_text("配网自动化主站升级")
    code = sales.locator(".breadcrumb-item.active").inner_text().strip()
    assert re.fullmatch(r"PS-2026-\d{4}", code), code
    project_url = sales.url

    # 线索 → 立项: finishing the lead stage opens the gate
    sales.click("#finish-stage")
    expect(sales.locator("#gate-form")).to_be_visible()
    _hand_in_current_documents(sales, tmp_path, "Project approval")
    _approve_documents(as_user, project_url, ("sales_mgr",))
    sales.goto(project_url)
    _submit_gate(sales)

    # the reviewers: the sales department's head and the executive
    for reviewer in ("sales_mgr", "ceo"):
        _approve(as_user(reviewer), live_server, code)
    sales.goto(project_url)
    expect(sales.locator("#finish-stage")).to_contain_text("Requirement survey")

    # through the plain stages to the contract review
    for _ in range(3):
        sales.click("#finish-stage")
        expect(sales.locator(".alert-success").first).to_be_visible()
    expect(sales.locator("#gate-form")).to_be_visible()
    _hand_in_current_documents(sales, tmp_path, "Contract review")
    _approve_documents(as_user, project_url, ("sales_mgr", "finance"))
    sales.goto(project_url)
    _submit_gate(sales)
    for reviewer in ("sales_mgr", "ceo", "finance"):
        _approve(as_user(reviewer), live_server, code)

    # won, by the department's manager, into an implementation project
    manager = as_user("sales_mgr")
    manager.goto(project_url)
    manager.click("#mark-won")
    manager.fill("#signed_amount", "2480000")
    manager.fill("#signed_date", "2026-11-20")
    _choose(manager, "#template_version_id", "Standard implementation project")
    _choose(manager, "#pm_id", "陈静")
    manager.fill("#start_date", "2026-11-23")
    manager.click("main form button[type=submit]")
    expect(manager.locator("h1")).to_contain_text("配网自动化主站升级")
    implementation_code = manager.locator(".breadcrumb-item.active").inner_text().strip()
    assert re.fullmatch(r"IM-2026-\d{4}", implementation_code), implementation_code
    manager.click("button[data-bs-target='#tab-stages']")
    expect(manager.locator("#stage-table")).to_contain_text("Kickoff")
    expect(manager.locator("#stage-table")).to_contain_text("Acceptance")

    # the presales project is won and read-only now
    sales.goto(project_url)
    expect(sales.locator("#read-only")).to_be_visible()
    expect(sales.locator("#finish-stage")).to_have_count(0)
