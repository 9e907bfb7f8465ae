"""Document control services, called without a request: numbering, versions,
refusals of bad files, text extraction, immutability, approval and the gate rule."""
import io
import zipfile
from datetime import date

import pytest
from docx import Document
from openpyxl import Workbook
from pypdf import PdfWriter
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import StoredFile
from sicrm.extensions import db as _db
from sicrm.projects.documents import services
from sicrm.projects.documents.models import (
    DocumentDownload,
    DocumentVersion,
    ImmutableVersionError,
    ProjectDocument,
)
from sicrm.projects.models import ProjectEvent, RequiredDocument
from sicrm.projects.services import lifecycle
from sicrm.projects.services.documents import missing_documents
from tests.fixtures.factories import make_user
from tests.fixtures.projects import PRESALES, make_project, make_version


def _pdf(text: str = "Technical proposal") -> bytes:
    """A small valid PDF whose only page shows `text` (ASCII)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "交换机", "48 口"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "报价"
    sheet.append(["设备", "数量", "单价"])
    sheet.append(["核心交换机", 2, 185000])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _at_approval(people):
    """A presales project in its 立项 stage (the required 立项申请表, approved by
    dept_manager: people["manager"] heads 销售部 above the seller's 华北组)."""
    project = make_project(people["seller"], start=date(2026, 3, 2))
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 3))
    return project, project.current_stage.required_documents[0]


def _upload(actor, project, data=b"plan v1", name="plan.txt", **fields):
    fields.setdefault("title", "实施方案")
    fields.setdefault("category", "technical")
    return services.create_document(actor, project, stream=io.BytesIO(data), filename=name,
                                    **fields)


def _count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


# -- numbering and versions ---------------------------------------------------------------


def test_numbers_per_project_and_category(db, people):
    project = make_project(people["seller"])
    first = _upload(people["seller"], project, b"a", category="technical")
    second = _upload(people["seller"], project, b"b", category="technical")
    minutes = _upload(people["seller"], project, b"c", category="management", title="纪要")
    code = project.code
    assert first.document.number == f"{code}-TEC-001"
    assert second.document.number == f"{code}-TEC-002"
    assert minutes.document.number == f"{code}-MGT-001"
    assert first.number == 1 and first.status == "draft"


def test_number_format_and_category_codes_are_settings(app, db, people):
    app.config["SICRM_DOCUMENT_NUMBER_FORMAT"] = "{project}/{stage}/{category}{number:04d}"
    app.config["SICRM_DOCUMENT_CATEGORY_CODES"] = {"technical": "JS"}
    try:
        project = make_project(people["seller"])
        version = _upload(people["seller"], project, stage=project.stages[0])
        assert version.document.number == f"{project.code}/lead/JS0001"
        app.config["SICRM_DOCUMENT_NUMBER_FORMAT"] = "{nonsense}"
        with pytest.raises(ServiceError) as error:
            _upload(people["seller"], project, b"other")
        assert "SICRM_DOCUMENT_NUMBER_FORMAT" in str(error.value.message)
    finally:
        app.config["SICRM_DOCUMENT_NUMBER_FORMAT"] = "{project}-{category}-{number:03d}"
        app.config["SICRM_DOCUMENT_CATEGORY_CODES"] = {}


def test_new_version_keeps_the_old_one(db, people):
    seller = people["seller"]
    project = make_project(seller)
    first = _upload(seller, project, b"v1", note="初稿")
    second = services.add_version(seller, first.document, io.BytesIO(b"v2"), "plan-v2.txt",
                                  note="补充网络拓扑")
    assert [v.number for v in first.document.versions] == [1, 2]
    assert (second.filename, second.note, second.size) == ("plan-v2.txt", "补充网络拓扑", 2)
    assert second.sha256 != first.sha256 and second.uploaded_by_id == seller.id
    with pytest.raises(ServiceError) as error:  # nothing changed: no new version
        services.add_version(seller, first.document, io.BytesIO(b"v2"), "again.txt")
    assert error.value.field == "file"
    kinds = db.session.scalars(select(ProjectEvent.kind).where(
        ProjectEvent.project_id == project.id, ProjectEvent.kind == "document_uploaded")).all()
    assert len(kinds) == 2


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "empty.txt", "empty"),
    (b"MZ\x90\x00", "setup.exe", "not accepted"),
    (b"just text", "fake.pdf", "does not match"),
    (b"\x89PNG....", "photo.docx", "does not match"),
])
def test_bad_files_are_refused_and_change_nothing(db, people, data, name, message):
    project = make_project(people["seller"])
    before = (_count(ProjectDocument), _count(DocumentVersion), _count(StoredFile))
    with pytest.raises(ServiceError) as error:
        _upload(people["seller"], project, data, name)
    db.session.rollback()
    assert message in str(error.value.message)
    assert (_count(ProjectDocument), _count(DocumentVersion), _count(StoredFile)) == before


def test_files_over_the_limit_are_refused(app, db, people):
    project = make_project(people["seller"])
    app.config["SICRM_MAX_UPLOAD_MB"] = 1
    try:
        with pytest.raises(ServiceError) as error:
            _upload(people["seller"], project, b"x" * (1024 * 1024 + 1), "big.txt")
    finally:
        app.config["SICRM_MAX_UPLOAD_MB"] = 50
    assert "larger than 1 MB" in str(error.value.message)


def test_path_tricks_in_names_are_cleaned(db, people):
    project = make_project(people["seller"])
    version = _upload(people["seller"], project, b"x", "../../etc/passwd.txt")
    assert version.filename == "passwd.txt"
    version = _upload(people["seller"], project, b"y", "C:\\Windows\\..\\方案<1>.txt")
    assert version.filename == "方案1.txt"


def test_closed_project_refuses_uploads(db, people):
    project = make_project(people["seller"])
    version = _upload(people["seller"], project)
    lifecycle.mark_lost(people["seller"], project, status="abandoned", reason="budget_cut")
    with pytest.raises(ServiceError):
        services.add_version(people["seller"], version.document, io.BytesIO(b"v2"), "p.txt")


def test_versions_are_immutable(db, people):
    version = _upload(people["seller"], make_project(people["seller"]))
    db.session.flush()
    version.note = "改过的说明"
    with pytest.raises(ImmutableVersionError):
        db.session.flush()
    db.session.rollback()


# -- text extraction ----------------------------------------------------------------------


def test_text_is_extracted_from_pdf_docx_xlsx_and_text(db, people):
    project = make_project(people["seller"])
    pdf = _upload(people["seller"], project, _pdf("Core switch redundancy"), "a.pdf")
    docx = _upload(people["seller"], project, _docx("视频监控平台技术方案"), "b.docx")
    xlsx = _upload(people["seller"], project, _xlsx(), "c.xlsx")
    text = _upload(people["seller"], project, "会议纪要：确认割接窗口".encode(), "d.txt")
    image = _upload(people["seller"], project, b"\x89PNG\r\n\x1a\n", "e.png")
    assert pdf.extraction_status == "ok" and "Core switch redundancy" in pdf.text
    assert docx.extraction_status == "ok" and "视频监控平台技术方案" in docx.text
    assert "交换机\t48 口" in docx.text
    assert xlsx.extraction_status == "ok" and "核心交换机\t2\t185000" in xlsx.text
    assert text.text == "会议纪要：确认割接窗口"
    assert image.extraction_status == "unsupported" and image.text is None


def _broken_zip(missing_part: bool) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt" if missing_part else "word/document.xml", "<not xml")
    return out.getvalue()


@pytest.mark.parametrize(("data", "name", "status"), [
    (b"%PDF-1.4\n garbage without objects", "broken.pdf", "failed"),
    (b"PK\x03\x04" + b"\x00" * 60, "truncated.docx", "failed"),
    (_broken_zip(missing_part=True), "not-word.docx", "failed"),
    (_broken_zip(missing_part=False), "bad-xml.docx", "failed"),
    (b"PK\x03\x04" + b"\x01" * 60, "truncated.xlsx", "failed"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "protected.docx", "encrypted"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "protected.xlsx", "encrypted"),
])
def test_unreadable_files_are_kept_with_the_reason(db, people, data, name, status):
    version = _upload(people["seller"], make_project(people["seller"]), data, name)
    assert version.id is not None and version.extraction_status == status
    assert version.text is None and version.extraction_error


def test_encrypted_pdf_is_kept(db, people):
    version = _upload(people["seller"], make_project(people["seller"]), _encrypted_pdf(),
                      "加密.pdf")
    assert version.extraction_status == "encrypted" and version.text is None


# -- approval and the gate ----------------------------------------------------------------


def test_gate_needs_an_approved_version(db, people):
    seller, manager = people["seller"], people["manager"]
    project, requirement = _at_approval(people)
    assert missing_documents(project.current_stage) == [requirement]
    version = _upload(seller, project, b"form", "立项申请表.txt", title=None,
                      category="management", requirement=requirement, submit=True)
    assert version.status == "in_review"
    assert version.document.title == "立项申请表" and version.document.stage_id == requirement.stage_id
    assert missing_documents(project.current_stage) == [requirement]  # not approved yet
    services.decide(manager, version, "approve", "同意")
    assert version.status == "approved"
    assert missing_documents(project.current_stage) == []
    decision = version.decisions[0]
    assert (decision.user_id, decision.decision, decision.roles, decision.comment) == (
        manager.id, "approve", ["dept_manager"], "同意")
    # a draft v2 does not take v1 out of force; withdrawing does
    draft = services.add_version(seller, version.document, io.BytesIO(b"form v2"), "f.txt")
    assert missing_documents(project.current_stage) == []
    services.withdraw(manager, version.document, "内容过时")
    assert version.status == "obsolete" and draft.status == "draft"
    assert missing_documents(project.current_stage) == [requirement]


def test_uploading_again_for_a_requirement_adds_a_version(db, people):
    project, requirement = _at_approval(people)
    first = _upload(people["seller"], project, b"1", title=None, requirement=requirement)
    second = _upload(people["seller"], project, b"2", title=None, requirement=requirement)
    assert second.document_id == first.document_id and second.number == 2
    assert db.session.scalar(select(func.count(ProjectDocument.id))) == 1


def test_nobody_approves_their_own_upload(db, people):
    """Four-eyes rule: the only approver cannot submit their own upload; with a
    second approver they may submit it but still not decide on it."""
    project, requirement = _at_approval(people)
    with pytest.raises(ServiceError) as error:
        _upload(people["manager"], project, b"x", title=None, requirement=requirement,
                submit=True)
    assert "No approver" in str(error.value.message)
    make_user("deputy", roles=[R.DEPT_MANAGER], department=people["dept"])
    version = _upload(people["manager"], project, b"y", title=None, requirement=requirement,
                      submit=True)
    with pytest.raises(ServiceError) as error:
        services.decide(people["manager"], version, "approve")
    assert "uploaded yourself" in str(error.value.message)
    assert version.status == "in_review" and version.decisions == []


def test_only_approvers_decide_and_rejection_needs_a_reason(db, people):
    project, requirement = _at_approval(people)
    version = _upload(people["seller"], project, b"x", title=None, requirement=requirement,
                      submit=True)
    with pytest.raises(ServiceError) as error:
        services.decide(people["pm"], version, "approve")
    assert "not among the approvers" in str(error.value.message)
    with pytest.raises(ServiceError) as error:
        services.decide(people["manager"], version, "reject", "  ")
    assert error.value.field == "comment"
    services.decide(people["manager"], version, "reject", "缺少预算表")
    assert version.status == "rejected"
    with pytest.raises(ServiceError):
        services.decide(people["manager"], version, "approve")
    event = db.session.scalar(select(ProjectEvent).where(ProjectEvent.kind == "document_rejected"))
    assert event.params["comment"] == "缺少预算表"


def test_every_named_role_must_approve(db, people):
    definition = {"stages": [dict(s) for s in PRESALES["stages"]]}
    definition["stages"][1] = {**definition["stages"][1], "documents": [
        {"key": "form", "name": {"zh": "立项申请表", "en": ""}, "description": "",
         "format_file_id": None, "approver_roles": ["dept_manager", "executive"]}]}
    ceo = make_user("ceo", roles=[R.EXECUTIVE])
    project = make_project(people["seller"], version=make_version(definition),
                           start=date(2026, 3, 2))
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 3))
    requirement = project.current_stage.required_documents[0]
    version = _upload(people["seller"], project, b"x", title=None, requirement=requirement,
                      submit=True)
    services.decide(people["manager"], version, "approve")
    assert version.status == "in_review"
    services.decide(ceo, version, "approve", "同意立项")
    assert version.status == "approved"


def test_a_newer_approval_supersedes_what_came_before(db, people):
    seller, manager = people["seller"], people["manager"]
    project, requirement = _at_approval(people)
    v1 = _upload(seller, project, b"1", title=None, requirement=requirement, submit=True)
    services.decide(manager, v1, "approve")
    v2 = services.add_version(seller, v1.document, io.BytesIO(b"2"), "f.txt", submit=True)
    v3 = services.add_version(seller, v1.document, io.BytesIO(b"3"), "f.txt", submit=True)
    services.decide(manager, v3, "approve")
    db.session.refresh(v1)
    db.session.refresh(v2)
    assert (v1.status, v2.status, v3.status) == ("superseded", "superseded", "approved")
    assert services.approved_version(v1.document) == v3


def test_submitting_needs_someone_to_approve(db, people):
    project = make_project(people["outsider"])  # no department, no PM: nobody manages it
    version = _upload(people["outsider"], project, b"x")
    with pytest.raises(ServiceError) as error:
        services.submit_version(people["outsider"], version)
    assert "No approver" in str(error.value.message)
    assert version.status == "draft"


def test_free_documents_are_approved_by_whoever_manages_the_project(db, people):
    project = make_project(people["seller"])
    version = _upload(people["seller"], project, submit=True)
    with pytest.raises(ServiceError):
        services.decide(people["pm"], version, "approve")
    services.decide(people["manager"], version, "approve")
    assert version.status == "approved"


def test_downloads_are_logged(db, people):
    version = _upload(people["seller"], make_project(people["seller"]))
    services.record_download(people["manager"], version)
    row = db.session.scalar(select(DocumentDownload))
    assert (row.version_id, row.user_id) == (version.id, people["manager"].id)


def test_requirement_of_another_project_is_refused(db, people):
    project, _requirement = _at_approval(people)
    other = make_project(people["seller"])
    foreign = db.session.scalar(select(RequiredDocument).where(
        RequiredDocument.project_id == other.id))
    with pytest.raises(ServiceError):
        _upload(people["seller"], project, requirement=foreign)


def test_an_approver_outside_the_team_joins_it_as_observer(db, people):
    definition = {"stages": [dict(s) for s in PRESALES["stages"]]}
    definition["stages"][1] = {**definition["stages"][1], "documents": [
        {"key": "quote", "name": {"zh": "报价单", "en": ""}, "description": "",
         "format_file_id": None, "approver_roles": ["finance"]}]}
    cfo = make_user("cfo", roles=[R.FINANCE])
    project = make_project(people["seller"], version=make_version(definition),
                           start=date(2026, 3, 2))
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 3))
    requirement = project.current_stage.required_documents[0]
    version = _upload(people["seller"], project, b"x", title=None, requirement=requirement,
                      submit=True)
    assert [(m.user_id, m.role) for m in project.members if m.user_id == cfo.id] == [
        (cfo.id, "observer")]
    services.decide(cfo, version, "approve")
    assert version.status == "approved"
