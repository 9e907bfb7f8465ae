"""Route-permission table for document control (see tests/test_route_permissions.py).

Builds on tests.projects.routes' world["project"] (owner: sales on the team, manager:
head of the owning department, outsider and engineer: not on the team) and its
world["document"] requirement (approved by dept_manager), which already has a
controlled document with a draft version 1 uploaded by owner."""
from io import BytesIO

from sicrm.extensions import db
from sicrm.projects.documents import services
from tests.fixtures.routes import Case

PROJECT = {"project_id": "project"}
REFUSED_VIEW = ("outsider", "engineer")
IN_REVIEW = {**PROJECT, "document_id": "controlled", "version_id": "review_version"}
DRAFT = {**PROJECT, "document_id": "free_document", "version_id": "draft_version"}

ROUTES: dict[str, Case] = {
    "documents.document_create": Case("POST", args=PROJECT, refused=REFUSED_VIEW,
                                      allowed="owner"),
    "documents.document_view": Case(args={**PROJECT, "document_id": "controlled"},
                                    refused=REFUSED_VIEW, allowed="owner"),
    "documents.version_upload": Case("POST", args={**PROJECT, "document_id": "controlled"},
                                     refused=REFUSED_VIEW, allowed="owner"),
    "documents.version_submit": Case("POST", args=DRAFT, refused=REFUSED_VIEW,
                                     allowed="owner"),
    # the uploader (owner) may see it but holds no approver role: 403 as well
    "documents.version_decide": Case("POST", args=IN_REVIEW,
                                     data={"decision": "approve", "comment": "同意"},
                                     refused=("outsider", "engineer", "owner"),
                                     allowed="manager"),
    "documents.document_withdraw": Case("POST", args={**PROJECT, "document_id": "approved"},
                                        data={"reason": "作废"},
                                        refused=("outsider", "engineer", "owner"),
                                        allowed="manager"),
    "documents.version_download": Case(args=IN_REVIEW, refused=REFUSED_VIEW, allowed="owner"),
}


def populate(world):
    owner, manager, project = world["owner"], world["manager"], world["project"]
    controlled = services.document_for(world["document"])
    world["controlled"] = controlled
    world["review_version"] = controlled.versions[0]
    services.submit_version(owner, controlled.versions[0])
    draft = services.create_document(owner, project, title="会议纪要", category="management",
                                     stream=BytesIO("纪要".encode()), filename="纪要.txt")
    world["free_document"], world["draft_version"] = draft.document, draft
    approved = services.create_document(owner, project, title="技术方案", category="technical",
                                        stream=BytesIO("方案".encode()), filename="方案.txt",
                                        submit=True)
    services.decide(manager, approved, "approve", "同意")
    world["approved"] = approved.document
    db.session.flush()
