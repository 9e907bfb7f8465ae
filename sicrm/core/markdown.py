"""Markdown (knowledge articles, forum posts): CommonMark with tables, rendered to HTML
that is safe to show. Raw HTML in the source is shown as text, and the result goes through the nh3
sanitiser anyway: no script, no event handlers, no javascript:/data: links."""
from __future__ import annotations

import html
import re
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.enable("table")
_md.enable("strikethrough")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},  # language-xxx from fenced code blocks
    "th": {"style"}, "td": {"style"},  # table column alignment
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCKED_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def _dangerous(url: str) -> bool:
    """A link that could become script once decoded ("java%09script:")."""
    plain = re.sub(r"[\s\x00-\x1f]+", "", unquote(html.unescape(url))).lower()
    return plain.startswith(BLOCKED_SCHEMES)


def _style_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src"):
        return None if _dangerous(value) else value
    if attribute == "style":  # only the alignment markdown-it writes
        return value if value in ("text-align:left", "text-align:center",
                                  "text-align:right") else None
    if attribute == "class":
        return value if value.startswith("language-") and value[9:].isalnum() else None
    return value


def render(source: str | None) -> Markup:
    """The sanitised HTML of a Markdown text."""
    rendered = _md.render(source or "")
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                      attribute_filter=_style_filter, strip_comments=True)
    return Markup(clean)  # noqa: S704 - sanitised just above


def plain_text(source: str | None) -> str:
    """The words of a Markdown text without its marks (for search and snippets)."""
    rendered = str(render(source))
    rendered = re.sub(r"</(p|h[1-6]|li|tr|pre|blockquote|table)>", "\n", rendered)
    rendered = re.sub(r"</t[dh]>", " ", rendered)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
