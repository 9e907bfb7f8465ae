from datetime import date

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.projects.models import Task
from sicrm.workflow.models import AppliedRoutingRule, RoutingRule
from sicrm.workflow.services import routing
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project, make_version


@pytest.fixture
def security(db):
    dept = make_department("安防事业部")
    dept.head = make_user("security_head", roles=[R.DEPT_MANAGER], department=dept)
    return dept


def test_rule_routes_a_matching_project_on_creation(db, admin, sales, security):
    routing.create_rule(admin, name="安防项目", match_category="安防",
                        department_id=security.id, pm_mode="head",
                        tasks=[{"title": "现场勘察", "owner_role": "engineer", "offset": 3},
                               {"title": "", "owner_role": "pm", "offset": 0}])
    routing.create_rule(admin, name="数据中心", match_category="数据中心",
                        department_id=security.id)
    project = make_project(sales, version=make_version(category="安防"),
                           start=date(2030, 1, 7))
    assert project.department_id == security.id
    assert project.pm_id == security.head_id
    assert {m.user_id: m.role for m in project.members}[security.head_id] == "pm"
    task = db.session.scalar(select(Task).where(Task.source == "routing"))
    assert (task.title, task.due_date) == ("现场勘察", date(2030, 1, 10))
    applied = db.session.scalars(select(AppliedRoutingRule)).all()
    assert [a.rule_name for a in applied] == ["安防项目"]
    assert applied[0].summary == {"department": "安防事业部", "pm": "用户 security_head",
                                  "tasks": ["现场勘察"]}


def test_inactive_and_non_matching_rules_do_nothing(db, admin, sales, security):
    rule = routing.create_rule(admin, name="停用", department_id=security.id, active=False)
    project = make_project(sales, version=make_version(category="安防"))
    assert project.department_id != security.id
    routing.update_rule(admin, rule, active=True, match_kind="implementation")
    project = make_project(sales, version=make_version(category="安防"))
    assert project.department_id != security.id


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": ""}, "name"),
    ({"name": "x", "match_kind": "weird"}, "match_kind"),
    ({"name": "x", "pm_mode": "head"}, "department_id"),
    ({"name": "x", "pm_mode": "user"}, "pm_user_id"),
    ({"name": "x", "tasks": [{"title": "t", "owner_role": "boss"}]}, "tasks"),
])
def test_bad_rules_are_refused(db, admin, fields, field):
    with pytest.raises(ServiceError) as error:
        routing.create_rule(admin, **fields)
    assert error.value.field == field
    assert db.session.scalar(select(RoutingRule.id)) is None


def test_rule_admin_pages(login_as, db, admin, security):
    client = login_as(admin)
    response = client.post("/admin/routing-rules/new", data={
        "name": "安防项目", "position": "1", "active": "y", "match_category": "安防",
        "department_id": str(security.id), "pm_mode": "head",
        "tasks": "现场勘察 | engineer | 3\n出具方案 | presales"})
    assert response.status_code == 302
    rule = db.session.scalar(select(RoutingRule))
    assert rule.tasks == [{"title": "现场勘察", "owner_role": "engineer", "offset": 3},
                          {"title": "出具方案", "owner_role": "presales", "offset": 0}]
    page = client.get("/admin/routing-rules/").data.decode()
    assert "安防项目" in page and "现场勘察" in page
    response = client.post(f"/admin/routing-rules/{rule.id}", data={
        "name": "安防项目", "tasks": "坏行 | nobody | x"})
    assert "Line 1 is not" in response.data.decode()
    edit = client.get(f"/admin/routing-rules/{rule.id}").data.decode()
    assert "现场勘察 | engineer | 3" in edit
    client.post(f"/admin/routing-rules/{rule.id}/delete")
    assert db.session.scalar(select(RoutingRule.id)) is None
