"""Boards: create (company, department; a project's with the project), edit,
archive, moderators."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User
from sicrm.extensions import db
from sicrm.forum.models import NAME_MAX, Board, BoardModerator
from sicrm.projects.models import Project


def _name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_l("A name is required."), "name")
    if len(name) > NAME_MAX:
        raise ServiceError(_l("The name is longer than %(max)d characters.", max=NAME_MAX),
                           "name")
    return name


def create_board(actor, *, kind: str, name: str, description: str | None = None,
                 department: Department | None = None) -> Board:
    """A company or department board (a project's comes with the project)."""
    if kind not in ("company", "department"):
        raise ServiceError(_l("Choose a company or a department board."), "kind")
    if kind == "department" and department is None:
        raise ServiceError(_l("Choose the department."), "department_id")
    board = Board(kind=kind, name=_name(name), description=(description or "").strip() or None,
                  department_id=department.id if kind == "department" else None,
                  created_by_id=getattr(actor, "id", None))
    db.session.add(board)
    db.session.flush()
    return board


def update_board(actor, board: Board, *, name: str, description: str | None,
                 moderators: list[User] | None = None) -> Board:
    board.name = _name(name)
    board.description = (description or "").strip() or None
    if moderators is not None:
        wanted = {u.id for u in moderators}
        for link in list(board.moderators):
            if link.user_id not in wanted:
                board.moderators.remove(link)
        have = {link.user_id for link in board.moderators}
        for user_id in sorted(wanted - have):
            board.moderators.append(BoardModerator(user_id=user_id))
    db.session.flush()
    return board


def set_archived(actor, board: Board, archived: bool) -> Board:
    board.archived = archived
    db.session.flush()
    return board


def ensure_project_board(project: Project, actor=None) -> Board:
    """The project's board, created when missing."""
    board = db.session.scalar(select(Board).where(Board.project_id == project.id))
    if board is None:
        board = Board(kind="project", project_id=project.id, name=project.name[:NAME_MAX],
                      created_by_id=getattr(actor, "id", None))
        db.session.add(board)
        db.session.flush()
    return board


def create_missing_project_boards() -> int:
    """A board for every project without one (projects made before the forum)."""
    missing = db.session.scalars(select(Project).where(
        ~Project.id.in_(select(Board.project_id).where(Board.project_id.is_not(None))))
        .order_by(Project.id)).all()
    for project in missing:
        db.session.add(Board(kind="project", project_id=project.id,
                             name=project.name[:NAME_MAX]))
    db.session.flush()
    return len(missing)
