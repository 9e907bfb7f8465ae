"""URL rules of projects.partners (registered by sicrm.projects.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core import org_sections
from sicrm.projects import history
from sicrm.projects.partners import models  # noqa: F401  (its tables belong to the metadata)
from sicrm.projects.partners.history import MESSAGES
from sicrm.projects.partners.panel import (
    contact_section,
    organization_section,
    partners_panel,
)
from sicrm.projects.partners.views import competitors, partners, winloss

bp = Blueprint("partners", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/projects")
P = "/<int:project_id>"
bp.add_url_rule(f"{P}/partners/new", view_func=partners.partner_add, methods=["GET", "POST"])
bp.add_url_rule(f"{P}/partners/<int:partner_id>/edit", view_func=partners.partner_edit,
                methods=["GET", "POST"])
bp.add_url_rule(f"{P}/partners/<int:partner_id>/remove", view_func=partners.partner_remove,
                methods=["POST"])
bp.add_url_rule(f"{P}/competitors/new", view_func=competitors.competitor_add,
                methods=["GET", "POST"])
bp.add_url_rule(f"{P}/competitors/<int:competitor_id>", view_func=competitors.competitor_history)
bp.add_url_rule(f"{P}/competitors/<int:competitor_id>/assess",
                view_func=competitors.competitor_assess, methods=["GET", "POST"])
bp.add_url_rule(f"{P}/competitors/<int:competitor_id>/remove",
                view_func=competitors.competitor_remove, methods=["POST"])
bp.add_url_rule(f"{P}/win-loss", view_func=winloss.analysis_edit, methods=["GET", "POST"])
bp.add_url_rule("/win-loss", view_func=winloss.report)
bp.add_url_rule("/win-loss/reasons", view_func=winloss.reason_list, methods=["GET", "POST"])


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(partners_panel)
    history.MESSAGES.update(MESSAGES)
    org_sections.register_section("partners", 20, organization_section)
    org_sections.register_contact_section("projects", 20, contact_section)
