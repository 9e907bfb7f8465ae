"""Editing a project after creation: the service, the page, the history entry."""
from datetime import date

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects import history
from sicrm.projects import permissions as P
from sicrm.projects.models import ProjectEvent
from sicrm.projects.services import lifecycle
from sicrm.projects.services.editing import update_project
from sicrm.projects.urls import project_path
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import make_project


@pytest.fixture
def project(db, people):
    return make_project(people["seller"], start=date(2030, 1, 7), amount="1000000",
                        win_probability=30, customer=make_org("北京某局"),
                        industry="government", category="数据中心", pm=people["pm"])


def _events(project, kind="edited"):
    return _db.session.scalars(select(ProjectEvent).where(
        ProjectEvent.project_id == project.id, ProjectEvent.kind == kind)).all()


def test_update_project_changes_the_fields_and_records_one_entry(app, db, people, project):
    other, dept = make_org("上海某委"), make_department("解决方案部")
    new_pm = make_user("pm2", roles=[R.PROJECT_MANAGER], full_name="周经理")
    changes = update_project(project, {
        "name": "北京某局数据中心二期", "customer": other, "amount": "1500000",
        "win_probability": 60, "expected_sign_date": date(2030, 6, 30),
        "industry": "finance", "category": "云平台", "department": dept, "pm": new_pm,
    }, people["manager"])
    assert (project.name, project.customer_id, project.amount, project.win_probability) == (
        "北京某局数据中心二期", other.id, 1500000, 60)
    assert (project.expected_sign_date, project.industry, project.category) == (
        date(2030, 6, 30), "finance", "云平台")
    assert project.department_id == dept.id and project.pm_id == new_pm.id
    roles = {m.user_id: m.role for m in project.members}
    assert roles[new_pm.id] == "pm" and roles[people["pm"].id] == "observer"
    assert list(roles.values()).count("pm") == 1
    (event,) = _events(project)
    assert event.actor_id == people["manager"].id and event.params["changes"] == changes
    by_field = {c["field"]: (c["from"], c["to"]) for c in changes}
    assert by_field["customer"] == ("北京某局", "上海某委")  # names, not ids
    assert by_field["pm"] == ("李经理", "周经理")
    assert by_field["department"] == (people["north"].name, "解决方案部")
    assert by_field["amount"] == ("1000000.00", "1500000.00")
    assert by_field["expected_sign_date"] == (None, "2030-06-30")
    with app.test_request_context():
        text = history.describe(event, "en")
    assert "Customer from “北京某局” to “上海某委”" in text
    assert "Industry from “Government” to “Banking and finance”" in text
    assert "Project manager from “李经理” to “周经理”" in text
    assert "Win probability (%) from “30%” to “60%”" in text
    assert "Expected signing date from “—” to" in text


def test_update_project_records_only_what_changed(db, people, project):
    assert update_project(project, {"name": project.name, "amount": "1000000"},
                          people["seller"]) == []
    assert _events(project) == []
    changes = update_project(project, {"win_probability": 45}, people["seller"])
    assert changes == [{"field": "win_probability", "from": "30", "to": "45"}]


@pytest.mark.parametrize("data, field", [
    ({"name": "  "}, "name"), ({"customer": None}, "customer_id"),
    ({"win_probability": 120}, "win_probability"), ({"amount": "-1"}, "amount"),
    ({"industry": "mining"}, "industry"),
])
def test_update_project_refuses_what_creation_refuses(db, people, project, data, field):
    with pytest.raises(ServiceError) as refused:
        update_project(project, data, people["seller"])
    assert refused.value.field == field
    assert _events(project) == []


def test_who_may_edit(db, people, project):
    executive = make_user("ceo", roles=[R.EXECUTIVE])
    allowed = [people["pm"], people["seller"], people["manager"], executive, people["admin"]]
    assert all(P.can_edit_details(user, project) for user in allowed)
    assert not P.can_edit_details(people["outsider"], project)
    lifecycle.set_member(people["pm"], project, people["engineer"], "engineer")
    assert P.can_edit(people["engineer"], project)  # tasks and plan, yes
    assert not P.can_edit_details(people["engineer"], project)  # the project's data, no
    project.status = "lost"
    assert [P.can_edit_details(user, project) for user in allowed] == [
        False, False, False, True, True]


def _form(project, **fields):
    return {"name": project.name, "customer_id": str(project.customer_id),
            "amount": "1000000", "win_probability": "30", "expected_sign_date": "",
            "industry": "government", "category": "数据中心",
            "department_id": str(project.department_id), "pm_id": str(project.pm_id),
            **fields}


@pytest.mark.parametrize("who", ["pm", "seller", "manager", "admin"])
def test_edit_page_for_the_allowed(login_as, db, people, project, who):
    client = login_as(people[who])
    assert 'id="edit-project"' in client.get(project_path(project.id)).data.decode()
    page = client.get(f"/projects/{project.id}/edit").data.decode()
    assert 'value="数据中心"' in page and "北京某局" in page
    response = client.post(f"/projects/{project.id}/edit",
                           data=_form(project, name="数据中心二期", amount="1200000"))
    assert response.status_code == 302 and response.location == project_path(project.id)
    _db.session.expire_all()
    assert project.name == "数据中心二期" and project.amount == 1200000
    page = client.get(project_path(project.id)).data.decode()
    assert "Edited the project" in page and "数据中心二期" in page
    # the lists, board and funnel read the same columns
    assert "数据中心二期" in client.get("/projects/").data.decode()
    assert "数据中心二期" in client.get("/projects/board").data.decode()
    assert "¥1,200,000.00" in client.get("/projects/funnel").data.decode()


@pytest.mark.parametrize("who", ["engineer", "outsider"])
def test_edit_is_refused_and_changes_nothing(login_as, db, people, project, who):
    lifecycle.set_member(people["pm"], project, people["engineer"], "engineer")
    client = login_as(people[who])
    assert 'id="edit-project"' not in client.get(project_path(project.id)).data.decode()
    assert client.get(f"/projects/{project.id}/edit").status_code == 403
    response = client.post(f"/projects/{project.id}/edit", data=_form(project, name="被改了"))
    assert response.status_code == 403
    _db.session.expire_all()
    assert project.name == "某某数据中心建设项目" and _events(project) == []


def test_closed_project_is_edited_only_by_executives(login_as, db, people, project):
    project.status = "lost"
    _db.session.flush()
    assert login_as(people["pm"]).get(f"/projects/{project.id}/edit").status_code == 403
    response = login_as(people["admin"]).post(f"/projects/{project.id}/edit",
                                               data=_form(project, category="运维"))
    assert response.status_code == 302
    _db.session.expire_all()
    assert project.category == "运维"


@pytest.mark.parametrize("change, message", [
    ({"win_probability": "120"}, "赢率须为 0 到 100 之间的百分比。"),
    ({"name": ""}, "此项为必填项。"),
    ({"customer_id": ""}, "此项为必填项。"),
])
def test_invalid_edit_re_renders_translated_and_changes_nothing(
        login_as, db, people, project, change, message):
    people["seller"].locale = "zh_CN"
    response = login_as(people["seller"]).post(f"/projects/{project.id}/edit",
                                                data=_form(project, **change))
    assert response.status_code == 200
    assert message in response.data.decode()
    _db.session.expire_all()
    assert project.name == "某某数据中心建设项目" and project.win_probability == 30
    assert _events(project) == []


def test_unchanged_edit_writes_no_history(login_as, db, people, project):
    response = login_as(people["seller"]).post(f"/projects/{project.id}/edit",
                                                data=_form(project))
    assert response.status_code == 302
    assert _events(project) == []


def test_the_add_member_form_does_not_offer_pm_by_default(app):
    """Adding a team member without touching the role adds an engineer, not a PM."""
    from sicrm.projects.forms import MemberForm

    with app.test_request_context():
        form = MemberForm(meta={"csrf": False})
        assert form.role.data == "engineer"
        assert '<option selected value="engineer">' in str(form.role)
