"""Every template is free of inline script: no `on…=` event-handler attributes, no
`javascript:` addresses and no `<script>` element without a `src` (a JSON data island,
`<script type="application/json">`, is data and allowed). The Content-Security-Policy
refuses inline script, so one that comes back would be a dead button in the browser;
this test finds it first."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import sicrm

ROOT = Path(sicrm.__file__).parent
TEMPLATES = sorted(p for p in ROOT.rglob("*.html") if "templates" in p.parts)

#: an event-handler attribute inside a tag: `<form … onsubmit=`, `<button onclick=`
HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-z]+)\s*=", re.S)
JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def _problems(text: str) -> list[str]:
    found = [f"inline handler {m.group(1)}=" for m in HANDLER.finditer(text)]
    found += ["javascript: address" for _ in JS_URL.finditer(text)]
    for m in SCRIPT.finditer(text):
        attributes = m.group(1)
        if re.search(r"\ssrc\s*=", attributes):
            continue
        if re.search(r"""type\s*=\s*["']application/(?:ld\+)?json["']""", attributes):
            continue
        found.append("inline <script> block")
    return found


def test_templates_are_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script(path):
    assert _problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("snippet", [
    '<form method="post" onsubmit="return confirm({{ x|tojson }});">',
    '<select\n  class="form-select" onchange="this.form.submit()">',
    "<button type=submit onclick='go()'>",
    '<a href="javascript:void(0)">',
    "<script>alert(1)</script>",
    '<script type="text/javascript">x()</script>',
])
def test_the_scan_finds_inline_script(snippet):
    assert _problems(snippet)


@pytest.mark.parametrize("snippet", [
    '<form method="post" data-confirm="{{ _(\'Delete this?\') }}">',
    '<script src="{{ url_for(\'static\', filename=\'sicrm.js\') }}" defer></script>',
    '<script type="application/json" id="data">{"a": 1}</script>',
    "<p>Click once: the button is not a handler.</p>",
    '<input data-autosubmit name="online">',
])
def test_the_scan_allows_data_attributes(snippet):
    assert _problems(snippet) == []
