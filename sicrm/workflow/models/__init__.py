"""Workflow tables: gate reviews, routing rules, alarms and what delivers them."""
from sicrm.workflow.models.alarms import (
    Alarm,
    AlarmDelivery,
    AlarmPolicy,
    CalendarFeed,
    SchedulerLease,
    WebhookTarget,
)
from sicrm.workflow.models.gates import (
    RULES,
    AppliedRoutingRule,
    GateDecision,
    GateReview,
    GateReviewer,
    RoutingRule,
)

__all__ = [
    "RULES",
    "Alarm",
    "AlarmDelivery",
    "AlarmPolicy",
    "AppliedRoutingRule",
    "CalendarFeed",
    "GateDecision",
    "GateReview",
    "GateReviewer",
    "RoutingRule",
    "SchedulerLease",
    "WebhookTarget",
]
