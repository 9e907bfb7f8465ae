"""No page shows a link its reader cannot open. As several demo roles, the main pages
are read and every link on them to this app is followed (GET): none may answer 403 or
404 to the user it was shown to."""
from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from sicrm.cli import DEMO_LOADERS
from sicrm.core.models import User
from sicrm.extensions import db as _db
from sicrm.projects.models import Project

ROLES = ["engineer", "sales", "presales", "pm", "finance", "sales_mgr", "impl_mgr", "ceo",
         "admin"]
START = ["/", "/projects/", "/projects/board", "/organizations/", "/contacts/", "/reviews/",
         "/alarms/", "/knowledge/", "/forum/", "/calendar/", "/notifications/"]
#: addresses that are not pages (downloads and feeds answer files, logout is a POST)
SKIP = re.compile(r"^/(static|logout)|/download|\.ics$|export=")
HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)', re.I)


def _links(html: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        href = unescape(href)
        if not SKIP.search(urlsplit(href).path) and not SKIP.search(href):
            found.add(href)
    return found


@pytest.fixture
def demo(db):
    for loader in DEMO_LOADERS:
        loader()
    _db.session.commit()
    return {u.username: u for u in _db.session.scalars(select(User))}


#: pages read per role; links of one shape (ids replaced) are followed twice at most
LIMIT = int(os.environ.get("SICRM_LINK_LIMIT", "250"))
PER_SHAPE = 2


def _shape(link: str) -> str:
    path, _, query = link.partition("?")
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(sorted(
        part.split("=")[0] for part in query.split("&"))) if query else "")


def test_no_page_shows_a_link_its_reader_cannot_open(app, demo):
    failures = []
    for username in ROLES:
        client = app.test_client(user=demo[username])
        queue = [(path, None) for path in START]
        seen: set[str] = set()
        shapes: dict[str, int] = {}
        read = 0
        while queue and read < LIMIT:
            link, shown_on = queue.pop(0)
            if link in seen:
                continue
            seen.add(link)
            shape = _shape(link)
            if shown_on is not None and shapes.get(shape, 0) >= PER_SHAPE:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            response = client.get(link)
            read += 1
            if response.status_code in (403, 404) and shown_on is not None:
                failures.append(f"{username}: {link} → {response.status_code} (shown on {shown_on})")
            if response.status_code == 200 and response.mimetype == "text/html":
                queue += [(found, link) for found in _links(response.get_data(as_text=True))
                          if found not in seen]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("username, shown", [
    ("engineer", False), ("sales", False), ("pm", False), ("admin", False),
    ("sales_mgr", True), ("impl_mgr", True), ("ceo", True),
])
def test_team_tasks_is_offered_to_managers_only(app, demo, username, shown):
    client = app.test_client(user=demo[username])
    html = client.get("/forum/tasks/").get_data(as_text=True)
    assert ('id="team-tasks-link"' in html) is shown
    assert (client.get("/forum/tasks/team").status_code == 200) is shown
