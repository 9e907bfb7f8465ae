"""How the audit log shows projects and what hangs on them: record kinds, field
labels, codes' labels and names for ids (sicrm.core.audit_display)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.core.audit_display import names_loader, register_entity, register_reference
from sicrm.projects.choices import KIND_LABELS, OUTCOME_REASON_LABELS, STATUS_LABELS
from sicrm.projects.finance.labels import CATEGORY_LABELS, EXPENSE_STATUS_LABELS
from sicrm.projects.finance.models import BudgetLine, Expense, Instalment, Invoice, Receipt
from sicrm.projects.models import Milestone, Project, ProjectStage
from sicrm.projects.partners.choices import PARTNER_ROLE_LABELS, PARTNER_STATUS_LABELS
from sicrm.projects.partners.models import ProjectPartner

PROJECT_FIELDS = {
    "code": _l("Code"),
    "name": _l("Project name"),
    "kind": _l("Project kind"),
    "customer_id": _l("Customer"),
    "template_version_id": _l("Template"),
    "department_id": _l("Owning department"),
    "pm_id": _l("Project manager"),
    "category": _l("Business category"),
    "amount": _l("Estimated amount"),
    "win_probability": _l("Win probability (%)"),
    "expected_sign_date": _l("Expected signing date"),
    "start_date": _l("Start date"),
    "signed_amount": _l("Signed amount"),
    "signed_date": _l("Signing date"),
    "outcome_reason": _l("Main reason"),
    "outcome_note": _l("Analysis"),
    "winner_id": _l("Won by"),
    "outcome_dt": _l("Outcome recorded"),
    "source_project_id": _l("Presales project"),
    "closed_dt": _l("Closed on"),
}


def register() -> None:
    register_reference("projects", names_loader(
        Project.id, Project.code + " " + Project.name))
    register_reference("milestones", names_loader(Milestone.id, Milestone.name))
    register_reference("project_stages", names_loader(ProjectStage.id, ProjectStage.name_zh))
    register_reference("instalments", names_loader(Instalment.id, Instalment.name))
    register_entity(Project, _l("Project"), fields=PROJECT_FIELDS,
                    choices={"kind": KIND_LABELS, "status": STATUS_LABELS,
                             "outcome_reason": OUTCOME_REASON_LABELS})
    finance = {"project_id": _l("Project"), "category": _l("Cost category")}
    register_entity(BudgetLine, _l("Budget line"),
                    fields={**finance, "planned": _l("Planned")},
                    choices={"category": CATEGORY_LABELS},
                    object_label=lambda stored: str(CATEGORY_LABELS.get(stored, stored)))
    register_entity(Expense, _l("Expense"),
                    fields={**finance, "spent_on": _l("Spent on"), "spent_by_id": _l("Spent by"),
                            "submitted_by_id": _l("Entered by"),
                            "receipt_file_id": _l("Receipt"),
                            "over_budget": _l("Over budget")},
                    choices={"category": CATEGORY_LABELS, "status": EXPENSE_STATUS_LABELS})
    register_entity(Instalment, _l("Instalment"),
                    fields={**finance, "name": _l("Instalment"),
                            "percent": _l("Share of the contract (%)"),
                            "milestone_id": _l("Due at milestone"), "due_date": _l("Due date")})
    register_entity(Invoice, _l("Invoice"),
                    fields={**finance, "instalment_id": _l("Instalment"),
                            "number": _l("Invoice number"), "issued_on": _l("Issued on")})
    register_entity(Receipt, _l("Payment received"),
                    fields={**finance, "instalment_id": _l("Instalment"),
                            "received_on": _l("Received on")})
    register_entity(ProjectPartner, _l("Project partner"),
                    fields={"project_id": _l("Project"), "organization_id": _l("Organisation"),
                            "role": _l("Partner role"), "responsibilities": _l("Responsibilities"),
                            "contract_value": _l("Contract value")},
                    choices={"role": PARTNER_ROLE_LABELS, "status": PARTNER_STATUS_LABELS},
                    object_label=_partner_label)


def _partner_label(stored: str) -> str:
    """“华为 (vendor)” → “华为 (Vendor (OEM))”: the role code in the reader's language."""
    name, _, rest = stored.rpartition(" (")
    code = rest[:-1] if rest.endswith(")") else None
    if name and code in PARTNER_ROLE_LABELS:
        return f"{name} · {PARTNER_ROLE_LABELS[code]}"
    if stored in PARTNER_ROLE_LABELS:
        return str(PARTNER_ROLE_LABELS[stored])
    return stored
