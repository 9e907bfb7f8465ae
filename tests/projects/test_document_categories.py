"""A required document's category comes from the template (合同评审表 is a contract
document, numbered …-CTR-…), in the built-in templates, the editor, the
instantiation, and for existing projects through the data migration."""
import importlib.util
import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects.documents import services as documents
from sicrm.projects.documents.models import ProjectDocument
from sicrm.projects.models import RequiredDocument
from sicrm.templates_lib.builtin import BUILTIN, DOCUMENT_CATEGORIES, seed_builtin_templates
from sicrm.templates_lib.choices import guess_document_category
from sicrm.templates_lib.definition import validate_definition
from sicrm.templates_lib.models import ProjectTemplate
from sicrm.templates_lib.services import editor
from tests.fixtures.projects import PRESALES, make_project, make_version, n

MIGRATION = next(Path("migrations/versions").glob("*_required_document_category.py"))


def _documents(definition):
    return [d for stage in definition["stages"] for d in stage["documents"]]


def test_every_builtin_required_document_has_its_category(db):
    seed_builtin_templates()
    for template in _db.session.scalars(select(ProjectTemplate)):
        assert template.builtin_key in BUILTIN
        for item in _documents(template.versions[0].definition):
            assert item["category"] == DOCUMENT_CATEGORIES[item["key"]], item["key"]
    assert DOCUMENT_CATEGORIES["contract_review_form"] == "contract"
    # a definition stored before documents had a category gets the same ones
    assert all(guess_document_category(key, "") == category
               for key, category in DOCUMENT_CATEGORIES.items())


def test_definition_keeps_a_category_refuses_an_unknown_one_and_tells_a_missing_one(app):
    def one(**fields):
        return {"stages": [{"key": "s", "name": n("合同评审"), "duration": 2, "documents": [
            {"key": "form", "name": n("合同评审表"), **fields}]}]}
    assert _documents(validate_definition(one(category="commercial")))[0]["category"] == \
        "commercial"
    assert _documents(validate_definition(one()))[0]["category"] == "contract"
    with pytest.raises(ServiceError):
        validate_definition(one(category="secret"))


def test_the_editor_sets_a_documents_category(db, admin):
    version = make_version(status="draft")
    key = editor.add_item(admin, version, "lead", "documents",
                          {"name": n("报价单"), "category": "commercial"})
    item = next(d for d in _documents(version.definition) if d["key"] == key)
    assert item["category"] == "commercial"
    editor.update_item(admin, version, "lead", "documents", key, {"category": "contract"})
    item = next(d for d in _documents(version.definition) if d["key"] == key)
    assert item["category"] == "contract"


def _contract_review(category=None):
    definition = {"stages": [dict(stage) for stage in PRESALES["stages"]]}
    item = {"key": "contract_review_form", "name": n("合同评审表"), "description": "",
            "format_file_id": None, "approver_roles": ["dept_manager"]}
    if category:
        item["category"] = category
    definition["stages"][0] = {**definition["stages"][0], "documents": [item]}
    return definition


def test_a_required_document_is_numbered_in_its_templates_category(db, people):
    project = make_project(people["seller"], version=make_version(_contract_review("contract")),
                           start=date(2030, 1, 7))
    requirement = _db.session.scalar(select(RequiredDocument).where(
        RequiredDocument.project_id == project.id))
    assert requirement.category == "contract"
    version = documents.create_document(  # the upload form used to send "other"
        people["seller"], project, title=None, category="other",
        stream=io.BytesIO(b"review"), filename="review.txt", requirement=requirement)
    assert version.document.category == "contract"
    assert "-CTR-001" in version.document.number and "-OTH-" not in version.document.number


def _migration():
    spec = importlib.util.spec_from_file_location("required_document_category", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_sets_the_category_of_existing_documents(db, people):
    seller = people["seller"]
    project = make_project(seller, version=make_version(_contract_review()),
                           start=date(2030, 1, 7))
    requirement = _db.session.scalar(select(RequiredDocument).where(
        RequiredDocument.project_id == project.id))
    requirement.category = "other"  # as before this revision
    old = documents.create_document(seller, project, title=None, category="other",
                                    stream=io.BytesIO(b"a"), filename="a.txt",
                                    requirement=requirement).document
    contract = documents.create_document(seller, project, title="合同", category="contract",
                                         stream=io.BytesIO(b"b"), filename="b.txt").document
    number = old.number
    assert "-OTH-001" in number and contract.sequence == 1
    _db.session.flush()
    _migration().fill(_db.session.connection())
    _db.session.expire_all()
    assert requirement.category == "contract"
    assert (old.category, old.sequence, old.number) == ("contract", 2, number)  # kept
    # the numbers go on in both categories without clashing with the kept one
    later = documents.create_document(seller, project, title="其他", category="other",
                                      stream=io.BytesIO(b"c"), filename="c.txt").document
    assert later.number != number and later.number.endswith("-OTH-002")
    assert _db.session.scalar(select(ProjectDocument).where(
        ProjectDocument.number.like("%-CTR-003"))) is None


def test_the_template_editor_page_offers_and_keeps_the_category(login_as, db, admin):
    version = make_version(status="draft")
    client = login_as(admin)
    stage = f"/templates/versions/{version.id}/stages/lead"
    assert 'name="documents-new-category"' in client.get(stage).data.decode()
    response = client.post(f"{stage}/documents/new", data={
        "documents-new-name_zh": "合同文本", "documents-new-category": "contract",
        "documents-new-approver_roles": ["pm"]})
    assert response.status_code == 302
    _db.session.expire_all()
    (item,) = [d for d in _documents(version.definition) if d["name"]["zh"] == "合同文本"]
    assert item["category"] == "contract"
