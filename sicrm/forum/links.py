"""Threads shown on the page of what they are linked to: a project document (the
document page calls the `forum_threads_for` Jinja global), an organisation (a section
of its page), a stage or a milestone (the project's Board tab)."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user
from markupsafe import Markup

from sicrm.core.models import Organization
from sicrm.core.org_sections import register_section
from sicrm.extensions import db
from sicrm.forum import queries
from sicrm.projects.documents.models import ProjectDocument

LINKED_MAX = 10

_COLUMNS = {ProjectDocument: "document_id", Organization: "organization_id"}


def forum_threads_for(obj, user=None) -> Markup:
    """A small card of the threads about `obj` that the user may see ('' when none
    and nothing to start)."""
    user = user or current_user
    column = _COLUMNS.get(type(obj))
    if column is None or not getattr(user, "is_authenticated", False):
        return Markup("")
    threads = db.session.scalars(
        queries.linked_threads(user, **{column: obj.id}).limit(LINKED_MAX)).unique().all()
    board_id = None
    if isinstance(obj, ProjectDocument):
        board = queries.project_board(obj.project_id)
        board_id = board.id if board is not None else None
    if not threads and board_id is None:
        return Markup("")
    return Markup(render_template("forum/_linked.html", threads=threads, column=column,
                                  obj=obj, board_id=board_id))


def organization_section(user, org: Organization):
    threads = db.session.scalars(
        queries.linked_threads(user, organization_id=org.id).limit(LINKED_MAX)).unique().all()
    if not threads:
        return None
    return Markup(render_template("forum/_linked.html", threads=threads,
                                  column="organization_id", obj=org, board_id=None))


register_section("forum", 40, organization_section)
