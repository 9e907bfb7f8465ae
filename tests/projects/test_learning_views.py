from datetime import date

from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.calendar import WorkCalendar
from sicrm.projects.models import SharingRule
from sicrm.projects.services import lifecycle
from sicrm.templates_lib.models import ProjectTemplate
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import IMPLEMENTATION, make_project, make_version


def test_history_page_and_adopt(login_as, db, admin):
    pm = make_user("pm", roles=[R.PROJECT_MANAGER])
    version = make_version(IMPLEMENTATION, kind="implementation")
    for days in (5, 6, 6):
        project = make_project(pm, version=version, start=date(2026, 3, 2))
        lifecycle.finish_stage(pm, project, on=WorkCalendar().end_of(date(2026, 3, 2), days))
    client = login_as(admin)
    page = client.get(f"/projects/templates/{version.template_id}/history").data.decode()
    assert 'name="stage" value="kickoff"' in page  # 3 → 6 suggested
    assert 'value="acceptance"' not in page  # no history: nothing to adopt
    response = client.post(f"/projects/templates/{version.template_id}/history/adopt",
                           data={"stage": ["kickoff"]})
    assert response.status_code == 302
    template = db.session.get(ProjectTemplate, version.template_id)
    db.session.refresh(template)
    assert [(v.number, v.status) for v in template.versions] == [(1, "published"),
                                                                 (2, "published")]
    assert template.versions[1].definition["stages"][0]["duration"] == 6


def test_save_closed_project_as_template(login_as, db, admin):
    project = make_project(admin, version=make_version(IMPLEMENTATION, kind="implementation"),
                           start=date(2026, 3, 2))
    client = login_as(admin)
    assert b"save-as-template" not in client.get(f"/projects/{project.id}").data
    for gate in (False, True, False):
        lifecycle.finish_stage(admin, project, gate_passed=gate, on=date(2026, 4, 1))
    assert b"save-as-template" in client.get(f"/projects/{project.id}").data
    response = client.post(f"/projects/{project.id}/save-as-template",
                           data={"name_zh": "经验模板", "name_en": "Lessons learned"})
    assert response.status_code == 302
    made = db.session.scalar(select(ProjectTemplate).where(ProjectTemplate.name_zh == "经验模板"))
    assert made.versions[0].status == "draft"


def test_sharing_rule_admin(login_as, db, admin):
    dept = make_department("安防事业部")
    client = login_as(admin)
    assert client.post("/projects/sharing-rules", data={
        "department_id": str(dept.id), "category": "安防"}).status_code == 302
    rule = db.session.scalar(select(SharingRule))
    assert (rule.department_id, rule.category, rule.kind) == (dept.id, "安防", None)
    response = client.post("/projects/sharing-rules", data={"department_id": "",
                                                           "category": "x"})
    assert b"This field is required." in response.data
    assert "安防事业部" in client.get("/projects/sharing-rules").data.decode()
    client.post(f"/projects/sharing-rules/{rule.id}/delete")
    assert db.session.scalar(select(SharingRule.id)) is None
