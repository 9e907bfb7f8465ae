"""The home page's "my open alarms" widget (see sicrm.core.dashboard)."""
from __future__ import annotations

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import func, select

from sicrm.core.dashboard import register_widget
from sicrm.extensions import db
from sicrm.workflow.alarms import queries
from sicrm.workflow.alarms.messages import KIND_LABELS, SUBJECT_LABELS, level_label

SHOWN = 8


def my_alarms(user) -> Markup | None:
    """Open alarms that reached me: nothing to show when there are none."""
    query = queries.mine(user, "open")
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    if not total:
        return None
    alarms = db.session.scalars(query.limit(SHOWN)).all()
    english = get_locale().language == "en"
    return Markup(render_template("alarms/_widget.html", alarms=alarms, total=total,
                                  names=queries.subject_names(alarms, english),
                                  kinds=KIND_LABELS, subjects=SUBJECT_LABELS,
                                  level_label=level_label))


def register() -> None:
    register_widget("my_alarms", 5, my_alarms)
