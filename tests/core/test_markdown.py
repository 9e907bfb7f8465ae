"""Article bodies render Markdown safely: XSS payloads come out inert."""
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from sicrm.core.markdown import ALLOWED_TAGS, render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    "<details open ontoggle=alert(1)>",
    "<style>body{display:none}</style>",
]


class _Tags(HTMLParser):
    """Every tag and attribute of the rendered HTML (text stays text)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(str(html))
    return parser.tags


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_are_inert(payload):
    for tag, attrs in _tags(render(payload)):
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") for name in attrs), attrs
        for name in ("href", "src"):
            if name in attrs:
                plain = re.sub(r"[\s\x00-\x1f]+", "", unquote(attrs[name])).lower()
                scheme = plain.split(":", 1)[0] if ":" in plain else ""
                assert scheme in ("", "http", "https", "mailto"), attrs


def test_raw_html_is_shown_as_text():
    html = str(render("<script>alert(1)</script>"))
    assert "<script" not in html and "&lt;script&gt;" in html


def test_markdown_features_are_kept():
    html = str(render("# 标题\n\n**粗体** [链接](https://example.com)\n\n"
                      "| 设备 | 数量 |\n|:--|--:|\n| 防火墙 | 2 |\n\n"
                      "```python\nprint('<b>')\n```\n"))
    assert "<h1>标题</h1>" in html and "<strong>粗体</strong>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">链接</a>' in html
    assert '<th style="text-align:left">设备</th>' in html and "<td" in html
    assert '<code class="language-python">print(\'&lt;b&gt;\')' in html


def test_attribute_filter_drops_foreign_styles_and_classes():
    html = str(render('```py" onclick="x\ncode\n```'))
    assert "onclick" not in html
