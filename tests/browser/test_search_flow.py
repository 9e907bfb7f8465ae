"""Search in the browser: a presales engineer searches in Chinese from the navigation
bar, sees highlighted results, opens an article and finds the project it is linked
to, whose knowledge tab (loaded when opened) lists the article."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import choose_language

pytestmark = pytest.mark.browser


def test_search_from_the_navbar_in_chinese_then_related_knowledge(as_user):
    page = as_user("presales")
    choose_language(page, "中文")
    box = page.locator("#nav-search input[name=q]")
    box.fill("政务云")
    box.press("Enter")
    expect(page.locator("main h1")).to_have_text("搜索")
    hits = page.locator("#search-results .search-hit")
    expect(hits).to_have_count(2)
    expect(page.locator("#search-results mark.hl").first).to_have_text("政务云")
    expect(page.locator("#kind-counts")).to_contain_text("知识文档")
    page.click("#search-results .search-hit[data-kind=article] a.fw-semibold")
    expect(page.locator("main h1").first).to_contain_text("智慧政务一网通办解决方案")
    links = page.locator("#article-links")
    expect(links).to_contain_text("政务云安全能力提升项目")
    links.locator("a:has-text('政务云安全能力提升项目')").click()
    page.click("#knowledge-tab")
    related = page.locator("#related-knowledge")
    expect(related).to_contain_text("智慧政务一网通办解决方案")
    expect(related.locator("[data-reason=linked]").first).to_be_visible()
    # nonsense input gives a message, not an error page
    box = page.locator("#nav-search input[name=q]")
    box.fill('"((')
    box.press("Enter")
    expect(page.locator("#search-error")).to_be_visible()
    choose_language(page, "English")
