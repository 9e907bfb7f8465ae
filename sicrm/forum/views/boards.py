"""Board pages: the list of boards, one board's threads, creating and editing boards,
archiving, watching, marking read; the project page's Board tab; mention
autocomplete."""
from __future__ import annotations

from flask import jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import exists, select
from wtforms.fields.choices import SelectChoice

from sicrm.core import permissions as CP
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Department, User
from sicrm.core.services.departments import department_tree
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import commit_service, get_or_404, paginate
from sicrm.extensions import db, writes_on_get
from sicrm.forum import permissions as P
from sicrm.forum import queries
from sicrm.forum.forms import KIND_LABELS, BoardForm
from sicrm.forum.models import Board, BoardModerator, Thread
from sicrm.forum.services import boards as services
from sicrm.forum.services import reading
from sicrm.forum.views.common import flash_form_errors, load_board, locale
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project

THREADS_PER_PAGE = 30


def _backfill_project_boards() -> None:
    """Projects made before the forum get their board on the first visit."""
    missing = db.session.scalar(select(exists().where(
        ~Project.id.in_(select(Board.project_id).where(Board.project_id.is_not(None))))))
    if missing:
        services.create_missing_project_boards()
        db.session.commit()


@writes_on_get  # creates missing project boards
@login_required
def board_list():
    _backfill_project_boards()
    archived = request.args.get("archived") == "1"
    page = paginate(queries.boards(current_user, archived=archived))
    unread, watched = queries.board_marks(current_user, [b.id for b in page.items])
    return render_template("forum/boards.html", page=page, archived=archived,
                           unread=unread, watched=watched,
                           kinds=KIND_LABELS, can_manage=P.can_manage_boards(current_user))


@login_required
def board_view(board_id: int):
    board = load_board(board_id)
    page = paginate(queries.threads(board), per_page=THREADS_PER_PAGE)
    return render_template(
        "forum/board.html", board=board, page=page, kinds=KIND_LABELS,
        marks=queries.read_marks(current_user, [t.id for t in page.items]),
        can_post=P.can_post(current_user, board),
        can_edit=P.can_edit_board(current_user, board),
        moderators=db.session.scalars(
            select(User).join(BoardModerator, BoardModerator.user_id == User.id)
            .where(BoardModerator.board_id == board.id).order_by(User.full_name)).all(),
        watching=reading.watching_board(current_user, board), confirm=ConfirmForm())


def _fill(form: BoardForm) -> None:
    form.department_id.choices = [SelectChoice("", "—")] + [
        SelectChoice(d.id, "　" * depth + d.name) for d, depth in department_tree()]
    users = by_pinyin(db.session.scalars(select(User).where(User.active.is_(True))
                                         .order_by(User.full_name)).all(),
                      lambda user: user.full_name)
    form.moderator_ids.choices = [SelectChoice(u.id, f"{u.full_name} ({u.username})")
                                  for u in users]


def _moderators(form: BoardForm) -> list[User]:
    ids = form.moderator_ids.data or []
    return list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []


@login_required
def board_create():
    CP.ensure(P.can_manage_boards(current_user))
    form = BoardForm()
    _fill(form)
    if form.validate_on_submit():
        department = (db.session.get(Department, form.department_id.data)
                      if form.department_id.data else None)
        created = {}

        def action():
            board = services.create_board(current_user, kind=form.kind.data,
                                          name=form.name.data,
                                          description=form.description.data,
                                          department=department)
            services.update_board(current_user, board, name=board.name,
                                  description=board.description,
                                  moderators=_moderators(form))
            created["board"] = board

        if commit_service(action, form, success=_("Board created.")):
            return redirect(url_for("forum.board_view", board_id=created["board"].id))
    return render_template("forum/board_form.html", form=form, board=None)


@login_required
def board_edit(board_id: int):
    board = load_board(board_id, P.can_edit_board)
    form = BoardForm(obj=board)
    _fill(form)
    if request.method == "GET":
        form.moderator_ids.data = [m.user_id for m in board.moderators]
    if form.validate_on_submit():
        if commit_service(lambda: services.update_board(
                current_user, board, name=form.name.data, description=form.description.data,
                moderators=_moderators(form)), form, success=_("Saved.")):
            return redirect(url_for("forum.board_view", board_id=board.id))
    return render_template("forum/board_form.html", form=form, board=board)


@login_required
def board_archive(board_id: int):
    board = load_board(board_id, P.can_edit_board)
    form = ConfirmForm()
    archived = request.form.get("archived") == "1"
    if form.validate_on_submit():
        commit_service(lambda: services.set_archived(current_user, board, archived),
                       success=_("Board archived.") if archived else _("Board re-opened."))
    else:
        flash_form_errors(form)
    return redirect(url_for("forum.board_view", board_id=board.id))


@login_required
def board_watch(board_id: int):
    board = load_board(board_id)
    form = ConfirmForm()
    on = request.form.get("on") == "1"
    if form.validate_on_submit():
        commit_service(lambda: reading.watch(current_user, board=board, on=on),
                       success=_("You will be told of new posts in this board.") if on
                       else _("You no longer watch this board."))
    return redirect(url_for("forum.board_view", board_id=board.id))


@login_required
def board_mark_read(board_id: int):
    board = load_board(board_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        commit_service(lambda: reading.mark_board_read(current_user, board),
                       success=_("All threads marked read."))
    return redirect(url_for("forum.board_view", board_id=board.id))


@login_required
def mention_suggest(board_id: int):
    """Autocomplete for @mentions: only users who can see the board."""
    board = load_board(board_id)
    q = (request.args.get("q") or "").strip()[:64]
    users = queries.mention_candidates(board, q) if q else []
    return jsonify([{"username": u.username, "name": u.full_name} for u in users])


@writes_on_get  # creates missing project boards
@login_required
def project_board(project_id: int):
    """The project page's Board tab (a fragment with ?partial=1): threads of the
    project's board, and those linked to each stage and milestone."""
    project = get_or_404(Project, project_id)
    CP.ensure(PP.can_view(current_user, project))
    board = services.ensure_project_board(project, current_user)
    db.session.commit()
    threads = db.session.scalars(queries.threads(board).limit(20)).unique().all()
    linked = db.session.scalars(
        select(Thread).where(Thread.board_id == board.id, Thread.deleted_dt.is_(None),
                             (Thread.stage_id.is_not(None)) | (Thread.milestone_id.is_not(None)))
        .order_by(Thread.last_activity_dt.desc())).all()
    by_stage: dict[int, list] = {}
    by_milestone: dict[int, list] = {}
    for thread in linked:
        if thread.stage_id:
            by_stage.setdefault(thread.stage_id, []).append(thread)
        if thread.milestone_id:
            by_milestone.setdefault(thread.milestone_id, []).append(thread)
    template = ("forum/_project_board.html" if request.args.get("partial")
                else "forum/project_board.html")
    return render_template(template, project=project, board=board, threads=threads,
                           marks=queries.read_marks(current_user, [t.id for t in threads]),
                           by_stage=by_stage, by_milestone=by_milestone,
                           can_post=P.can_post(current_user, board), locale=locale())
