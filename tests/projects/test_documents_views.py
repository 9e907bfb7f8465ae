"""Document control through HTTP: the documents tab, upload, approval, checked and
logged downloads, and query counts that do not grow with the documents."""
import io
import time
from datetime import date

from sqlalchemy import func, select

from sicrm.extensions import db as _db
from sicrm.projects.documents import services
from sicrm.projects.documents.models import DocumentDownload, DocumentVersion
from sicrm.projects.services import lifecycle
from sicrm.projects.urls import project_path
from tests.fixtures.files import docx_bomb
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries


def _at_approval(people):
    project = make_project(people["seller"], start=date(2026, 3, 2))
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 3))
    return project, project.current_stage.required_documents[0]


def test_upload_approve_and_download(login_as, db, people):
    seller, manager = people["seller"], people["manager"]
    project, requirement = _at_approval(people)
    client = login_as(seller)
    response = client.post(f"/projects/{project.id}/documents/new", data={
        "required_document_id": requirement.id, "category": "management", "note": "初稿",
        "submit_now": "y", "file": (io.BytesIO("立项申请".encode()), "../立项申请表.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 302 and response.location.endswith("#tab-documents")
    version = _db.session.scalar(select(DocumentVersion))
    assert (version.status, version.filename) == ("in_review", "立项申请表.txt")
    base = f"/projects/{project.id}/documents/{version.document_id}"
    page = client.get(base).data.decode()
    assert "In review" in page and "decide-form" not in page  # the uploader may not decide
    approver = login_as(manager)
    page = approver.get(project_path(project.id)).data.decode()
    assert "Awaits your approval" in page
    assert approver.post(f"{base}/versions/{version.id}/decide",
                         data={"decision": "approve", "comment": "同意立项"}).status_code == 302
    _db.session.expire_all()
    assert version.status == "approved"
    page = client.get(base).data.decode()
    assert "In force: v1" in page and "同意立项" in page
    download = client.get(f"{base}/versions/{version.id}/download")
    assert download.status_code == 200 and download.data == "立项申请".encode()
    assert login_as(people["outsider"]).get(
        f"{base}/versions/{version.id}/download").status_code == 403
    rows = _db.session.scalars(select(DocumentDownload)).all()
    assert [(r.user_id, r.version_id) for r in rows] == [(seller.id, version.id)]
    assert "Downloads" not in client.get(base).data.decode()  # the log is for managers
    assert people["seller"].full_name in approver.get(base).data.decode()


def test_refusals_are_shown_and_change_nothing(login_as, db, people):
    project, requirement = _at_approval(people)
    client = login_as(people["seller"])
    for data, message in (
            ({"file": (io.BytesIO(b""), "empty.txt")}, "The file is empty."),
            ({"file": (io.BytesIO(b"text"), "fake.pdf")}, "does not match its type"),
            ({}, "Please choose a file.")):
        response = client.post(f"/projects/{project.id}/documents/new",
                               data={"required_document_id": requirement.id,
                                     "category": "management", **data},
                               content_type="multipart/form-data", follow_redirects=True)
        assert message in response.data.decode()
    assert _db.session.scalar(select(func.count(DocumentVersion.id))) == 0


def test_versions_of_another_project_are_not_found(login_as, db, people):
    seller = people["seller"]
    project, other = make_project(seller), make_project(seller)
    version = services.create_document(seller, other, title="纪要", category="other",
                                       stream=io.BytesIO(b"x"), filename="x.txt")
    client = login_as(seller)
    assert client.get(f"/projects/{project.id}/documents/{version.document_id}"
                      ).status_code == 404
    assert client.get(f"/projects/{other.id}/documents/{version.document_id}/versions/"
                      f"{version.id + 1}/download").status_code == 404


def test_pages_do_not_grow_in_queries(login_as, db, people):
    seller, manager = people["seller"], people["manager"]
    small, small_requirement = _at_approval(people)
    big, requirement = _at_approval(people)
    for project, count in ((small, 1), (big, 8)):
        for i in range(count):
            version = services.create_document(
                seller, project, title=f"文档 {i}", category="technical",
                stream=io.BytesIO(f"{project.id}-{i}".encode()), filename=f"{i}.txt",
                submit=True)
            services.add_version(seller, version.document, io.BytesIO(f"v2 {i}".encode()),
                                 f"{i}.txt", submit=True)
            services.decide(manager, version, "approve", "同意")
    for project, needed in ((small, small_requirement), (big, requirement)):
        services.create_document(seller, project, title=None, category="management",
                                 requirement=needed, stream=io.BytesIO(f"f{project.id}".encode()),
                                 filename="f.txt")
    client = login_as(manager)

    def queries_for(url):
        client.get(url)  # warm caches
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    assert queries_for(project_path(big.id)) <= queries_for(project_path(small.id)) + 1
    big_doc = services.document_for(requirement)
    for i in range(6):
        extra = services.add_version(seller, big_doc, io.BytesIO(f"more {i}".encode()),
                                     "f.txt", submit=True)
        services.decide(manager, extra, "reject", "重写")
    one = queries_for(f"/projects/{small.id}/documents/"
                      f"{services.document_for(small_requirement).id}")
    many = queries_for(f"/projects/{big.id}/documents/{big_doc.id}")
    assert many <= one


def test_a_zip_bomb_docx_is_stored_quickly_without_its_text(login_as, db, people):
    """A 300 KB DOCX holding 100 MB of XML: the upload answers at once, the file is
    kept and flagged, the page says why."""
    seller = people["seller"]
    project, requirement = _at_approval(people)
    client = login_as(seller)
    started = time.monotonic()
    response = client.post(f"/projects/{project.id}/documents/new", data={
        "required_document_id": requirement.id, "category": "management",
        "file": (io.BytesIO(docx_bomb()), "立项申请表.docx")},
        content_type="multipart/form-data")
    assert response.status_code == 302 and time.monotonic() - started < 3
    version = _db.session.scalar(select(DocumentVersion))
    assert (version.extraction_status, version.text) == ("too_large", None)
    page = client.get(f"/projects/{project.id}/documents/{version.document_id}").data.decode()
    assert "Too large to read: text not extracted" in page
