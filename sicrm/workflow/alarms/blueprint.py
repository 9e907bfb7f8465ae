"""URL rules of workflow.alarms (registered by sicrm.workflow.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core.health import register_check
from sicrm.workflow.alarms import (
    actions,  # noqa: F401  (subscribes to project signals)
    scheduler,
    views,
    widgets,
)

bp = Blueprint("alarms", __name__, template_folder=str(Path(__file__).parent / "templates"))
bp.add_url_rule("/alarms/", view_func=views.my_alarms)
bp.add_url_rule("/alarms/<int:alarm_id>", view_func=views.alarm_view)
bp.add_url_rule("/alarms/<int:alarm_id>/acknowledge", view_func=views.alarm_acknowledge,
                methods=["POST"])
bp.add_url_rule("/alarms/<int:alarm_id>/snooze", view_func=views.alarm_snooze,
                methods=["POST"])
bp.add_url_rule("/projects/<int:project_id>/alarms", view_func=views.project_alarms)
bp.add_url_rule("/admin/alarm-policies/", view_func=views.policy_list)
bp.add_url_rule("/admin/alarm-policies/new", view_func=views.policy_create,
                methods=["GET", "POST"])
bp.add_url_rule("/admin/alarm-policies/<int:policy_id>", view_func=views.policy_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/admin/alarm-policies/<int:policy_id>/delete", view_func=views.policy_delete,
                methods=["POST"])


def register(app) -> None:
    app.register_blueprint(bp)
    widgets.register()
    register_check("scheduler", scheduler.status, healthy=lambda part: part["running"])
