"""How the audit log shows routing rules, alarm policies and robots
(sicrm.core.audit_display)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.core.audit_display import register_entity
from sicrm.core.choices import INDUSTRIES
from sicrm.workflow.delivery.services.webhooks import KIND_LABELS as ROBOT_KINDS
from sicrm.workflow.forms import KIND_LABELS as PROJECT_KINDS
from sicrm.workflow.models import AlarmPolicy, RoutingRule, WebhookTarget


def register() -> None:
    register_entity(RoutingRule, _l("Routing rule"),
                    fields={"position": _l("Order"), "match_kind": _l("Project kind"),
                            "match_category": _l("Business category"),
                            "match_industry": _l("Industry"),
                            "department_id": _l("Owning department"),
                            "pm_mode": _l("Project manager"),
                            "pm_user_id": _l("Named project manager"),
                            "tasks": _l("Tasks to add")},
                    choices={"match_kind": PROJECT_KINDS, "match_industry": INDUSTRIES,
                             "pm_mode": {"head": _l("The department's head"),
                                         "user": _l("A named user")}})
    register_entity(AlarmPolicy, _l("Alarm policy"),
                    fields={"template_id": _l("Template"), "stage_key": _l("Stage"),
                            "reminder_offsets": _l("Reminders (working days before)"),
                            "milestone_escalation": _l("Milestone escalation"),
                            "stage_escalation": _l("Stage escalation"),
                            "review_pending_days": _l("Review pending (working days)"),
                            "review_escalation": _l("Review escalation"),
                            "repeat_days": _l("Repeat every (working days)")})
    register_entity(WebhookTarget, _l("Robot"),
                    fields={"kind": _l("Kind of robot"), "url": _l("Address"),
                            "department_id": _l("Department"), "project_id": _l("Project")},
                    choices={"kind": ROBOT_KINDS}, hidden={"secret"})
