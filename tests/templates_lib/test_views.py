import io
import json

import yaml
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.templates_lib.services import templates as services
from tests.fixtures.factories import make_user
from tests.fixtures.kept import kept_tokens
from tests.fixtures.queries import count_queries
from tests.templates_lib.helpers import basic


def _count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


def test_create_edit_publish_and_new_version_with_diff(login_as, db, admin):
    client = login_as(admin)
    response = client.post("/templates/new", data={
        "name_zh": "智慧园区实施", "name_en": "Smart campus", "kind": "implementation",
        "industry": "government", "category": "智慧城市"})
    assert response.status_code == 302
    template = _db.session.scalar(select(ProjectTemplate))
    draft = template.versions[0]
    assert response.location == f"/templates/versions/{draft.id}"
    page = client.get(response.location).data.decode()
    assert "No stages yet." in page and "Publish v1" in page

    base = f"/templates/versions/{draft.id}"
    response = client.post(f"{base}/stages/new", data={
        "name_zh": "启动", "name_en": "Kickoff", "duration": "5", "key": "kickoff"})
    assert response.location == f"{base}/stages/kickoff"
    client.post(f"{base}/stages/new", data={"name_zh": "设计", "duration": "10"})
    stage = f"{base}/stages/kickoff"
    assert client.post(f"{stage}/tasks/new", data={
        "tasks-new-name_zh": "组建团队", "tasks-new-owner_role": "pm", "tasks-new-offset": "0",
        "tasks-new-duration": "2"}).status_code == 302
    assert client.post(f"{stage}/tasks/new", data={
        "tasks-new-name_zh": "启动会", "tasks-new-owner_role": "pm", "tasks-new-after": "t1",
        "tasks-new-offset": "1", "tasks-new-duration": "1"}).status_code == 302
    assert client.post(f"{stage}/milestones/new", data={
        "milestones-new-name_zh": "项目启动", "milestones-new-offset": "4",
        "milestones-new-owner_role": "pm"}).status_code == 302
    page = client.post(f"{stage}/documents/new", data={  # no name: shown again, file kept
        "documents-new-name_zh": "", "documents-new-approver_roles": ["pm"],
        "documents-new-format_file": (io.BytesIO(b"%PDF-1.7 minutes"), "纪要模板.pdf")},
        content_type="multipart/form-data").data.decode()
    assert "纪要模板.pdf kept" in page
    response = client.post(f"{stage}/documents/new", data={
        "documents-new-name_zh": "项目启动会纪要", "documents-new-approver_roles": ["pm"],
        "documents-new-format_file_kept": kept_tokens(page, "documents-new-format_file")})
    assert response.status_code == 302
    response = client.post(stage, data={
        "name_zh": "启动", "name_en": "Kickoff", "duration": "5", "gate_enabled": "y",
        "gate_rule": "all", "reviewer_roles": ["dept_manager"], "reviewer_users": ["admin"],
        "checklist": "团队到位 | Team in place\n\n启动会已召开"})
    assert response.status_code == 302
    _db.session.expire_all()
    kickoff = draft.definition["stages"][0]
    assert [t["key"] for t in kickoff["tasks"]] == ["t1", "t2"]
    assert kickoff["tasks"][1]["after"] == "t1"
    assert kickoff["gate"] == {"rule": "all", "reviewer_roles": ["dept_manager"],
                               "reviewer_users": ["admin"], "checklist": [
                                   {"zh": "团队到位", "en": "Team in place"},
                                   {"zh": "启动会已召开", "en": ""}]}
    file_id = kickoff["documents"][0]["format_file_id"]
    page = client.get(stage).data.decode()
    assert "组建团队" in page and "day 3–4" in page and "纪要模板.pdf" in page
    download = client.get(f"{base}/files/{file_id}")
    assert download.status_code == 200 and download.data == b"%PDF-1.7 minutes"

    # move the second stage up, then publish
    client.post(f"{base}/stages/stage-2/move", data={"direction": "up"})
    _db.session.expire_all()
    assert [s["key"] for s in draft.definition["stages"]] == ["stage-2", "kickoff"]
    response = client.post(f"{base}/publish", data={"change_note": "首版"})
    assert response.location == f"/templates/{template.id}"
    page = client.get(response.location).data.decode()
    assert "Version 1" in page and "组建团队" in page and "Continue draft" not in page

    # "Edit" starts v2, copied from v1; a change shows as a difference
    response = client.post(f"/templates/{template.id}/draft")
    _db.session.expire_all()
    v2 = _db.session.scalar(select(TemplateVersion).where(TemplateVersion.number == 2))
    assert response.location == f"/templates/versions/{v2.id}"
    client.post(f"/templates/versions/{v2.id}/stages/kickoff", data={
        "name_zh": "启动", "name_en": "Kickoff", "duration": "7"})
    client.post(f"/templates/versions/{v2.id}/stages/kickoff/tasks/t1/delete")  # refused: t2
    page = client.get(f"/templates/versions/{v2.id}").data.decode()
    assert "Changes from v1" in page
    assert "Stage “Kickoff”: standard duration 5 → 7 working days." in page
    assert "Stage “Kickoff”: gate review removed." in page
    assert client.post(f"/templates/{template.id}/draft").location == f"/templates/versions/{v2.id}"
    # published v1 cannot be edited any more
    assert client.get(f"{base}/stages/kickoff").status_code == 403


def test_errors_are_shown_on_the_forms(login_as, db, admin):
    template = services.create_template_from_definition(
        admin, name_zh="模板", kind="presales", definition=basic())
    _db.session.commit()
    client = login_as(admin)
    base = f"/templates/versions/{template.versions[0].id}/stages/lead"
    page = client.post(f"{base}/tasks/t1/edit", data={
        "tasks-t1-name_zh": "任务", "tasks-t1-owner_role": "pm", "tasks-t1-after": "t2",
        "tasks-t1-offset": "0", "tasks-t1-duration": "1"}).data.decode()
    assert "comes after itself through other tasks" in page
    page = client.post(base, data={"name_zh": "线索", "duration": "5", "gate_enabled": "y",
                                   "gate_rule": "all"}).data.decode()
    assert "at least one reviewer" in page
    page = client.post(f"{base}/milestones/new", data={
        "milestones-new-name_zh": "x", "milestones-new-offset": "9"}).data.decode()
    assert "at most 5" in page
    page = client.post(f"/templates/versions/{template.versions[0].id}/publish",
                       data={"change_note": ""}).data.decode()
    assert "This field is required." in page
    assert template.versions[0].status == "draft"


def test_list_filters_and_query_count(login_as, db, admin):
    def add(count, kind):
        for i in range(count):
            t = services.create_template_from_definition(
                admin, name_zh=f"{kind}模板{i}", kind=kind, category="安防",
                definition=basic(), publish=True)
            services.start_draft(admin, t)

    add(2, "presales")
    _db.session.commit()
    client = login_as(make_user("viewer", roles=[R.ENGINEER]))
    with count_queries(_db.engine) as few:
        assert client.get("/templates/").status_code == 200
    add(6, "implementation")
    _db.session.commit()
    with count_queries(_db.engine) as many:
        page = client.get("/templates/").data.decode()
    assert many.count == few.count
    assert "implementation模板5" in page and "draft v2" in page
    assert "New template" not in page  # engineers may look, not manage
    page = client.get("/templates/?kind=presales").data.decode()
    assert "presales模板1" in page and "implementation模板1" not in page
    page = client.get("/templates/?q=presales模板0").data.decode()
    assert "presales模板0" in page and "presales模板1" not in page
    archived = _db.session.scalar(select(ProjectTemplate).where(
        ProjectTemplate.name_zh == "presales模板0"))
    archived.archived = True
    _db.session.commit()
    assert "presales模板0" not in client.get("/templates/").data.decode()
    assert "presales模板0" in client.get("/templates/?archived=1").data.decode()


def test_clone_archive_export_import(login_as, db, admin):
    template = services.create_template_from_definition(
        admin, name_zh="原模板", name_en="Original", kind="presales", definition=basic(),
        publish=True)
    _db.session.commit()
    client = login_as(admin)
    response = client.post(f"/templates/{template.id}/clone")
    assert "原模板（副本）" in client.get(response.location).data.decode()
    client.post(f"/templates/{template.id}/archive", data={"archived": "1"})
    _db.session.expire_all()
    assert template.archived
    version = template.versions[0]
    exported = client.get(f"/templates/versions/{version.id}/export?format=yaml")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    assert yaml.safe_load(exported.data)["template"]["name_zh"] == "原模板"
    exported = client.get(f"/templates/versions/{version.id}/export?format=json")
    assert json.loads(exported.data)["version"]["number"] == 1
    assert client.get(f"/templates/versions/{version.id}/export?format=xml").status_code == 404
    response = client.post("/templates/import", data={
        "file": (io.BytesIO(exported.data), "原模板.json")}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert _count(ProjectTemplate) == 3
    page = client.post("/templates/import", data={
        "file": (io.BytesIO(b"{oops"), "bad.json")}, content_type="multipart/form-data")
    assert "not valid JSON" in page.data.decode()
    assert _count(ProjectTemplate) == 3


def test_format_file_only_for_files_of_that_version(login_as, db, admin):
    template = services.create_template_from_definition(
        admin, name_zh="模板", kind="presales", definition=basic(), publish=True)
    _db.session.commit()
    client = login_as(admin)
    assert client.get(f"/templates/versions/{template.versions[0].id}/files/1").status_code == 404
