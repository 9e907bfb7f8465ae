"""Sections of an organisation's page that packages above core add (core imports none
of them): projects shows where the organisation is a partner or a competitor.

    register_section("partners", 20, render)   # render(user, org) -> Markup | None

A section renders inside the organisation page's request, with a fixed number of
queries, and returns None when it has nothing to show to that user."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    render: Callable[[object, object], Markup | str | None]


_SECTIONS: dict[str, Section] = {}


def register_section(key: str, order: int,
                     render: Callable[[object, object], Markup | str | None]) -> None:
    """Add (or replace, by key) a section. Lower `order` shows first."""
    _SECTIONS[key] = Section(key, order, render)


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def render_sections(user, org) -> list[Markup]:
    """The HTML of each section that has something for `user` about `org`, in order."""
    parts = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        html = section.render(user, org)
        if html:
            parts.append(Markup('<section class="org-section mb-3" data-section="{}">{}'
                                '</section>').format(section.key, html if isinstance(
                                    html, Markup) else str(html)))
    return parts
