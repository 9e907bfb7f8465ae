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
