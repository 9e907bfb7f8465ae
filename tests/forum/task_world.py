"""A small company for task tests: a delivery department (head: manager) with a PM, an
engineer and an observer on one project's team; an outsider in another department."""
from __future__ import annotations

from datetime import date

from sicrm.core import roles as R
from sicrm.extensions import db
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project

TODAY = date(2026, 3, 2)


def build() -> dict:
    delivery = make_department("交付部")
    other = make_department("市场部")
    manager = make_user("manager", roles=[R.DEPT_MANAGER], department=delivery,
                        full_name="经理")
    pm = make_user("pm", roles=[R.PROJECT_MANAGER], department=delivery, full_name="项目经理")
    engineer = make_user("engineer", roles=[R.ENGINEER], department=delivery,
                         full_name="工程师")
    observer = make_user("observer", roles=[R.ENGINEER], department=delivery,
                         full_name="观察员")
    outsider = make_user("outsider", roles=[R.SALES], department=other, full_name="外人")
    delivery.head = manager
    project = make_project(pm, pm=pm, department=delivery, start=TODAY,
                           team=[(engineer, "engineer"), (observer, "observer")])
    db.session.commit()
    return {"manager": manager, "pm": pm, "engineer": engineer, "observer": observer,
            "outsider": outsider, "project": project, "delivery": delivery}
