"""Won → implementation: the form as the browser sends it, and the presales
project's approved documents carried (linked, not copied) to the implementation."""
import io
import re
from datetime import date
from html.parser import HTMLParser

from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.projects.documents import services as documents
from sicrm.projects.documents.models import DocumentVersion, ProjectDocument
from sicrm.projects.models import Project
from sicrm.projects.services import lifecycle
from sicrm.projects.urls import project_path
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import IMPLEMENTATION, make_project, make_version


class BrowserForm(HTMLParser):
    """The values a browser submits for a form as rendered (first option unless one
    is selected; unchecked boxes left out)."""

    def __init__(self, html: str, form_id: str):
        super().__init__()
        self.data, self._select, self._first = {}, None, False
        self.feed(html[html.index(f'id="{form_id}"'):])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select, self._first = attrs.get("name"), True
        elif tag == "option" and self._select:
            if self._first or "selected" in attrs:
                self.data[self._select] = attrs.get("value") or ""
            self._first = False

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _won_ready(people):
    seller = people["seller"]
    project = make_project(seller, start=date(2030, 1, 7), amount="1000000", pm=people["pm"])
    for _ in range(4):
        lifecycle.finish_stage(seller, project, gate_passed=True, on=date(2030, 2, 1))
    return project


def test_the_only_implementation_template_is_preselected_and_first_submit_passes(
        login_as, db, people):
    project = _won_ready(people)
    impl = make_version(IMPLEMENTATION, kind="implementation", name="实施模板")
    client = login_as(people["manager"])
    page = client.get(f"/projects/{project.id}/won").data.decode()
    form = BrowserForm(page, "won-form").data
    assert form["template_version_id"] == str(impl.id)
    response = client.post(f"/projects/{project.id}/won", data=form)
    assert response.status_code == 302, re.findall(r'invalid-feedback[^>]*>([^<]*)',
                                                   response.data.decode())
    assert _db.session.scalar(select(func.count()).select_from(Project).where(
        Project.kind == "implementation")) == 1


def test_with_two_templates_none_is_preselected(login_as, db, people):
    project = _won_ready(people)
    make_version(IMPLEMENTATION, kind="implementation", name="实施模板")
    make_version(IMPLEMENTATION, kind="implementation", name="另一个实施模板")
    page = login_as(people["manager"]).get(f"/projects/{project.id}/won").data.decode()
    assert BrowserForm(page, "won-form").data["template_version_id"] == ""


def _document(project, actor, approver, title, approve=True):
    version = documents.create_document(
        actor, project, title=title, category="technical", stream=io.BytesIO(title.encode()),
        filename=f"{title}.txt", submit=True)
    if approve:
        documents.decide(approver, version, "approve", "同意")
    return version


def test_approved_documents_are_carried_linked_not_copied(login_as, db, people):
    project = _won_ready(people)
    approved = _document(project, people["seller"], people["manager"], "技术方案")
    _document(project, people["seller"], people["manager"], "草稿方案", approve=False)
    implementation = lifecycle.mark_won(
        people["manager"], project, signed_amount="980000", signed_date=date(2030, 3, 1),
        implementation_version=make_version(IMPLEMENTATION, kind="implementation"))
    _db.session.flush()
    # linked: no new document or version rows, the implementation shows the same ones
    assert _db.session.scalar(select(func.count()).select_from(ProjectDocument)) == 2
    assert _db.session.scalar(select(func.count()).select_from(DocumentVersion)) == 2
    newcomer = people["engineer"]
    lifecycle.set_member(people["pm"], implementation, newcomer, "engineer")
    client = login_as(newcomer)  # on the implementation team only
    assert client.get(project_path(project.id)).status_code == 403
    page = client.get(project_path(implementation.id)).data.decode()
    assert 'id="carried-documents"' in page and "技术方案" in page and "草稿方案" not in page
    base = f"/projects/{implementation.id}/documents/{approved.document_id}"
    assert "carried-from" in client.get(base).data.decode()
    download = client.get(f"{base}/versions/{approved.id}/download")
    assert download.status_code == 200 and download.data == "技术方案".encode()
    draft = _db.session.scalar(select(DocumentVersion).where(DocumentVersion.status != "approved"))
    assert client.get(f"/projects/{implementation.id}/documents/{draft.document_id}"
                      ).status_code == 404
    # carried documents are read-only from the implementation project
    assert client.post(f"{base}/versions", data={
        "file": (io.BytesIO(b"x"), "x.txt")}, content_type="multipart/form-data"
    ).status_code == 404


def test_history_names_the_implementation_only_to_who_may_see_it(login_as, db, people):
    project = _won_ready(people)
    elsewhere = make_user("pm_far", roles=[R.PROJECT_MANAGER],
                          department=make_department("华南交付部"), full_name="远方经理")
    implementation = lifecycle.mark_won(
        people["admin"], project, signed_amount="980000", signed_date=date(2030, 3, 1),
        implementation_version=make_version(IMPLEMENTATION, kind="implementation"),
        pm=elsewhere)
    _db.session.commit()
    manager = people["manager"]  # manages the presales project's department only
    assert login_as(manager).get(project_path(implementation.id)).status_code == 403
    page = login_as(manager).get(project_path(project.id)).data.decode()
    assert implementation.code not in page
    assert "an implementation project was created" in page
    page = login_as(people["seller"]).get(project_path(project.id)).data.decode()
    assert f"implementation project {implementation.code} was created" in page


def test_the_linked_projects_are_named_only_to_who_may_see_them(login_as, db, people):
    project = _won_ready(people)
    implementation = lifecycle.mark_won(
        people["admin"], project, signed_amount="980000", signed_date=date(2030, 3, 1),
        implementation_version=make_version(IMPLEMENTATION, kind="implementation"))
    newcomer = people["engineer"]
    lifecycle.set_member(people["admin"], implementation, newcomer, "engineer")
    _db.session.commit()
    page = login_as(newcomer).get(project_path(implementation.id)).data.decode()
    assert f'href="{project_path(project.id)}"' not in page
    assert "a project you may not see" in page
    page = login_as(people["pm"]).get(project_path(implementation.id)).data.decode()
    assert f'href="{project_path(project.id)}"' in page
