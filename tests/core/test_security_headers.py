"""Security headers on every response: a Content-Security-Policy whose scripts come from
the site only (no 'unsafe-inline'), nosniff, no framing, a referrer policy."""
from __future__ import annotations

import re

import pytest

from sicrm.core.security_headers import CONTENT_SECURITY_POLICY


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_policy_forbids_inline_script():
    directives = _directives(CONTENT_SECURITY_POLICY)
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/login", "/healthz", "/no-such-page", "/static/sicrm.js"])
def test_headers_on_anonymous_responses(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_headers_on_a_signed_in_page(login_as, admin):
    response = login_as(admin).get("/")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_load_the_confirmation_script_and_a_favicon(login_as, admin):
    client = login_as(admin)
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<script src="/static/sicrm\.js', html)
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert icons
    for icon in icons:
        assert client.get(icon).status_code == 200
