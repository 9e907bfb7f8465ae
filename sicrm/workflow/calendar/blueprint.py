"""URL rules of workflow.calendar (registered by sicrm.workflow.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.workflow.calendar import views, widgets

bp = Blueprint("calendar", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/calendar")
bp.add_url_rule("/", view_func=views.calendar_view)
bp.add_url_rule("/feeds/", view_func=views.feed_list)
bp.add_url_rule("/feeds/new", view_func=views.feed_create, methods=["POST"])
bp.add_url_rule("/feeds/<int:feed_id>/revoke", view_func=views.feed_revoke, methods=["POST"])
#: public: the token is the only credential (see services.find_feed)
bp.add_url_rule("/feed/<token>.ics", view_func=views.feed)


def register(app) -> None:
    app.register_blueprint(bp)
    widgets.register()
