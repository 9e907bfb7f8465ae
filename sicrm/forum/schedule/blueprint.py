"""The schedule's blueprint: its pages, and what it adds to other packages' pages
through core's registries (the calendar and its feeds, the organisation page) and the
forum's post actions."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core.calendar_sources import register_source
from sicrm.core.dashboard import register_widget
from sicrm.core.org_sections import register_contact_section, register_section
from sicrm.forum.hooks import register_post_action
from sicrm.forum.schedule import audit, links, panels, queries, tasks, views

bp = Blueprint("schedule", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/schedule")
bp.add_url_rule("/", view_func=views.my_schedule)
bp.add_url_rule("/new", view_func=views.event_create, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>", view_func=views.event_view)
bp.add_url_rule("/<int:event_id>/edit", view_func=views.event_edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:event_id>/cancel", view_func=views.event_cancel, methods=["POST"])
bp.add_url_rule("/<int:event_id>/respond", view_func=views.event_respond, methods=["POST"])
bp.add_url_rule("/<int:event_id>.ics", view_func=views.event_ics)
bp.add_url_rule("/projects/<int:project_id>", view_func=views.project_schedule)


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(links.thread_events_panel, "forum_thread_events")
    register_source("event", queries.user_items, queries.project_items,
                    queries.calendar_action)
    register_section("schedule", 30, panels.organization_section)
    register_contact_section("schedule", 30, panels.contact_section)
    register_post_action("event", 20, links.post_action)
    register_widget("my_events", 12, panels.my_upcoming)
    tasks.register()
    audit.register()
