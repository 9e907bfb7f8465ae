"""Sections of an organisation's page that packages above core add (core imports none
of them): projects shows where the organisation is a partner or a competitor.

    register_section("partners", 20, render)   # render(user, org) -> Markup | None

A section renders inside the organisation page's request, with a fixed number of
queries, and returns None when it has nothing to show to that user.

A contact's page is built the same way (projects: the projects the contact plays a
part in; schedule: the events the contact attends):

    register_contact_section("projects", 20, render)   # render(user, contact)"""
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
_CONTACT_SECTIONS: dict[str, Section] = {}


def register_section(key: str, order: int,
                     render: Callable[[object, object], Markup | str | None]) -> None:
    """Add (or replace, by key) a section. Lower `order` shows first."""
    _SECTIONS[key] = Section(key, order, render)


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def register_contact_section(key: str, order: int,
                             render: Callable[[object, object], Markup | str | None]) -> None:
    """Add (or replace, by key) a section of the contact page."""
    _CONTACT_SECTIONS[key] = Section(key, order, render)


def render_sections(user, org) -> list[Markup]:
    """The HTML of each section that has something for `user` about `org`, in order."""
    return _render(_SECTIONS, user, org)


def render_contact_sections(user, contact) -> list[Markup]:
    """The same for a contact's page."""
    return _render(_CONTACT_SECTIONS, user, contact)


def _render(registry: dict[str, Section], user, record) -> list[Markup]:
    parts = []
    for section in sorted(registry.values(), key=lambda s: (s.order, s.key)):
        html = section.render(user, record)
        if html:
            parts.append(Markup('<section class="org-section mb-3" data-section="{}">{}'
                                '</section>').format(section.key, html if isinstance(
                                    html, Markup) else str(html)))
    return parts
