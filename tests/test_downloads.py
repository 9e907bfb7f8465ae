"""Every download route names its file so that a browser gets the Chinese name back
(RFC 6266 through sicrm.core.downloads) and the WSGI server can send the header.

Driven by the route tables: every GET route is requested by its allowed user in
the shared world (whose files, templates and events have Chinese names); each
answer carrying a Content-Disposition is checked, and the download routes listed
here must be among them, so a route that stops naming its file fails too."""
from __future__ import annotations

import pytest
from flask import url_for
from werkzeug.http import parse_options_header

from tests.fixtures.downloads import assert_download_name
from tests.test_route_permissions import ROUTES, build_world

DOWNLOADS = {
    "templates_lib.version_export", "templates_lib.format_file",
    "projects.document_format", "documents.version_download", "finance.expense_receipt",
    "forum.attachment_download", "knowledge.attachment_download", "schedule.event_ics",
}


def _get(app, world, endpoint):
    case = ROUTES[endpoint]
    with app.test_request_context():
        url = url_for(endpoint, **{k: world[v].id for k, v in case.args.items()})
    return app.test_client(user=world[case.allowed]).get(url)


@pytest.fixture
def world(db):
    return build_world()


def test_every_download_sends_its_unicode_name(app, world):
    named = {}
    for endpoint in sorted(e for e, case in ROUTES.items() if case.method == "GET"):
        response = _get(app, world, endpoint)
        header = response.headers.get("Content-Disposition")
        if header is None:
            continue
        _kind, options = parse_options_header(header)
        assert_download_name(response, options["filename"], _kind)
        named[endpoint] = options["filename"]
    assert DOWNLOADS <= set(named), sorted(DOWNLOADS - set(named))
    assert any(not name.isascii() for name in named.values())
