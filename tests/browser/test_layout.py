"""Layout at the widths people use: the navigation bar's last items (notifications, the
user menu) stay on screen at 1280 and 1400 px in English and Chinese, the board's last
column is on screen at 1400 px, no main page scrolls sideways on a 390 px phone, and the
favicon loads."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import choose_language

pytestmark = pytest.mark.browser

PHONE_PAGES = ["/", "/projects/", "/projects/board", "/organizations/", "/alarms/",
               "/reviews/", "/knowledge/", "/forum/"]


def _right_edge(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"]


@pytest.mark.parametrize("language", ["English", "简体中文"])
@pytest.mark.parametrize("width", [1280, 1400])
def test_navbar_fits(as_user, live_server, language, width):
    page = as_user("admin")
    choose_language(page, language)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/")
    expect(page.locator("#notifications-link")).to_be_visible()
    assert _right_edge(page, "#user-menu") <= width
    assert _right_edge(page, "#notifications-link") <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_board_last_column_on_screen_at_1400(as_user, live_server):
    page = as_user("sales_mgr")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server + "/projects/board")
    assert _right_edge(page, "#board .board-column >> nth=-1") <= 1400


def test_phone_pages_do_not_scroll_sideways(as_user, live_server):
    page = as_user("pm")
    choose_language(page, "简体中文")
    page.set_viewport_size({"width": 390, "height": 844})
    wide = []
    for path in PHONE_PAGES:
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append(f"{path}: {width}px")
    assert wide == []


def test_favicon_loads(as_user, live_server):
    page = as_user("engineer")
    href = page.locator("link[rel=icon]").first.get_attribute("href")
    response = page.request.get(live_server + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/")
