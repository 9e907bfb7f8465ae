"""Finance settings: SICRM_* environment variables, read once into the app config
by `init_app` (tests and deployments may override them in the config)."""
from __future__ import annotations

import os
from decimal import Decimal

from flask import current_app

DEFAULTS = {
    #: expenses above this amount also need finance's approval (CNY)
    "SICRM_EXPENSE_FINANCE_THRESHOLD": "5000",
    #: the value of one logged hour of effort (CNY)
    "SICRM_EFFORT_HOURLY_COST": "300",
    #: warn when a presales project's cost passes this share of its expected value
    "SICRM_BID_COST_SHARE": "0.05",
}


def init_app(app) -> None:
    for key, default in DEFAULTS.items():
        app.config.setdefault(key, os.environ.get(key, default))


def _get(key: str) -> Decimal:
    return Decimal(str(current_app.config.get(key, DEFAULTS[key])))


def finance_threshold() -> Decimal:
    return _get("SICRM_EXPENSE_FINANCE_THRESHOLD")


def hourly_cost() -> Decimal:
    return _get("SICRM_EFFORT_HOURLY_COST")


def bid_cost_share() -> Decimal:
    return _get("SICRM_BID_COST_SHARE")
