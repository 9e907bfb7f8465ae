"""Actions offered under a post by the forum's parts (create a task, schedule an
event), so the thread page needs to know none of them:

    register_post_action("task", 10, render)   # render(user, post) -> Markup | None
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class PostAction:
    key: str
    order: int
    render: Callable[[object, object], Markup | str | None]


_ACTIONS: dict[str, PostAction] = {}


def register_post_action(key: str, order: int,
                         render: Callable[[object, object], Markup | str | None]) -> None:
    _ACTIONS[key] = PostAction(key, order, render)


def post_actions(user, post) -> Markup:
    """The HTML of every action `user` may take on `post`, in order."""
    parts = []
    for action in sorted(_ACTIONS.values(), key=lambda a: (a.order, a.key)):
        html = action.render(user, post)
        if html:
            parts.append(Markup(html))
    return Markup(" ").join(parts)
