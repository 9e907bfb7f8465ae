"""URL rules of workflow.delivery (registered by sicrm.workflow.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core import notifications
from sicrm.workflow.delivery import views
from sicrm.workflow.delivery.services import preferences

bp = Blueprint("delivery", __name__, template_folder=str(Path(__file__).parent / "templates"))
bp.add_url_rule("/notifications/preferences", "preferences", views.preferences_page,
                methods=["GET", "POST"])
bp.add_url_rule("/admin/outbox/", view_func=views.outbox_list)
bp.add_url_rule("/admin/outbox/<int:message_id>/retry", view_func=views.outbox_retry,
                methods=["POST"])
bp.add_url_rule("/admin/outbox/retry-all", view_func=views.outbox_retry_all, methods=["POST"])
bp.add_url_rule("/webhooks/", view_func=views.target_list)
bp.add_url_rule("/webhooks/new", view_func=views.target_create, methods=["GET", "POST"])
bp.add_url_rule("/webhooks/<int:target_id>", view_func=views.target_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/webhooks/<int:target_id>/delete", view_func=views.target_delete,
                methods=["POST"])
bp.add_url_rule("/webhooks/<int:target_id>/test", view_func=views.target_test,
                methods=["POST"])
bp.add_url_rule("/projects/<int:project_id>/webhooks/", view_func=views.project_targets)
bp.add_url_rule("/projects/<int:project_id>/webhooks/new",
                view_func=views.project_target_create, methods=["GET", "POST"])


def register(app) -> None:
    app.register_blueprint(bp)
    notifications.register_channel_hook(preferences.on_notification)
