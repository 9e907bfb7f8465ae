"""The month/week calendar page: grid, navigation, working days, my entries (overdue
milestones in red), a project's milestones and stages, and a fixed query count."""
import re
from datetime import date

import pytest
import time_machine
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.models import CalendarDay
from sicrm.extensions import db as _db
from sicrm.projects.models import Milestone, Task
from sicrm.workflow.calendar import grid
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries

TODAY = date(2026, 3, 11)


@pytest.fixture
def people(db):
    dept = make_department("销售部")
    return {"seller": make_user("seller", roles=[R.SALES], department=dept),
            "outsider": make_user("outsider", roles=[R.SALES])}


def _cell(html, day):
    match = re.search(rf'<td[^>]*data-day="{day}"(.*?)</td>', html, re.S)
    assert match, day
    return match.group(0)


def test_grid_spans_whole_weeks():
    assert grid.span("month", date(2026, 3, 11)) == (date(2026, 2, 23), date(2026, 4, 5))
    assert grid.span("week", date(2026, 3, 11)) == (date(2026, 3, 9), date(2026, 3, 15))
    assert grid.neighbours("month", date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 4, 1))
    assert grid.neighbours("week", date(2026, 3, 11)) == (date(2026, 3, 4), date(2026, 3, 18))


@time_machine.travel(TODAY, tick=False)
def test_month_shows_my_entries_and_working_days(login_as, people):
    seller = people["seller"]
    project = make_project(seller, start=date(2026, 3, 2), customer=make_org("某局"))
    visit = _db.session.scalar(select(Milestone).where(Milestone.key == "first_visit"))
    task = _db.session.scalar(select(Task).where(Task.key == "visit"))
    _db.session.add(CalendarDay(day=date(2026, 3, 13), kind="off", note="公司活动"))
    hidden = make_project(people["outsider"], start=date(2026, 3, 2), name="别人的")
    hidden.stages[0].milestones[0].owner_id = seller.id  # owned, but not visible
    html = login_as(seller).get("/calendar/").get_data(as_text=True)
    cell = _cell(html, visit.planned_date.isoformat())
    assert "首次拜访" in cell and "cal-overdue" in cell  # Mar 5 < Mar 11
    assert f'data-kind="task" data-id="{task.id}"' in _cell(html, task.due_date.isoformat())
    assert 'data-workday="no"' in _cell(html, "2026-03-14")  # Saturday
    assert 'data-workday="no"' in _cell(html, "2026-03-13")  # the company's day off
    assert 'data-workday="yes"' in _cell(html, "2026-03-12")
    assert "cal-today" in _cell(html, "2026-03-11")
    assert html.count('data-kind="milestone"') == 1 and "别人的" not in html
    assert 'data-kind="stage"' not in html
    # with the project: its stages (spanning days) and milestones
    html = login_as(seller).get(f"/calendar/?project_id={project.id}").get_data(as_text=True)
    assert 'data-kind="stage"' in _cell(html, "2026-03-04")
    assert "演示" in _cell(html, "2026-03-24")
    assert html.count(f'data-kind="milestone" data-id="{visit.id}"') == 1  # not twice


@time_machine.travel(TODAY, tick=False)
def test_week_view_and_navigation(login_as, people):
    make_project(people["seller"], start=date(2026, 3, 2))
    client = login_as(people["seller"])
    html = client.get("/calendar/?view=week&day=2026-03-04").get_data(as_text=True)
    days = re.findall(r'data-day="([\d-]+)"', html)
    assert days[0] == "2026-03-02" and days[-1] == "2026-03-08" and len(days) == 7
    assert "首次拜访" in html
    assert "day=2026-02-25" in html and "day=2026-03-11" in html  # previous / next
    html = client.get("/calendar/?view=month&day=bad").get_data(as_text=True)
    assert 'data-day="2026-03-11"' in html  # bad dates fall back to today


def test_a_project_i_may_not_see_is_refused(login_as, people):
    project = make_project(people["outsider"])
    assert login_as(people["seller"]).get(
        f"/calendar/?project_id={project.id}").status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_query_count_does_not_grow(login_as, people):
    seller = people["seller"]
    project = make_project(seller, start=date(2026, 3, 2))
    client = login_as(seller)
    url = f"/calendar/?project_id={project.id}"

    def queries():
        client.get(url)
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    few = queries()
    for n in range(4):
        make_project(seller, start=date(2026, 3, 2), customer=make_org(f"客户{n}"))
    _db.session.add(Milestone(project_id=project.id, stage_id=project.stages[0].id,
                              name="手加", planned_date=date(2026, 3, 4), owner_id=seller.id))
    assert queries() == few
