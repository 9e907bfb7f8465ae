"""The demo as each of its people meets it, in Chinese and in English: a bounded crawl
from the home page through every link shown (see crawl.py for what it checks). A
defect a user would meet in the first hour (a 500, a link that answers 403, a raw
``%(name)s``, a script error, a request to the internet, an English label on a Chinese
page, a destructive button that does not ask) fails here."""
from __future__ import annotations

import pytest

from tests.browser import conftest
from tests.browser.crawl import crawl, data_words, database_fingerprint, login

pytestmark = pytest.mark.browser

#: every demo account (README, "Demo accounts")
ROLES = ("admin", "ceo", "sales_mgr", "sales", "sales2", "presales", "presales_mgr", "pm",
         "impl_mgr", "engineer", "finance")

#: pages rendered per account and language (every pattern, a URL with numbers as N, is
#: rendered once; the navigation and each list come first, breadth first) and links of
#: each pattern checked over HTTP: 22 crawls must stay within a few minutes of CI
MAX_PAGES = {"zh": 70, "en": 30}
LINKS_PER_PATTERN = 2


@pytest.fixture(scope="module")
def demo_database(live_server):
    url = conftest.SERVER_ENV["SICRM_DATABASE_URL"]
    return {"data": data_words(url), "fingerprint": database_fingerprint(url)}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("user", ROLES)
def test_crawl_as_each_role(browser, live_server, demo_database, user, language):
    context = login(browser, live_server, user, language)
    try:
        report = crawl(context, live_server, user, language, max_pages=MAX_PAGES[language],
                       links_per_pattern=LINKS_PER_PATTERN, data=demo_database["data"],
                       fingerprint=demo_database["fingerprint"])
    finally:
        context.close()
    assert report.pages >= 20, f"the crawl met only {report.pages} pages as {user}"
    assert not report.problems, (
        f"{user} ({language}), {report.pages} pages, {report.links_checked} links, "
        f"{report.confirms_checked} confirmations:\n" + "\n".join(report.problems))
