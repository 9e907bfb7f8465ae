"""How the audit log shows schedule events (sicrm.core.audit_display)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sqlalchemy import select

from sicrm.core.audit_display import register_entity, register_reference
from sicrm.extensions import db
from sicrm.forum.models import Post, Thread
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.forum.schedule.queries import KIND_LABELS, STATUS_LABELS


def post_names(ids: set[int]) -> dict[int, str]:
    """“Thread title #3” for each post (the audit log is for administrators)."""
    rows = db.session.execute(select(Post.id, Thread.title, Post.number)
                              .join(Thread, Thread.id == Post.thread_id)
                              .where(Post.id.in_(ids))).all()
    return {id_: f"{title} #{number}" for id_, title, number in rows}


def register() -> None:
    register_reference("forum_posts", post_names)
    register_entity(ScheduleEvent, _l("Schedule event"),
                    fields={"kind": _l("Kind of event"), "title": _l("Subject"),
                            "description": _l("Agenda and notes"), "start_dt": _l("Start"),
                            "end_dt": _l("End"), "all_day": _l("All day"),
                            "place": _l("Place"), "cancel_reason": _l("Reason for cancelling"),
                            "organizer_id": _l("Organiser"), "project_id": _l("Project"),
                            "organization_id": _l("Organisation"),
                            "post_id": _l("Made from the forum post")},
                    choices={"kind": KIND_LABELS, "status": STATUS_LABELS},
                    hidden={"sequence", "reminded_dt"})
