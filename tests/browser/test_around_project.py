"""Around a project in the browser: the PM adds a partner (a negative value refused),
records an expense (a negative amount refused) and reads the finance tab and the
win/loss report in Chinese."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import choose_language

pytestmark = pytest.mark.browser


def _first_option(page, select):
    value = page.locator(f"{select} option:not([value=''])").first.get_attribute("value")
    page.select_option(select, value)


def test_partner_expense_and_chinese_pages(as_user, live_server):
    page = as_user("pm")
    page.goto(live_server + "/projects/?status=active")
    page.locator("table tbody tr a[href^='/projects/']").first.click()
    project_url = re.sub(r"[?#].*$", "", page.url)

    page.goto(project_url + "/partners/new")
    _first_option(page, "#organization_id")
    page.select_option("#role", "vendor")
    page.fill("#contract_value", "-5")
    page.click("main button[type=submit]")
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    page.fill("#contract_value", "120000")
    page.fill("#responsibilities", "核心交换机供货与原厂服务")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("核心交换机供货与原厂服务")

    page.goto(project_url + "/finance/expenses/new")
    page.select_option("#category", "travel")
    page.fill("#spent_on", date.today().isoformat())
    page.fill("#amount", "-100")
    page.fill("#description", "客户现场差旅")
    _first_option(page, "#spent_by_id")
    page.click("main button[type=submit]")
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    page.fill("#amount", "860.50")
    page.click("main button[type=submit]")
    if page.locator("#confirm_over_budget").count():      # past its budget line: confirm
        page.check("#confirm_over_budget")
        page.click("main button[type=submit]")
    expect(page.locator(".alert-success").first).to_be_visible()

    choose_language(page, "中文")
    page.goto(project_url + "/finance")
    expect(page.locator("body")).to_contain_text("预算")
    expect(page.locator("body")).to_contain_text("客户现场差旅")
    page.goto(live_server + "/projects/win-loss")
    expect(page.locator("h1")).to_be_visible()
    assert "Win" not in page.locator("h1").inner_text()
    choose_language(page, "English")
