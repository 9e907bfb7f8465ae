"""Helpers shared by the forum pages: load an object or 404, then check or 403."""
from __future__ import annotations

from flask import abort, flash
from flask_babel import get_locale
from flask_login import current_user

from sicrm.core import permissions as CP
from sicrm.core.views.helpers import get_or_404
from sicrm.forum import permissions as P
from sicrm.forum.models import Board, Post, Thread


def load_board(board_id: int, check=P.can_view_board) -> Board:
    board = get_or_404(Board, board_id)
    CP.ensure(check(current_user, board))
    return board


def load_thread(thread_id: int, check=P.can_view_thread) -> Thread:
    thread = get_or_404(Thread, thread_id)
    CP.ensure(check(current_user, thread))
    return thread


def load_post(thread: Thread, post_id: int, check=None) -> Post:
    post = get_or_404(Post, post_id)
    if post.thread_id != thread.id:
        abort(404)
    if check is not None:
        CP.ensure(check(current_user, post))
    return post


def flash_form_errors(form) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "danger")
    for error in form.form_errors:
        flash(error, "danger")


def locale() -> str:
    """The page language ("zh" or "en"), for names kept in both."""
    current = get_locale()
    return current.language if current is not None else "zh"
