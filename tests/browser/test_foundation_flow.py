"""Log in, switch language, create an organisation, see the duplicate warning, log out."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import choose_language

pytestmark = pytest.mark.browser


def test_login_language_duplicate_warning_logout(live_server, page):
    page.goto(live_server + "/organizations/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.locator("h1")).to_have_text("Log in to sicrm")  # browser asked for English

    page.fill("#username", "sales")
    page.fill("#password", "wrong-password")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("Invalid username or password.")

    page.fill("#username", "sales")
    page.fill("#password", "demo1234")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Organisations")

    # switch to Chinese with the switcher in the navigation bar
    choose_language(page, "简体中文")
    expect(page.locator("h1")).to_have_text("组织")
    expect(page.locator("#language-menu")).to_have_text("简体中文")

    # a new organisation whose name differs from a demo one only by its legal form
    page.click("#new-organization")
    page.fill("#name", "华为技术股份有限公司")
    live = page.locator("#live-duplicates")
    expect(live).to_be_visible(timeout=15_000)  # a debounced fetch; CI machines are busy
    expect(live).to_contain_text("华为技术有限公司")
    page.fill("#city", "深圳")
    page.click("main form button[type=submit]")
    warning = page.locator("#duplicate-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("华为技术有限公司")
    expect(page.locator("#city")).to_have_value("深圳")  # what was typed is kept

    # confirm it is a different organisation and save
    page.check("#confirm_duplicates")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("华为技术股份有限公司")
    expect(page.locator(".alert-success")).to_be_visible()

    page.click("#user-menu")
    page.click("#logout")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("h1")).to_have_text("登录 sicrm")  # the choice stays with the browser
