"""Tasks made from a discussion: the prefill from a thread or a reply, the link kept
back (TaskLink), the thread shown on the task page (to those who may see its board)
and a thread's tasks."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Source:
    thread: object
    post: object | None
    title: str
    description: str
    project: object | None


def source_from(user, thread_id: int | None, post_id: int | None) -> Source | None:
    return None


def link_task(actor, task, source: Source) -> None:
    return None


def thread_for(user, task):
    return None


def can_make_task(user, post) -> bool:
    return False


def thread_tasks_panel(thread):
    return ""
