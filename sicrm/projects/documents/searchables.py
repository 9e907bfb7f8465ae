"""Controlled project documents as search finds them: one entry per document with
its newest version's extracted text, readable by whoever sees the project."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sicrm.core.searchable import Searchable, SearchDoc, register
from sicrm.extensions import db
from sicrm.projects.documents.models import DocumentVersion, ProjectDocument
from sicrm.projects.searchables import readable, scope

#: versions whose text stands for the document (a withdrawn one does not)
LIVE = ("draft", "in_review", "approved", "rejected", "superseded")


def _load(ids) -> list[SearchDoc]:
    documents = db.session.scalars(
        select(ProjectDocument).where(ProjectDocument.id.in_(ids))
        .options(selectinload(ProjectDocument.project),
                 selectinload(ProjectDocument.versions))).all()
    docs = []
    for document in documents:
        versions = [v for v in document.versions if v.status in LIVE]
        newest = versions[-1] if versions else None
        project = document.project
        docs.append(SearchDoc(
            kind="document", id=document.id, title=f"{document.title}",
            scope=scope(document.project_id), body=document.description or "",
            extra=(newest.text or "") if newest is not None else "",
            subtitle=f"{document.number} · {project.code} {project.name}",
            industry=project.industry,
            author_id=newest.uploaded_by_id if newest is not None else document.created_by_id,
            date=newest.uploaded_dt if newest is not None else document.created_dt,
            parent_id=document.project_id))
    return docs


def _document_changed(document):
    return [("document", document.id)]


def _version_changed(version):
    return [("document", version.document_id)]


def _url(id: int, project_id: int) -> str:
    return url_for("documents.document_view", project_id=project_id, document_id=id)


register(Searchable(
    kind="document", label=_l("Project document"), load=_load,
    all_ids=lambda: db.session.scalars(select(ProjectDocument.id)).all(),
    readable=readable, url=_url,
    watch={ProjectDocument: _document_changed, DocumentVersion: _version_changed}, order=30))
