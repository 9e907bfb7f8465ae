"""Alarms in the browser: a scan raises the demo company's late milestones; the PM
sees them on the home page, acknowledges one, reads the list in Chinese; an
administrator's policy with a wrong recipient is refused; a calendar feed parses."""
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SERVER_ENV, choose_language

pytestmark = pytest.mark.browser
SICRM = str(Path(sys.executable).parent / "sicrm")


@pytest.fixture
def scanned(live_server):
    result = subprocess.run([SICRM, "alarms", "scan"], env=SERVER_ENV, check=True,
                            capture_output=True, text=True)
    return result.stdout


def test_the_pm_sees_and_acknowledges_an_alarm_in_both_languages(scanned, as_user):
    page = as_user("pm")
    widget = page.locator("#widget-my-alarms")
    expect(widget).to_be_visible()
    widget.locator("li a").first.click()
    expect(page.locator("h1")).to_contain_text(":")
    page.click("form[action$='/acknowledge'] button[type=submit]")        # no note
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    page.fill("form[action$='/acknowledge'] textarea", "已联系客户，周五前完成")
    page.click("form[action$='/acknowledge'] button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("Alarm acknowledged.")
    expect(page.locator("h1 .badge")).to_have_text("Acknowledged")
    choose_language(page, "中文")
    page.goto(page.url.split("/alarms/")[0] + "/alarms/?status=acknowledged")
    expect(page.locator("h1")).to_have_text("我的报警")
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table .badge")).to_have_text("已确认")
    choose_language(page, "English")


def test_an_admin_policy_with_an_unknown_recipient_is_refused(as_user, live_server):
    page = as_user("admin")
    page.goto(live_server + "/admin/alarm-policies/")
    page.click("text=New policy")
    page.fill("#name", "浏览器测试策略")
    page.fill("#milestone_escalation", "0: owner, pm\n3: boss")
    page.click("main button[type=submit]")
    expect(page.locator(".invalid-feedback")).to_contain_text("Line 2: unknown recipient")
    page.fill("#milestone_escalation", "0: owner, pm\n3: pm_manager, user:ceo")
    page.click("main button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("Saved.")
    expect(page.locator("table")).to_contain_text("user:ceo")


def test_a_calendar_feed_made_in_the_browser_parses(as_user, live_server):
    page = as_user("pm")
    page.goto(live_server + "/calendar/feeds/")
    page.click("#feed-form button[type=submit]")
    address = page.locator("input[value*='/calendar/feed/']").first.input_value()
    response = page.request.get(address)
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    assert calendar["VERSION"] == "2.0"
    assert any(event.get("UID") for event in calendar.walk("VEVENT"))
