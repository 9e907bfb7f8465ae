"""Paths to forum pages for links made outside a request (notifications, search),
equal to the blueprint's rules (checked by a test)."""
from __future__ import annotations

#: posts per thread page
POSTS_PER_PAGE = 20


def thread_path(thread_id: int) -> str:
    return f"/forum/threads/{thread_id}"


def post_path(thread_id: int, number: int) -> str:
    """The thread page showing post `number` (posts are paged by their number)."""
    page = (number - 1) // POSTS_PER_PAGE + 1
    return f"/forum/threads/{thread_id}?page={page}#post-{number}"
