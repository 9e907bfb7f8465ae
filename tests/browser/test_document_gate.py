"""Document control in the browser: a salesperson uploads the required 立项申请表
on the documents tab, the sales department's manager approves it on the document's
page, and only then does the 立项 gate accept the submission."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_required_document_is_approved_before_the_gate(live_server, as_user, tmp_path):
    sales = as_user("sales")
    sales.goto(live_server + "/projects/new")
    value = sales.locator("#template_version_id option",
                          has_text="Standard presales project").first.get_attribute("value")
    sales.select_option("#template_version_id", value)
    value = sales.locator("#customer_id option", has_text="三一重工").first.get_attribute("value")
    sales.select_option("#customer_id", value)
    sales.fill("#name", "智能工厂网络安全改造")
    sales.fill("#start_date", "2026-10-19")
    sales.click("#project-form button[type=submit]")
    expect(sales.locator("h1")).to_contain_text("智能工厂网络安全改造")
    project_url = sales.url
    sales.click("#finish-stage")
    expect(sales.locator("#gate-form")).to_be_visible()

    # the gate cannot be submitted while the required document is missing
    expect(sales.locator("#gate-form button[type=submit]")).to_be_disabled()
    expect(sales.locator(".alert-warning", has_text="Required documents still missing")
           ).to_contain_text("立项申请表")

    # upload it on the documents tab, submitted for approval at once
    sales.goto(project_url)
    sales.click("button[data-bs-target='#tab-documents']")
    row = sales.locator("#document-table tbody tr", has_text="立项申请表")
    path = tmp_path / "立项申请表.txt"
    path.write_text("客户：三一重工\n预算：120 万元\n", encoding="utf-8")
    # the category comes from the template (立项申请表 is a management document): no choice
    expect(row.locator("select[name=category]")).to_have_count(0)
    row.locator("input[type=file]").set_input_files(str(path))
    row.locator("input[name=note]").fill("初稿")
    row.locator("button[type=submit]").click()
    expect(sales.locator(".alert-success").first).to_be_visible()
    sales.click("button[data-bs-target='#tab-documents']")
    row = sales.locator("#document-table tbody tr", has_text="立项申请表")
    expect(row).to_contain_text("-MGT-001")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "in_review")

    # uploaded but not approved yet: still missing, still no submission
    sales.goto(project_url)
    expect(sales.locator("#gate-form button[type=submit]")).to_be_disabled()

    # the department's manager approves it on the document's page
    manager = as_user("sales_mgr")
    manager.goto(project_url)
    manager.click("button[data-bs-target='#tab-documents']")
    manager.locator("#document-table a", has_text="Awaits your approval").first.click()
    expect(manager.locator("#versions")).to_contain_text("立项申请表.txt")
    form = manager.locator(".decide-form").first
    form.locator("textarea").fill("同意立项")
    form.locator("button[value=approve]").click()
    expect(manager.locator(".alert-success").first).to_be_visible()
    expect(manager.locator("h1")).to_contain_text("In force: v1")

    # now the gate accepts the submission
    sales.goto(project_url)
    expect(sales.locator("#gate-form button[type=submit]")).to_be_enabled()
    for box in sales.locator("#gate-form input[name=checklist]").all():
        box.check()
    sales.locator("#gate-form textarea").fill("请审批。")
    sales.locator("#gate-form button[type=submit]").click()
    expect(sales.locator("#gate-pending")).to_be_visible()
