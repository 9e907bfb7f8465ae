"""Thread pages: start a thread, read it (posts paged), reply (quoting), edit with
history, delete, pin, lock, solution, watch, attachments."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import permissions as CP
from sicrm.core.forms import ConfirmForm
from sicrm.core.markdown import render
from sicrm.core.models import Organization
from sicrm.core.services.files import send_stored_file
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404, paginate
from sicrm.core.views.uploads import KeptUploads
from sicrm.extensions import db, writes_on_get
from sicrm.forum import permissions as P
from sicrm.forum import queries
from sicrm.forum.forms import EditPostForm, ReplyForm, ThreadForm
from sicrm.forum.models import Post, PostAttachment, ReadMark
from sicrm.forum.services import posts as services
from sicrm.forum.services import reading
from sicrm.forum.urls import POSTS_PER_PAGE
from sicrm.forum.views.common import (
    flash_form_errors,
    load_board,
    load_post,
    load_thread,
    locale,
)
from sicrm.projects.documents.models import ProjectDocument
from sicrm.projects.models import Milestone, ProjectStage

#: organisations offered to link a thread to
ORGANIZATIONS_MAX = 1000


def _to_post(thread, number: int):
    page = (number - 1) // POSTS_PER_PAGE + 1
    return redirect(url_for("forum.thread_view", thread_id=thread.id, page=page,
                            _anchor=f"post-{number}"))


def _link_choices(form: ThreadForm, board) -> None:
    blank = [("", "—")]  # an empty value (None would post the text "None")
    project = board.project
    if project is not None:
        stages = project.stages
        form.stage_id.choices = blank + [(s.id, s.name_zh) for s in stages]
        form.milestone_id.choices = blank + [
            (m.id, m.name) for m in db.session.scalars(
                select(Milestone).where(Milestone.project_id == project.id)
                .order_by(Milestone.planned_date))]
        form.document_id.choices = blank + [
            (d.id, f"{d.number} {d.title}") for d in db.session.scalars(
                select(ProjectDocument).where(ProjectDocument.project_id == project.id)
                .order_by(ProjectDocument.number))]
    else:
        form.stage_id.choices = form.milestone_id.choices = form.document_id.choices = blank
    form.organization_id.choices = blank + [
        (o.id, o.name) for o in db.session.scalars(
            select(Organization).order_by(Organization.name_pinyin).limit(ORGANIZATIONS_MAX))]


def _rights(thread) -> dict:
    rights = P.thread_rights(current_user, thread)
    can_solve = thread.deleted_dt is None and (
        thread.author_id == current_user.id or rights.moderator)
    return {"rights": rights, "moderator": rights.moderator, "can_reply": rights.reply,
            "can_solve": can_solve}


def _get(model, object_id):
    return db.session.get(model, object_id) if object_id else None


@login_required
def thread_create(board_id: int):
    board = load_board(board_id, P.can_post)
    form = ThreadForm()
    if request.method == "GET":
        for name in ("stage_id", "milestone_id", "document_id", "organization_id"):
            getattr(form, name).data = arg_int(name)
    _link_choices(form, board)
    uploads = KeptUploads(form.files)
    if form.validate_on_submit() and uploads.check(form):
        created = {}

        def action():
            created["thread"] = services.create_thread(
                current_user, board, title=form.title.data, body=form.body.data,
                files=uploads.files(), stage=_get(ProjectStage, form.stage_id.data),
                milestone=_get(Milestone, form.milestone_id.data),
                document=_get(ProjectDocument, form.document_id.data),
                organization=_get(Organization, form.organization_id.data))

        if commit_service(action, form, success=_("Thread started.")):
            return redirect(url_for("forum.thread_view", thread_id=created["thread"].id))
    uploads.keep()
    return render_template("forum/thread_form.html", form=form, board=board)


@writes_on_get  # marks the posts shown read
@login_required
def thread_view(thread_id: int):
    thread = load_thread(thread_id)
    board = thread.board
    page = paginate(queries.select_posts().where(Post.thread_id == thread.id)
                    .order_by(Post.number), per_page=POSTS_PER_PAGE)
    posts = page.items
    mark = db.session.get(ReadMark, (current_user.id, thread.id))
    last_read = mark.last_read_number if mark else 0
    if posts and posts[-1].number > last_read:
        reading.mark_read(current_user, thread, posts[-1].number)
        db.session.commit()
    quoted = arg_int("quote")
    form = ReplyForm(quoted_id=quoted) if quoted else ReplyForm()
    if quoted:
        post = db.session.get(Post, quoted)
        if post is not None and post.thread_id == thread.id and not post.is_deleted:
            form.body.data = "\n".join(f"> {line}" for line in post.body.splitlines()) + "\n\n"
    return render_template(
        "forum/thread.html", thread=thread, board=board, page=page, posts=posts,
        bodies={p.id: render(p.body) for p in posts if not p.is_deleted},
        last_read=last_read, form=form, confirm=ConfirmForm(),
        **_rights(thread), watching=reading.watching(current_user, thread), locale=locale())


@login_required
def thread_reply(thread_id: int):
    thread = load_thread(thread_id, P.can_reply)
    form = ReplyForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("forum.thread_view", thread_id=thread.id))
    quoted = _get(Post, form.quoted_id.data)
    created = {}
    uploads = KeptUploads(form.files)

    def action():
        created["post"] = services.reply(current_user, thread, body=form.body.data,
                                         quoted=quoted, files=uploads.files())

    if uploads.check(form) and commit_service(action, form):
        return _to_post(thread, created["post"].number)
    # show the refusal with what was typed, and the files chosen
    uploads.keep()
    page = paginate(queries.select_posts().where(Post.thread_id == thread.id)
                    .order_by(Post.number), per_page=POSTS_PER_PAGE)
    return render_template(
        "forum/thread.html", thread=thread, board=thread.board, page=page, posts=page.items,
        bodies={p.id: render(p.body) for p in page.items if not p.is_deleted},
        last_read=thread.last_number, form=form, confirm=ConfirmForm(),
        **_rights(thread), watching=reading.watching(current_user, thread),
        locale=locale()), 422


@login_required
def post_edit(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id, P.can_edit_post)
    form = EditPostForm(record=post)
    if request.method == "GET":
        form.body.data = post.body
        form.title.data = thread.title if post.number == 1 else None
    uploads = KeptUploads(form.files)
    if form.validate_on_submit() and uploads.check(form):
        if commit_service(lambda: services.edit_post(
                current_user, post, body=form.body.data,
                title=form.title.data if post.number == 1 else None,
                files=uploads.files()), form, success=_("Saved.")):
            return _to_post(thread, post.number)
    uploads.keep()
    return render_template("forum/post_form.html", form=form, thread=thread, post=post)


@login_required
def post_history(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id, P.can_view_revisions)
    return render_template("forum/history.html", thread=thread, post=post,
                           revisions=[(r, render(r.body)) for r in reversed(post.revisions)],
                           current=render(post.body))


@login_required
def post_delete(thread_id: int, post_id: int):
    thread = load_thread(thread_id)
    post = load_post(thread, post_id, P.can_delete_post)
    if ConfirmForm().validate_on_submit():
        if commit_service(lambda: services.delete_post(current_user, post),
                          success=_("Post deleted.")) and post.number == 1:
            return redirect(url_for("forum.board_view", board_id=thread.board_id))
    return _to_post(thread, post.number)


def _moderation(thread_id: int, service, success: str):
    thread = load_thread(thread_id, P.can_moderate_thread)
    on = request.form.get("on") == "1"
    if ConfirmForm().validate_on_submit():
        commit_service(lambda: service(current_user, thread, on), success=success)
    return redirect(url_for("forum.thread_view", thread_id=thread.id))


@login_required
def thread_pin(thread_id: int):
    return _moderation(thread_id, services.set_pinned, _("Saved."))


@login_required
def thread_lock(thread_id: int):
    return _moderation(thread_id, services.set_locked, _("Saved."))


@login_required
def thread_solution(thread_id: int):
    thread = load_thread(thread_id, P.can_mark_solution)
    post_id = arg_int("post_id", request.form)
    post = load_post(thread, post_id) if post_id else None
    if ConfirmForm().validate_on_submit():
        commit_service(lambda: services.set_solution(current_user, thread, post),
                       success=_("Solution marked.") if post else _("Solution unmarked."))
    return redirect(url_for("forum.thread_view", thread_id=thread.id))


@login_required
def thread_watch(thread_id: int):
    thread = load_thread(thread_id)
    on = request.form.get("on") == "1"
    if ConfirmForm().validate_on_submit():
        commit_service(lambda: reading.watch(current_user, thread=thread, on=on),
                       success=_("You will be told of new replies.") if on
                       else _("You no longer watch this thread."))
    return redirect(url_for("forum.thread_view", thread_id=thread.id))


@login_required
def attachment_download(thread_id: int, attachment_id: int):
    thread = load_thread(thread_id)
    attachment = get_or_404(PostAttachment, attachment_id)
    if attachment.post.thread_id != thread.id:
        abort(404)
    CP.ensure(not attachment.post.is_deleted or P.is_moderator(current_user, thread.board))
    return send_stored_file(attachment.file)
