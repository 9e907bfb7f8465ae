"""The home page's widget registry, and the widgets the projects and workflow
packages register: my milestones, my reviews, projects at risk (traffic lights)."""
from datetime import date

import pytest
import time_machine
from markupsafe import Markup
from sqlalchemy import select

from sicrm.core import dashboard
from sicrm.core import roles as R
from sicrm.core.calendar import WorkCalendar
from sicrm.extensions import db as _db
from sicrm.projects.models import Milestone
from sicrm.projects.risk import projects_at_risk
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries

TODAY = date(2026, 3, 11)  # Wednesday; no holidays nearby
NO_HOLIDAYS = WorkCalendar({})


@pytest.fixture
def people(db):
    dept = make_department("销售部")
    north = make_department("华北组", parent=dept)
    manager = make_user("manager", roles=[R.DEPT_MANAGER, R.SALES], department=dept)
    dept.head = manager
    return {"dept": dept, "north": north, "manager": manager,
            "seller": make_user("seller", roles=[R.SALES], department=north),
            "other": make_user("other", roles=[R.SALES], department=make_department("别部")),
            "engineer": make_user("engineer", roles=[R.ENGINEER])}


@pytest.fixture
def restore_widgets():
    saved = dict(dashboard._WIDGETS)
    dashboard._WIDGETS.clear()
    yield
    dashboard._WIDGETS.clear()
    dashboard._WIDGETS.update(saved)


def test_registry_orders_skips_empty_and_escapes_strings(app, restore_widgets):
    dashboard.register_widget("b", 20, lambda user: Markup("<p>B</p>"))
    dashboard.register_widget("a", 5, lambda user: "<script>x</script>")
    dashboard.register_widget("none", 1, lambda user: None)
    dashboard.register_widget("b", 30, lambda user: Markup("<p>B2</p>"))  # replaced by key
    assert [w.key for w in dashboard.widgets()] == ["none", "a", "b"]
    parts = dashboard.render_widgets(object())
    assert len(parts) == 2 and 'data-widget="a"' in parts[0] and 'data-widget="b"' in parts[1]
    assert "&lt;script&gt;" in parts[0] and "<p>B2</p>" in parts[1]
    dashboard.unregister_widget("b")
    assert [w.key for w in dashboard.widgets()] == ["none", "a"]


def _project(actor, name, start, **fields):
    return make_project(actor, start=start, name=name, customer=make_org(f"{name}客户"),
                        **fields)


def test_traffic_lights(db, people):
    seller = people["seller"]
    # lead Mar 2–6, first_visit Mar 5: overdue on Mar 11 → red
    red = _project(seller, "红", date(2026, 3, 2))
    # starts Mar 9: first_visit Mar 12 (within 3 working days) → yellow
    yellow = _project(seller, "黄", date(2026, 3, 9))
    # starts Mar 30: nothing soon → green
    green = _project(seller, "绿", date(2026, 3, 30))
    # a stage late by more than 5 days, milestone done → red
    late = _project(seller, "晚", date(2026, 2, 16))
    _db.session.scalar(select(Milestone).where(Milestone.project_id == late.id,
                                               Milestone.key == "first_visit")).status = "done"
    # late by 3 days only (lead ends Mar 6 → 5 days on Mar 11), milestone done → yellow
    slightly = _project(seller, "稍晚", date(2026, 3, 2))
    _db.session.scalar(select(Milestone).where(Milestone.project_id == slightly.id,
                                               Milestone.key == "first_visit")).status = "done"
    lost = _project(seller, "丢", date(2026, 3, 2))
    lifecycle.mark_lost(people["manager"], lost, status="lost", reason="price")
    elsewhere = _project(people["other"], "别处", date(2026, 3, 2))
    _db.session.flush()
    summary = projects_at_risk(people["manager"], TODAY, NO_HOLIDAYS)
    lights = {row.code: row.light for row in summary.rows}
    # slightly: 5 days past its end is not more than 5 → yellow
    assert lights == {red.code: "red", late.code: "red", yellow.code: "yellow",
                      slightly.code: "yellow"}
    assert green.code not in lights and elsewhere.code not in lights and lost.code not in lights
    assert summary.counts == {"red": 2, "yellow": 2, "green": 1}
    assert [row.light for row in summary.rows] == ["red", "red", "yellow", "yellow"]
    assert next(r for r in summary.rows if r.code == red.code).overdue == 1
    assert projects_at_risk(seller, TODAY, NO_HOLIDAYS) is None  # manages nothing


def test_traffic_lights_take_two_queries_whatever_the_number(db, people):
    for n in range(3):
        _project(people["seller"], f"项目{n}", date(2026, 3, 2))
    projects_at_risk(people["manager"], TODAY, NO_HOLIDAYS)  # warm the department cache

    def queries():
        with count_queries(_db.engine) as counter:
            projects_at_risk(people["manager"], TODAY, NO_HOLIDAYS)
        return counter.count

    few = queries()
    for n in range(5):
        _project(people["seller"], f"更多{n}", date(2026, 3, 2))
    assert queries() == few


@time_machine.travel(TODAY, tick=False)
def test_home_page_shows_the_widgets(login_as, db, people):
    seller = people["seller"]
    _project(seller, "红", date(2026, 3, 2))
    html = login_as(seller).get("/").get_data(as_text=True)
    assert 'id="widget-my-milestones"' in html and "首次拜访" in html
    assert 'id="widget-projects-at-risk"' not in html  # sellers manage nothing
    assert "My organisations, recently changed" in html  # the old content stays
    html = login_as(people["manager"]).get("/").get_data(as_text=True)
    assert 'id="widget-projects-at-risk"' in html and 'data-light="red"' in html
    assert 'id="widget-my-reviews"' not in html  # no review is waiting


@time_machine.travel(TODAY, tick=False)
def test_home_page_query_count_does_not_grow(login_as, db, people):
    client = login_as(people["manager"])
    _project(people["seller"], "项目", date(2026, 3, 2), pm=people["manager"])

    def queries():
        client.get("/")
        with count_queries(_db.engine) as counter:
            assert client.get("/").status_code == 200
        return counter.count

    few = queries()
    for n in range(4):
        _project(people["seller"], f"更多{n}", date(2026, 3, 2), pm=people["manager"])
    assert queries() == few
