"""What the forum does when the projects package announces changes: every new
project gets its board."""
from __future__ import annotations

from sicrm.forum.services.boards import ensure_project_board
from sicrm.projects.signals import project_created


@project_created.connect
def _project_board(project, actor=None, **_kwargs) -> None:
    ensure_project_board(project, actor)
