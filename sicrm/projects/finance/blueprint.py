"""URL rules of projects.finance (registered by sicrm.projects.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core.org_sections import register_section

from sicrm.projects.finance import (  # noqa: F401
    history,
    models,
    org_section,
    permissions,
    settings,
    views,
)
from sicrm.projects.finance.panel import finance_panel

bp = Blueprint("finance", __name__, template_folder=str(Path(__file__).parent / "templates"))
_P = "/projects/<int:project_id>/finance"
bp.add_url_rule("/finance/approvals", view_func=views.approvals)
bp.add_url_rule("/finance/receivables", view_func=views.receivables)
bp.add_url_rule(_P, view_func=views.project_finance)
bp.add_url_rule(f"{_P}/budget", view_func=views.budget_edit, methods=["GET", "POST"])
bp.add_url_rule(f"{_P}/expenses/new", view_func=views.expense_add, methods=["GET", "POST"])
bp.add_url_rule(f"{_P}/expenses/<int:expense_id>/edit", view_func=views.expense_edit,
                methods=["GET", "POST"])
bp.add_url_rule(f"{_P}/expenses/<int:expense_id>/delete", view_func=views.expense_delete,
                methods=["POST"])
bp.add_url_rule(f"{_P}/expenses/<int:expense_id>/decide", view_func=views.expense_decide,
                methods=["POST"])
bp.add_url_rule(f"{_P}/expenses/<int:expense_id>/receipt", view_func=views.expense_receipt)
bp.add_url_rule(f"{_P}/effort", view_func=views.effort_add, methods=["POST"])
bp.add_url_rule(f"{_P}/effort/<int:entry_id>/delete", view_func=views.effort_delete,
                methods=["POST"])
bp.add_url_rule(f"{_P}/instalments/new", view_func=views.instalment_add,
                methods=["GET", "POST"])
bp.add_url_rule(f"{_P}/instalments/<int:instalment_id>/edit", view_func=views.instalment_edit,
                methods=["GET", "POST"])
bp.add_url_rule(f"{_P}/instalments/<int:instalment_id>/delete",
                view_func=views.instalment_delete, methods=["POST"])
bp.add_url_rule(f"{_P}/instalments/<int:instalment_id>/invoices",
                view_func=views.invoice_add, methods=["POST"])
bp.add_url_rule(f"{_P}/instalments/<int:instalment_id>/receipts",
                view_func=views.receipt_add, methods=["POST"])
bp.add_url_rule(f"{_P}/invoices/<int:invoice_id>/delete", view_func=views.invoice_delete,
                methods=["POST"])
bp.add_url_rule(f"{_P}/receipts/<int:receipt_id>/delete", view_func=views.receipt_delete,
                methods=["POST"])


def register(app) -> None:
    settings.init_app(app)
    history.register()
    app.register_blueprint(bp)
    app.add_template_global(finance_panel)
    app.add_template_global(permissions.can_see_receivables)
    register_section("receivables", 15, org_section.organization_section)
