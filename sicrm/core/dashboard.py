"""The home page's widgets. Packages above core register theirs (core imports none
of them); the home page renders every registered widget for the logged-in user, in
`order`, skipping those that return None (nothing to show, or not for this user).

    register_widget("my_milestones", 10, render)   # render(user) -> Markup | None

A widget's render runs inside the home page's request and should read what it shows
with a fixed number of queries."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Widget:
    key: str
    order: int
    render: Callable[[object], Markup | str | None]


_WIDGETS: dict[str, Widget] = {}


def register_widget(key: str, order: int, render: Callable[[object], Markup | str | None]) -> None:
    """Add (or replace, by key) a widget. Lower `order` shows first."""
    _WIDGETS[key] = Widget(key, order, render)


def unregister_widget(key: str) -> None:
    _WIDGETS.pop(key, None)


def widgets() -> list[Widget]:
    return sorted(_WIDGETS.values(), key=lambda w: (w.order, w.key))


def render_widgets(user) -> list[Markup]:
    """The HTML of each widget that has something for `user`, in order. A str is
    escaped; return Markup (e.g. from render_template) for HTML."""
    parts = []
    for widget in widgets():
        html = widget.render(user)
        if html:
            parts.append(Markup('<section class="dashboard-widget mb-4" data-widget="{}">{}'
                                '</section>').format(widget.key, html if isinstance(
                                    html, Markup) else str(html)))
    return parts
