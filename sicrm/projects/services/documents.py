"""Required documents of a stage: handed in as files until document control
(approval per version) arrives; gates ask `missing_documents` either way."""
from __future__ import annotations

from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import utcnow
from sicrm.core.services.files import store_file
from sicrm.extensions import db
from sicrm.projects.models import ProjectStage, RequiredDocument
from sicrm.projects.services import events


def missing_documents(stage: ProjectStage) -> list[RequiredDocument]:
    """The stage's required documents that are not yet satisfied."""
    return [doc for doc in stage.required_documents if doc.file_id is None]


def submit_document(actor, document: RequiredDocument, stream: BinaryIO,
                    filename: str) -> RequiredDocument:
    set_actor(actor)
    project = document.stage.project
    if not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))
    stored = store_file(actor, stream, filename)
    document.file_id = stored.id
    document.submitted_by_id = getattr(actor, "id", None)
    document.submitted_dt = utcnow()
    events.record(project, "document_submitted", actor, document=document.name,
                  file=stored.filename)
    db.session.flush()
    return document
