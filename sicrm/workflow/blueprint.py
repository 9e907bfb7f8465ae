"""The workflow blueprint and its URL rules."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.workflow import audit
from sicrm.workflow import models  # noqa: F401  (its tables belong to the app's metadata)
from sicrm.workflow.alarms import blueprint as alarms_blueprint
from sicrm.workflow.calendar import blueprint as calendar_blueprint
from sicrm.workflow.delivery import blueprint as delivery_blueprint
from sicrm.workflow.panel import workflow_panel
from sicrm.workflow.views import reviews, routing

bp = Blueprint("workflow", __name__, template_folder=str(Path(__file__).parent / "templates"))
bp.add_url_rule("/projects/<int:project_id>/gate/submit", view_func=reviews.gate_submit,
                methods=["POST"])
bp.add_url_rule("/reviews/", view_func=reviews.inbox)
bp.add_url_rule("/reviews/<int:review_id>", view_func=reviews.review_view)
bp.add_url_rule("/reviews/<int:review_id>/decide", view_func=reviews.review_decide,
                methods=["POST"])
bp.add_url_rule("/admin/routing-rules/", view_func=routing.rule_list)
bp.add_url_rule("/admin/routing-rules/new", view_func=routing.rule_create,
                methods=["GET", "POST"])
bp.add_url_rule("/admin/routing-rules/<int:rule_id>", view_func=routing.rule_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/admin/routing-rules/<int:rule_id>/delete", view_func=routing.rule_delete,
                methods=["POST"])


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(workflow_panel)
    audit.register()
    for part in (delivery_blueprint, alarms_blueprint, calendar_blueprint):
        part.register(app)
