"""Home-page widgets of the workflow and projects packages (see sicrm.core.dashboard):
my milestones (10), my pending reviews (20), projects at risk for managers (40).
Each reads what it shows in a fixed number of queries."""
from __future__ import annotations

from datetime import date, timedelta

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup

from sicrm.core.dashboard import register_widget
from sicrm.extensions import db
from sicrm.projects import milestone_queries
from sicrm.projects.risk import SOON_WORKDAYS, STAGE_LATE_DAYS, projects_at_risk
from sicrm.workflow.calendar import items

#: how far ahead the home page looks for my milestones
UPCOMING_DAYS = 14
SHOWN = 8


def _locale() -> str:
    return "en" if get_locale().language == "en" else "zh_CN"


def my_milestones(user) -> Markup | None:
    """My overdue and upcoming open milestones (owned by me)."""
    today = date.today()
    found = db.session.scalars(milestone_queries.my_milestones(
        user, "mine", until=today + timedelta(days=UPCOMING_DAYS))).all()
    overdue = [m for m in found if m.planned_date < today]
    upcoming = [m for m in found if m.planned_date >= today]
    return Markup(render_template("calendar/_widget_milestones.html", overdue=overdue[:SHOWN],
                                  upcoming=upcoming[:SHOWN], overdue_count=len(overdue),
                                  upcoming_count=len(upcoming), today=today,
                                  locale=_locale(), days=UPCOMING_DAYS))


def my_reviews(user) -> Markup | None:
    """Gate reviews waiting for my decision; nothing when there are none."""
    found = items.user_reviews(user, None, None, _locale())
    if not found:
        return None
    return Markup(render_template("calendar/_widget_reviews.html", reviews=found[:SHOWN],
                                  total=len(found)))


def at_risk(user) -> Markup | None:
    """For managers: traffic lights of their departments' open projects."""
    summary = projects_at_risk(user)
    if summary is None:
        return None
    return Markup(render_template("calendar/_widget_risk.html", summary=summary,
                                  locale=_locale(), late_days=STAGE_LATE_DAYS,
                                  soon=SOON_WORKDAYS))


def register() -> None:
    register_widget("my_milestones", 10, my_milestones)
    register_widget("my_reviews", 20, my_reviews)
    register_widget("projects_at_risk", 40, at_risk)
