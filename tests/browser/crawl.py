"""A bounded crawl of the served app as one user in one language, in headless Chromium.

Starting from the home page, it renders pages, collects the links each page shows, and
checks what a person would meet:

- a page answering HTTP ≥ 500;
- a link answering 403 or 404 to the user it was shown to;
- raw template text (``%(``, ``{{``, ``}}``) in the page;
- JavaScript errors and console errors (a Content-Security-Policy violation is one);
- a request to any host but the app's;
- in Chinese, English words in the interface (menus, headings, labels, buttons, table
  headings) that are not on the allow-list of product names and codes;
- a form marked destructive (``data-confirm``) that submits without asking, or that
  sends anything when the question is dismissed.

Pages are grouped by pattern (numbers replaced by ``N``): at most ``per_pattern`` of each
are rendered, and up to ``links_per_pattern`` links of each pattern are checked over HTTP
with the user's cookies. It only follows links (GET) and never accepts a confirmation, so
it changes nothing; the caller may still compare the database before and after.

Run it by hand against a server: ``python -m tests.browser.crawl URL USER [zh|en]``."""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

#: words allowed in Chinese pages: product, protocol and format names, units, codes
ALLOWED_ENGLISH = {
    "sicrm", "id", "url", "urls", "api", "csv", "xlsx", "xls", "json", "yaml", "pdf", "docx",
    "pptx", "txt", "md", "zip", "ics", "icalendar", "ical", "webcal", "http", "https", "smtp",
    "html", "markdown", "pinyin", "email", "e-mail", "wecom", "dingtalk", "feishu", "lark",
    "outlook", "thunderbird", "excel", "word", "powerpoint", "office", "wps", "ok", "vip",
    "it", "ip", "ipv4", "ipv6", "sla", "kpi", "crm", "erp", "oa", "pm", "ceo", "cto", "cfo",
    "bbs", "faq", "ups", "idc", "gis", "ai", "iot", "vpn", "sd-wan", "wan", "lan", "cpu",
    "gpu", "ram", "ssd", "hdd", "os", "db", "sql", "sqlite", "postgresql", "whoosh", "jieba",
    "rjieba", "gb", "mb", "kb", "tb", "utf-8", "utf", "gbk", "bom", "rfc", "iso", "gb/t",
    "v1", "v2", "v3", "v4", "v5", "am", "pm", "cn", "zh", "en", "zh_cn", "qq", "wechat",
    "demo", "demo1234", "admin", "ps", "im", "utc", "gmt", "cst", "hmac", "sha-256", "sha256",
    "token", "webhook", "gantt", "htmx", "bootstrap", "echarts", "tom", "select", "frappe",
    "cron", "ntp", "ssl", "tls", "vmware", "oracle", "huawei", "h3c", "cisco", "dell",
    "hp", "hpe", "ibm", "lenovo", "inspur", "sangfor", "hikvision", "dahua", "zte",
    "microsoft", "windows", "linux", "redhat", "ubuntu", "kylin", "uos", "mysql", "redis",
    "nginx", "docker", "kubernetes", "k8s", "ddos", "waf", "ips", "ids", "siem", "soc",
    "lte", "5g", "4g", "wifi", "wi-fi", "poe", "rack", "u", "x", "vs", "ctrl", "alt", "shift",
}

#: the names of languages are written in their own language in the language menu
LANGUAGE_NAMES = {"English"}

#: codes a user types into forms, explained in their help texts (case-sensitive)
CODE_WORDS = {"pm", "sales", "presales", "engineer", "observer", "owner", "reviewers",
              "pm_manager", "dept_manager", "dept_head_above", "executive", "finance", "user",
              "zhangsan", "yml", "key", "SEC", "off", "work"}

#: columns whose text is a record's own words (names and titles), whatever its language
DATA_COLUMNS = {"name", "title", "short_name", "full_name", "username", "label", "filename",
                "place", "subject", "code"}


def database_fingerprint(database_url: str):
    """A function returning every table's row count and the newest of its time columns:
    it changes when anything is written."""
    from sqlalchemy import DateTime, MetaData, create_engine, func, select

    engine = create_engine(database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    queries = []
    for table in metadata.tables.values():
        stamps = [func.max(c) for c in table.columns if isinstance(c.type, DateTime)]
        queries.append(select(func.count(), *stamps).select_from(table))

    def read():
        with engine.connect() as connection:
            return [tuple(connection.execute(q).one()) for q in queries]

    return read


def data_words(database_url: str) -> set[str]:
    """The words of the records' names and titles in the database: data, not interface."""
    from sqlalchemy import MetaData, String, create_engine, select

    engine = create_engine(database_url)
    metadata = MetaData()
    metadata.reflect(engine)
    words: set[str] = set()
    with engine.connect() as connection:
        for table in metadata.tables.values():
            columns = [c for c in table.columns if c.name in DATA_COLUMNS
                       and isinstance(c.type, String)]
            if not columns:
                continue
            for row in connection.execute(select(*columns)):
                for value in row:
                    words.update(_WORD.findall(value or ""))
    engine.dispose()
    return words

#: elements whose text is the interface rather than the records shown in it
INTERFACE_TEXT_JS = """
() => {
  const picks = document.querySelectorAll(
    'nav a, nav button, .nav-link, .breadcrumb-item, h1, h2, h3, h4, h5, h6, legend, label,'
    + ' th, button, .btn, .form-text, .badge, .dropdown-item, .card-header, .alert,'
    + ' .invalid-feedback, .empty-state, option, caption, dt, .page-link, [title], [placeholder]');
  const out = [];
  for (const el of picks) {
    if (el.closest('[data-user-content], .kb-body, .post-body, code, pre, kbd')) continue;
    if (el.closest('a[href*="keyword="]')) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3)
        .map(n => n.textContent).join(' ');
    out.push(own);
    if (el.getAttribute('title')) out.push(el.getAttribute('title'));
    if (el.getAttribute('placeholder')) out.push(el.getAttribute('placeholder'));
    if (el.getAttribute('aria-label')) out.push(el.getAttribute('aria-label'));
  }
  return out.join('\\n');
}
"""

_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_/'.-]*[A-Za-z0-9]|[A-Za-z]")
_RAW = re.compile(r"%\(\w*\)?|\{\{|\}\}")
#: links never followed: they leave the app's pages or would change state on GET
SKIP_PATH = re.compile(r"^/(logout|static/|bootstrap/)|[?&]export=|\.ics$|/feed/|/download")


@dataclass
class Report:
    user: str
    language: str
    pages: int = 0
    links_checked: int = 0
    confirms_checked: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)


def pattern_of(path: str) -> str:
    split = urlsplit(path)
    keys = "&".join(sorted(part.split("=", 1)[0] for part in split.query.split("&") if part))
    return _NUMBER.sub("N", split.path) + ("?" + keys if keys else "")


def english_words(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> set[str]:
    words = set()
    for word in _WORD.findall(text):
        lowered = word.lower().strip("'.-/")
        if word in LANGUAGE_NAMES or word in CODE_WORDS or word in allowed or "/" in word:
            continue
        if not lowered or lowered in ALLOWED_ENGLISH or len(lowered) == 1:
            continue
        if any(ch.isdigit() for ch in lowered):  # codes: PS-2026-0001, v1.2, S6730 …
            continue
        if "@" in word or "." in lowered or word.startswith("X-"):  # addresses, files, headers
            continue
        words.add(word)
    return words


def crawl(context, base_url: str, user: str, language: str, *, max_pages: int = 120,
          per_pattern: int = 1, links_per_pattern: int = 3, start: str = "/",
          data: set[str] = frozenset(), fingerprint=None) -> Report:
    """Crawl as the logged-in `context` (a Playwright browser context); `data` holds the
    words of the records shown (see `data_words`), which may be English in any page."""
    report = Report(user, language)
    host = urlsplit(base_url).netloc
    page = context.new_page()
    page.set_default_timeout(15_000)

    outside: list[str] = []

    def route(route_):
        if urlsplit(route_.request.url).netloc != host:
            outside.append(route_.request.url)
            return route_.abort()
        return route_.continue_()

    page.route("**/*", route)
    js_errors: list[str] = []
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    page.on("console", lambda msg: js_errors.append(msg.text) if msg.type == "error" else None)
    requests_sent: list[str] = []
    page.on("request", lambda req: requests_sent.append(req.method) if req.method != "GET" else None)

    rendered_per_pattern: dict[str, int] = defaultdict(int)
    checked_per_pattern: dict[str, int] = defaultdict(int)
    link_status: dict[str, int] = {}
    shown_on: dict[str, str] = {}
    queue: list[str] = [start]
    seen: set[str] = {start}
    confirm_patterns: set[str] = set()

    while queue and report.pages < max_pages:
        path = queue.pop(0)
        pat = pattern_of(path)
        if rendered_per_pattern[pat] >= per_pattern:
            continue
        rendered_per_pattern[pat] += 1
        js_errors.clear()
        outside.clear()
        response = page.goto(base_url + path, wait_until="load")
        report.pages += 1
        status = response.status if response else 0
        where = f"{path} (shown on {shown_on.get(path, 'start')})"
        if status >= 500:
            report.add(f"HTTP {status}: {where}")
            continue
        if status in (403, 404):
            report.add(f"HTTP {status} for a link shown to {user}: {where}")
            continue
        if urlsplit(page.url).netloc != host:
            continue
        if not (response.headers.get("content-type") or "").startswith("text/html"):
            continue
        body = page.inner_text("body")
        for raw in set(_RAW.findall(body)):
            report.add(f"raw template text {raw!r} on {path}")
        for error in js_errors:
            report.add(f"JavaScript/console error on {path}: {error[:300]}")
        for url in outside:
            report.add(f"request to another host from {path}: {url}")
        if language == "zh":
            words = english_words(page.evaluate(INTERFACE_TEXT_JS), data)
            if words:
                report.add(f"English words on the Chinese page {pattern_of(path)}: "
                           + ", ".join(sorted(words)[:20]))
        _check_confirms(page, path, report, confirm_patterns, requests_sent, fingerprint)

        hrefs = page.eval_on_selector_all(
            "a[href]", "els => els.filter(e => !e.closest('[hidden]')).map(e => e.getAttribute('href'))")
        for href in hrefs:
            target = _local_path(base_url, path, href)
            if target is None or SKIP_PATH.search(target):
                continue
            tpat = pattern_of(target)
            if target not in link_status and checked_per_pattern[tpat] < links_per_pattern:
                checked_per_pattern[tpat] += 1
                answer = context.request.get(base_url + target, max_redirects=0,
                                             fail_on_status_code=False)
                link_status[target] = answer.status
                report.links_checked += 1
                if answer.status >= 500:
                    report.add(f"HTTP {answer.status}: {target} (shown on {path})")
                elif answer.status in (403, 404):
                    report.add(f"HTTP {answer.status} for a link shown to {user}: "
                               f"{target} (shown on {path})")
            if target not in seen and link_status.get(target, 200) < 400:
                seen.add(target)
                shown_on[target] = path
                queue.append(target)
    page.close()
    return report


def _local_path(base_url: str, current: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:", "webcal:")):
        return None
    absolute = urldefrag(urljoin(base_url + current, href))[0]
    split = urlsplit(absolute)
    if split.netloc != urlsplit(base_url).netloc:
        return None
    return split.path + ("?" + split.query if split.query else "")


#: the last step of a one-click form's action that destroys or ends something
DESTRUCTIVE_ACTION = re.compile(
    r"/(delete|remove|revoke|archive|cancel|finish|reject|deactivate|lose|lost|abandon|"
    r"close|discard|dismiss|unlink|purge|reset|clear)[\w-]*/?$")

UNMARKED_DESTRUCTIVE_JS = """
(re) => Array.from(document.querySelectorAll('form[method=post i]')).filter(f => {
  if (f.hasAttribute('data-confirm') || f.querySelector('[data-confirm]')) return false;
  if (f.querySelector('textarea, input[type=text], input[type=file], select')) return false;
  return new RegExp(re).test(new URL(f.action, location.href).pathname);
}).map(f => new URL(f.action, location.href).pathname)
"""


def _check_confirms(page, path, report, confirm_patterns, requests_sent,
                    fingerprint=None) -> None:
    """Each destructive form (data-confirm on the form or its submit button) must ask,
    and send nothing when the question is dismissed; a one-click form whose action
    destroys or ends something must be marked. One form per action pattern.
    `fingerprint()`, when given, reads the database before and after each dismissal."""
    for action in page.evaluate(UNMARKED_DESTRUCTIVE_JS, DESTRUCTIVE_ACTION.pattern):
        report.add(f"one-click destructive form {pattern_of(action)} on {pattern_of(path)} "
                   f"has no confirmation (data-confirm)")
    forms = page.locator("form[data-confirm], form:has([data-confirm])")
    for index in range(forms.count()):
        form = forms.nth(index)
        action = form.get_attribute("action") or path
        key = pattern_of(_local_path(page.url, path, action) or action)
        if key in confirm_patterns:
            continue
        button = form.locator("[type=submit], button:not([type])").first
        if button.count() == 0 or not button.is_visible():
            continue  # inside a closed menu or modal: met when it is opened
        confirm_patterns.add(key)
        asked: list[str] = []

        def on_dialog(dialog):
            asked.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        requests_sent.clear()
        before = page.url
        state = fingerprint() if fingerprint else None
        try:
            button.click(timeout=3_000)
            page.wait_for_timeout(150)
        finally:
            page.remove_listener("dialog", on_dialog)
        report.confirms_checked += 1
        if not asked:
            report.add(f"destructive form {key} on {path} submitted without asking")
            if page.url != before:
                page.goto(before)
        elif requests_sent:
            report.add(f"destructive form {key} on {path} sent {requests_sent} after the "
                       f"question was dismissed")
        if fingerprint and fingerprint() != state:
            report.add(f"destructive form {key} on {path} changed the database although "
                       f"the question was dismissed")


def login(browser, base_url: str, user: str, language: str, password: str = "demo1234"):
    context = browser.new_context(locale="zh-CN" if language == "zh" else "en-US",
                                  viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/login")
    page.fill("#username", user)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_selector("#user-menu")
    wanted = "zh_CN" if language == "zh" else "en"
    token = page.locator("form[action='/language'] input[name=csrf_token]").first.get_attribute("value")
    context.request.post(base_url + "/language",
                         form={"csrf_token": token, "locale": wanted, "next": "/"})
    page.close()
    return context


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    base_url, user = argv[0].rstrip("/"), argv[1]
    language = argv[2] if len(argv) > 2 else "zh"
    max_pages = int(argv[3]) if len(argv) > 3 else 120
    database_url = argv[4] if len(argv) > 4 else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        context = login(browser, base_url, user, language)
        report = crawl(context, base_url, user, language, max_pages=max_pages,
                       data=data_words(database_url) if database_url else set(),
                       fingerprint=database_fingerprint(database_url) if database_url else None)
        print(f"{user} {language}: {report.pages} pages, {report.links_checked} links, "
              f"{report.confirms_checked} confirmations")
        for problem in report.problems:
            print(" -", problem)
        browser.close()
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
