"""Read helpers of document control: each list read once, whatever its length."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from sicrm.extensions import db
from sicrm.projects.documents.models import (
    DocumentDecision,
    DocumentDownload,
    DocumentVersion,
    ProjectDocument,
)
from sicrm.projects.models import ProjectStage, RequiredDocument


def project_documents(project) -> list[ProjectDocument]:
    """The project's documents with their versions (and uploaders), in number order."""
    return list(db.session.scalars(
        select(ProjectDocument).where(ProjectDocument.project_id == project.id)
        .options(selectinload(ProjectDocument.versions).joinedload(DocumentVersion.uploaded_by))
        .order_by(ProjectDocument.number)))


def carried_documents(project) -> list[ProjectDocument]:
    """The approved documents of the presales project an implementation project was
    made from: linked, not copied (the same rows and stored versions), in number order,
    with their versions."""
    if not project.source_project_id:
        return []
    approved = select(DocumentVersion.id).where(
        DocumentVersion.document_id == ProjectDocument.id, DocumentVersion.status == "approved")
    return list(db.session.scalars(
        select(ProjectDocument).where(ProjectDocument.project_id == project.source_project_id,
                                      approved.exists())
        .options(selectinload(ProjectDocument.versions))
        .order_by(ProjectDocument.number)))


def is_carried(project, document) -> bool:
    """`document` is shown on `project` as carried from its presales project."""
    return (project.source_project_id is not None
            and document.project_id == project.source_project_id
            and any(v.status == "approved" for v in document.versions))


def requirements(project) -> list[RequiredDocument]:
    """The project's required documents in stage order, with their format files."""
    return list(db.session.scalars(
        select(RequiredDocument).join(ProjectStage, ProjectStage.id == RequiredDocument.stage_id)
        .where(RequiredDocument.project_id == project.id)
        .options(joinedload(RequiredDocument.stage), joinedload(RequiredDocument.format_file))
        .order_by(ProjectStage.position, RequiredDocument.id)))


def document_versions(document) -> list[DocumentVersion]:
    """Newest first, with their uploaders and decisions (and deciders)."""
    return list(db.session.scalars(
        select(DocumentVersion).where(DocumentVersion.document_id == document.id)
        .options(joinedload(DocumentVersion.uploaded_by),
                 selectinload(DocumentVersion.decisions).joinedload(DocumentDecision.user))
        .order_by(DocumentVersion.number.desc())))


def downloads(document, limit: int = 50) -> list[DocumentDownload]:
    return list(db.session.scalars(
        select(DocumentDownload)
        .join(DocumentVersion, DocumentVersion.id == DocumentDownload.version_id)
        .where(DocumentVersion.document_id == document.id)
        .options(joinedload(DocumentDownload.user), joinedload(DocumentDownload.version))
        .order_by(DocumentDownload.downloaded_dt.desc(), DocumentDownload.id.desc())
        .limit(limit)))
