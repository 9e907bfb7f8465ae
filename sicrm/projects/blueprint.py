"""The projects blueprint and its URL rules."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core.org_sections import register_section
from sicrm.projects import (
    audit,
    models,  # noqa: F401  (its tables belong to the app's metadata)
    org_section,
    searchables,  # noqa: F401  (projects are searchable)
)
from sicrm.projects.services import (
    calendar_replan,  # noqa: F401  (re-plans on core's calendar_changed)
)
from sicrm.projects.documents import blueprint as documents_blueprint
from sicrm.projects.finance import blueprint as finance_blueprint
from sicrm.projects.partners import blueprint as partners_blueprint
from sicrm.projects.views import (
    actions,
    create,
    edit,
    learning,
    lists,
    milestones,
    page,
    reports,
    sharing,
    team,
)

bp = Blueprint("projects", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/projects")
bp.add_url_rule("/", view_func=lists.project_list)
bp.add_url_rule("/new", view_func=create.project_create, methods=["GET", "POST"])
bp.add_url_rule("/filters", view_func=lists.filter_save, methods=["POST"])
bp.add_url_rule("/filters/<int:filter_id>/delete", view_func=lists.filter_delete,
                methods=["POST"])
bp.add_url_rule("/board", view_func=reports.board)
bp.add_url_rule("/sharing-rules", view_func=sharing.sharing_rules, methods=["GET", "POST"])
bp.add_url_rule("/sharing-rules/<int:rule_id>/delete", view_func=sharing.sharing_rule_delete,
                methods=["POST"])
bp.add_url_rule("/templates/<int:template_id>/history", view_func=learning.template_history)
bp.add_url_rule("/templates/<int:template_id>/history/adopt",
                view_func=learning.template_history_adopt, methods=["POST"])
bp.add_url_rule("/funnel", view_func=reports.funnel)
bp.add_url_rule("/milestones", view_func=milestones.my_milestones)
#: sicrm.projects.urls.project_path builds this path outside requests
bp.add_url_rule("/<int:project_id>", view_func=page.project_view)
bp.add_url_rule("/<int:project_id>/edit", view_func=edit.project_edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:project_id>/stage/finish", view_func=actions.stage_finish,
                methods=["POST"])
bp.add_url_rule("/<int:project_id>/start", view_func=actions.start_date_set, methods=["POST"])
bp.add_url_rule("/<int:project_id>/stages/<int:stage_id>/end", view_func=actions.stage_end_set,
                methods=["POST"])
bp.add_url_rule("/<int:project_id>/milestones/<int:milestone_id>/done",
                view_func=actions.milestone_done, methods=["POST"])
bp.add_url_rule("/<int:project_id>/milestones", view_func=milestones.milestone_list)
bp.add_url_rule("/<int:project_id>/milestones/new", view_func=milestones.milestone_add,
                methods=["GET", "POST"])
bp.add_url_rule("/<int:project_id>/milestones/<int:milestone_id>/edit",
                view_func=milestones.milestone_edit, methods=["GET", "POST"])
bp.add_url_rule("/<int:project_id>/milestones/<int:milestone_id>/cancel",
                view_func=milestones.milestone_cancel, methods=["GET", "POST"])
bp.add_url_rule("/<int:project_id>/milestones/<int:milestone_id>/reopen",
                view_func=milestones.milestone_reopen, methods=["POST"])
bp.add_url_rule("/<int:project_id>/won", view_func=actions.mark_won, methods=["GET", "POST"])
bp.add_url_rule("/<int:project_id>/lost", view_func=actions.mark_lost, methods=["GET", "POST"])
bp.add_url_rule("/<int:project_id>/team", view_func=team.member_set, methods=["POST"])
bp.add_url_rule("/<int:project_id>/save-as-template", view_func=learning.save_as_template,
                methods=["POST"])
bp.add_url_rule("/<int:project_id>/team/<int:user_id>/remove", view_func=team.member_remove,
                methods=["POST"])
bp.add_url_rule("/<int:project_id>/documents/<int:document_id>/format",
                view_func=team.document_format)


def register(app) -> None:
    app.register_blueprint(bp)
    register_section("customer", 10, org_section.organization_section)
    audit.register()
    documents_blueprint.register(app)
    finance_blueprint.register(app)
    partners_blueprint.register(app)
