"""@mentions and notifications of new posts.

A mention is `@username` (the autocomplete inserts it). Unknown names are refused, and
so are users who cannot see the board: nobody is told about a post they cannot read.
Watchers of the thread or its board hear of new posts, except the author and whoever
was mentioned (they get the mention)."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from sicrm.core import notifications
from sicrm.core.errors import ServiceError
from sicrm.core.models import User, utcnow
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum.models import Board, Mention, Post, Thread, Watch
from sicrm.forum.urls import post_path

notifications.register_kind(
    "forum_mention", _l("%(author)s mentioned you in “%(thread)s” (%(board)s)."),
    _l("Mentioned in the forum"),
    restricted=_l("%(author)s mentioned you in a thread you may no longer see."))
notifications.register_kind(
    "forum_reply", _l("%(author)s replied in “%(thread)s” (%(board)s)."),
    _l("New reply in a watched forum thread or board"),
    restricted=_l("%(author)s replied in a thread you may no longer see."))
notifications.register_kind(
    "forum_thread", _l("%(author)s started “%(thread)s” in %(board)s."),
    _l("New thread in a watched forum board"),
    restricted=_l("%(author)s started a thread in a board you may no longer see."))
NOTIFICATION_KINDS = ("forum_mention", "forum_reply", "forum_thread")
#: the thread of a notification written before they kept its id: from its link
_THREAD_IN_URL = re.compile(r"^/forum/threads/(\d+)")


def _thread_id(notification) -> int | None:
    thread_id = (notification.params or {}).get("thread_id")
    if thread_id is None:
        found = _THREAD_IN_URL.match(notification.url or "")
        thread_id = int(found.group(1)) if found else None
    return thread_id


def hidden_notifications(user, items) -> set:
    """The forum notifications naming a thread `user` no longer sees (the same SQL as
    the thread lists)."""
    threads = {item.id: _thread_id(item) for item in items}
    visible = set(db.session.scalars(select(Thread.id).where(
        Thread.id.in_({t for t in threads.values() if t is not None}),
        P.visible_threads_filter(user))))
    return {item_id for item_id, thread_id in threads.items() if thread_id not in visible}


notifications.register_references(NOTIFICATION_KINDS, hidden_notifications)

#: @name: not after a letter, digit or @ (e-mail addresses are not mentions)
MENTION_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][A-Za-z0-9_.\-]*[A-Za-z0-9_]|[A-Za-z0-9_])")
#: fenced and inline code: a mention in code is not a mention
CODE_RE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def names_in(body: str) -> list[str]:
    """The distinct usernames mentioned, lower-cased, in order."""
    seen: dict[str, None] = {}
    for match in MENTION_RE.finditer(CODE_RE.sub(" ", body or "")):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def resolve(body: str, board: Board) -> list[User]:
    """The users mentioned; refuses unknown names and users who cannot see `board`."""
    names = names_in(body)
    if not names:
        return []
    users = db.session.scalars(select(User).where(func.lower(User.username).in_(names),
                                                  User.active.is_(True))).all()
    by_name = {u.username.lower(): u for u in users}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ServiceError(_l("No such user: %(names)s. Mention colleagues by their "
                              "username (type @ to choose).",
                              names=", ".join("@" + n for n in unknown)), "body")
    blind = [by_name[n] for n in names if not P.can_view_board(by_name[n], board)]
    if blind:
        raise ServiceError(_l("%(names)s cannot see this board, so cannot be mentioned "
                              "here.", names=", ".join(f"@{u.username} ({u.full_name})"
                                                       for u in blind)), "body")
    return [by_name[n] for n in names]


def record(post: Post, targets: list[User], notify_new: bool = True,
           actor=None) -> set[int]:
    """Mention rows for `targets` not yet mentioned in `post`; the new ones (not the
    author) are notified. Returns the ids of everyone mentioned in the post."""
    have = set(db.session.scalars(select(Mention.user_id).where(Mention.post_id == post.id)))
    fresh = [u for u in targets if u.id not in have]
    now = utcnow()
    for user in fresh:
        db.session.add(Mention(post_id=post.id, user_id=user.id, created_dt=now))
    db.session.flush()
    author_id = actor.id if actor is not None else post.author_id
    if notify_new:
        thread = post.thread
        notifications.notify(
            [u for u in fresh if u.id != author_id], "forum_mention",
            url=post_path(post.thread_id, post.number), author=_author_name(post), thread=thread.title,
            board=thread.board.name, thread_id=thread.id)
    return have | {u.id for u in targets}


def notify_new_post(actor, post: Post, already: set[int]) -> int:
    """Watchers of the thread or of its board who may see it, except the author and
    those already told (mentioned)."""
    thread = post.thread
    watchers = db.session.scalars(
        select(User).join(Watch, Watch.user_id == User.id)
        .where(or_(Watch.thread_id == thread.id, Watch.board_id == thread.board_id),
               User.active.is_(True), User.id != actor.id)
        .distinct().order_by(User.id)).all()
    recipients = [u for u in watchers
                  if u.id not in already and P.can_view_board(u, thread.board)]
    kind = "forum_thread" if post.number == 1 else "forum_reply"
    return notifications.notify(recipients, kind, url=post_path(post.thread_id, post.number),
                                author=_author_name(post), thread=thread.title,
                                board=thread.board.name, thread_id=thread.id)


def _author_name(post: Post) -> str:
    author = post.author or db.session.get(User, post.author_id)
    return author.full_name if author else ""
