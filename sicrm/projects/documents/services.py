"""Document control: upload documents and their versions, submit a version for
approval, approve or reject it, withdraw a document, log downloads.

Services take the acting user, flush and never commit. Versions are numbered per
document under a unique (document_id, number) key: the document's row is locked
while the next number is read, and an insert that still collides (another upload
won the race) is retried with the next number, so two people uploading at once
both get their version, in order, and nothing is overwritten."""
from __future__ import annotations

from pathlib import PurePath
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from sicrm.core import notifications
from sicrm.core import permissions as CP
from sicrm.core import roles as R
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User, UserRole, utcnow
from sicrm.core.services.files import store_file
from sicrm.core.storage import get_storage
from sicrm.extensions import db
from sicrm.projects import history, signals
from sicrm.projects import permissions as PP
from sicrm.projects.documents import permissions as DP
from sicrm.projects.documents.extraction import Extracted, extract_text
from sicrm.projects.documents.models import (
    CATEGORIES,
    OPEN_VERSION_STATUSES,
    DocumentDecision,
    DocumentDownload,
    DocumentVersion,
    ProjectDocument,
)
from sicrm.projects.documents.numbering import document_number
from sicrm.projects.models import Project, ProjectMember, ProjectStage, RequiredDocument
from sicrm.projects.references import register_project_kinds
from sicrm.projects.services import events
from sicrm.projects.urls import project_path

#: attempts at a number another upload may take at the same moment
RETRIES = 5
TITLE_MAX, NOTE_MAX = 200, 2000

notifications.register_kind(
    "document_review_requested",
    _l("%(project)s: “%(document)s” %(version)s awaits your approval."),
    _l("A document version awaits my approval"),
    restricted=_l("A document of a project you may no longer see awaits your approval."))
notifications.register_kind(
    "document_approved", _l("%(project)s: “%(document)s” %(version)s was approved."),
    _l("A document version I submitted was approved"),
    restricted=_l("A document of a project you may no longer see was approved."))
notifications.register_kind(
    "document_rejected",
    _l("%(project)s: “%(document)s” %(version)s was rejected: %(comment)s"),
    _l("A document version I submitted was rejected"),
    restricted=_l("A document of a project you may no longer see was rejected."))
register_project_kinds("document_review_requested", "document_approved", "document_rejected")

history.MESSAGES.update({
    "document_uploaded": _l("Uploaded %(number)s “%(document)s” %(version)s (%(file)s)."),
    "document_review_requested": _l("Submitted %(number)s “%(document)s” %(version)s for "
                                    "approval."),
    "document_approved": _l("%(number)s “%(document)s” %(version)s was approved."),
    "document_rejected": _l("%(number)s “%(document)s” %(version)s was rejected: "
                            "%(comment)s"),
    "document_withdrawn": _l("Withdrew %(number)s “%(document)s” %(version)s: %(reason)s"),
})


# -- reading ----------------------------------------------------------------------------


def approved_version(document: ProjectDocument) -> DocumentVersion | None:
    """The document's version in force: its approved one, if any."""
    return db.session.scalar(select(DocumentVersion).where(
        DocumentVersion.document_id == document.id, DocumentVersion.status == "approved")
        .order_by(DocumentVersion.number.desc()).limit(1))


def document_for(requirement: RequiredDocument) -> ProjectDocument | None:
    return db.session.scalar(select(ProjectDocument).where(
        ProjectDocument.required_document_id == requirement.id))


def unsatisfied_requirements(stage: ProjectStage) -> list[RequiredDocument]:
    """The stage's required documents with no approved version, in one query."""
    approved = (select(DocumentVersion.id)
                .join(ProjectDocument, ProjectDocument.id == DocumentVersion.document_id)
                .where(ProjectDocument.required_document_id == RequiredDocument.id,
                       DocumentVersion.status == "approved")
                .exists())
    return list(db.session.scalars(select(RequiredDocument).where(
        RequiredDocument.stage_id == stage.id, ~approved).order_by(RequiredDocument.id)))


# -- checks -----------------------------------------------------------------------------


def _ensure_open(project: Project) -> None:
    if not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))


def _clean_note(note: str | None) -> str | None:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ServiceError(_l("The change note is longer than %(max)d characters.",
                              max=NOTE_MAX), "note")
    return note or None


def _clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError(_l("Please give the document a title."), "title")
    if len(title) > TITLE_MAX:
        raise ServiceError(_l("The title is longer than %(max)d characters.", max=TITLE_MAX),
                           "title")
    return title


def _store(actor, stream: BinaryIO, filename: str):
    """The checked, stored file and its text (extraction never fails the upload)."""
    stored = store_file(actor, stream, filename)
    with get_storage().open(stored.storage_key) as handle:
        extracted = extract_text(handle, PurePath(stored.filename).suffix.lower())
    return stored, extracted


def _params(version: DocumentVersion, **more) -> dict:
    document = version.document
    return {"number": document.number, "document": document.title,
            "version": version.label, **more}


# -- uploading --------------------------------------------------------------------------


def create_document(actor, project: Project, *, title: str | None, category: str,
                    stream: BinaryIO, filename: str, stage: ProjectStage | None = None,
                    requirement: RequiredDocument | None = None,
                    description: str | None = None, note: str | None = None,
                    submit: bool = False) -> DocumentVersion:
    """A new controlled document with its first version. For a requirement, the
    title defaults to the requirement's name and the stage is the requirement's;
    when the requirement already has its document, this adds a version to it."""
    set_actor(actor)
    _ensure_open(project)
    if requirement is not None:
        if requirement.project_id != project.id:
            raise ServiceError(_l("This requirement belongs to another project."))
        category = requirement.category or category  # the template decides
    if category not in CATEGORIES:
        raise ServiceError(_l("Please choose a category."), "category")
    if requirement is not None:
        stage = requirement.stage
        title = title or requirement.name
    if stage is not None and stage.project_id != project.id:
        raise ServiceError(_l("This stage belongs to another project."), "stage_id")
    title = _clean_title(title)
    note = _clean_note(note)
    description = (description or "").strip() or None
    stored, extracted = _store(actor, stream, filename)
    tried = 0
    for _attempt in range(RETRIES):
        if requirement is not None:
            existing = document_for(requirement)
            if existing is not None:  # someone linked it first: this is a new version
                return _add_version(actor, existing, stored, extracted, note, submit)
        # past the last one tried: a number can be taken by a document that moved to
        # another category after it was numbered (it keeps its number)
        sequence = tried = max((db.session.scalar(select(func.max(
            ProjectDocument.sequence)).where(
            ProjectDocument.project_id == project.id,
            ProjectDocument.category == category)) or 0) + 1, tried + 1)
        document = ProjectDocument(
            project_id=project.id, stage_id=stage.id if stage is not None else None,
            required_document_id=requirement.id if requirement is not None else None,
            category=category, sequence=sequence, title=title, description=description,
            number=document_number(project, category, sequence, stage),
            created_by_id=getattr(actor, "id", None))
        try:
            with db.session.begin_nested():
                db.session.add(document)
                db.session.flush()
        except IntegrityError:  # another upload took this number or requirement
            continue
        return _add_version(actor, document, stored, extracted, note, submit)
    raise ServiceError(_l("Too many uploads at the same moment; please try again."))


def add_version(actor, document: ProjectDocument, stream: BinaryIO, filename: str,
                note: str | None = None, submit: bool = False) -> DocumentVersion:
    """A new version of `document`: versions are never changed, a change is a new one."""
    set_actor(actor)
    _ensure_open(document.project)
    note = _clean_note(note)
    stored, extracted = _store(actor, stream, filename)
    return _add_version(actor, document, stored, extracted, note, submit)


def _lock(document: ProjectDocument) -> None:
    """Hold the document's row until commit, so concurrent uploads queue here."""
    db.session.execute(select(ProjectDocument.id).where(ProjectDocument.id == document.id)
                       .with_for_update())


def _add_version(actor, document: ProjectDocument, stored, extracted: Extracted,
                 note: str | None, submit: bool) -> DocumentVersion:
    for _attempt in range(RETRIES):
        _lock(document)
        latest = db.session.execute(
            select(DocumentVersion.number, DocumentVersion.sha256)
            .where(DocumentVersion.document_id == document.id)
            .order_by(DocumentVersion.number.desc()).limit(1)).first()
        if latest is not None and latest.sha256 == stored.sha256:
            raise ServiceError(_l("This file is identical to version %(number)d; a new "
                                  "version needs a changed file.", number=latest.number),
                               "file")
        now = utcnow()
        version = DocumentVersion(
            document_id=document.id, number=(latest.number if latest else 0) + 1,
            file_id=stored.id, filename=stored.filename, content_type=stored.content_type,
            size=stored.size, sha256=stored.sha256, note=note,
            uploaded_by_id=getattr(actor, "id", None), uploaded_dt=now,
            status="draft", status_dt=now, text=extracted.text,
            extraction_status=extracted.status, extraction_error=extracted.error)
        try:
            with db.session.begin_nested():
                db.session.add(version)
                db.session.flush()
        except IntegrityError:  # another upload took this number: take the next
            continue
        events.record(document.project, "document_uploaded", actor,
                      **_params(version, file=stored.filename))
        signals.document_version_added.send(version, actor=actor)
        if submit:
            submit_version(actor, version)
        return version
    raise ServiceError(_l("Too many uploads at the same moment; please try again."))


# -- approval ---------------------------------------------------------------------------


def approvers(document: ProjectDocument) -> list[User]:
    """The active people who may approve versions of `document` (for notices)."""
    project = document.project
    chain = CP.department_ancestors(project.department_id)
    roles = DP.approver_roles(document)
    global_roles = [DP.GLOBAL_ROLE_OF[r] for r in roles if r in DP.GLOBAL_ROLE_OF]
    if DP.MANAGER in roles:
        global_roles.append(R.EXECUTIVE)
    conditions = [User.id == project.pm_id,
                  User.id.in_([m.user_id for m in project.members])]
    if chain:
        conditions += [User.id.in_(select(Department.head_id).where(Department.id.in_(chain))),
                       User.department_id.in_(chain)
                       & User.id.in_(select(UserRole.user_id)
                                     .where(UserRole.role == R.DEPT_MANAGER))]
    if global_roles:
        conditions.append(User.id.in_(select(UserRole.user_id)
                                      .where(UserRole.role.in_(global_roles))))
    candidates = db.session.scalars(select(User).where(User.active.is_(True), or_(*conditions))
                                    .order_by(User.id))
    return [user for user in candidates
            if any(DP.holds_role(user, project, role) for role in roles)]


def submit_version(actor, version: DocumentVersion) -> DocumentVersion:
    """Draft → in review; the approvers are told."""
    set_actor(actor)
    document = version.document
    _ensure_open(document.project)
    if version.status != "draft":
        raise ServiceError(_l("Only a draft can be submitted for approval."))
    people = [u for u in approvers(document) if u.id != version.uploaded_by_id]
    nobody = [role for role in DP.approver_roles(document)
              if not any(DP.holds_role(u, document.project, role) for u in people)]
    if nobody:
        raise ServiceError(_l("No approver could be found for: %(roles)s",
                              roles=", ".join(str(DP.ROLE_LABELS.get(r, r)) for r in nobody)))
    project = document.project
    team = {m.user_id for m in project.members} | {project.pm_id}
    for user in people:  # an approver must see what they approve (finance, say)
        if user.id not in team and not PP.can_view(user, project):
            project.members.append(ProjectMember(user_id=user.id, role="observer"))
    _set_status(version, "in_review", "draft")
    events.record(document.project, "document_review_requested", actor, **_params(version))
    notifications.notify(people, "document_review_requested",
                         url=project_path(document.project_id),
                         project=document.project.code, document=document.title,
                         version=version.label)
    return version


def _set_status(version: DocumentVersion, status: str, *expected: str) -> None:
    """Move the version's status by a conditional update, so two decisions racing
    each other cannot both move it."""
    moved = db.session.execute(
        update(DocumentVersion)
        .where(DocumentVersion.id == version.id, DocumentVersion.status.in_(expected))
        .values(status=status, status_dt=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise ServiceError(_l("This version was changed in the meantime; please reload."))
    db.session.refresh(version, ["status", "status_dt"])


def decide(actor, version: DocumentVersion, decision: str,
           comment: str | None = None) -> DocumentVersion:
    """An approver approves or rejects a version in review. A rejection needs a
    comment and rejects the version; it is approved once every approver role has
    approved (one person's approval counts for every role they hold)."""
    set_actor(actor)
    document = version.document
    project = document.project
    _ensure_open(project)
    db.session.execute(select(DocumentVersion.id).where(DocumentVersion.id == version.id)
                       .with_for_update())
    db.session.refresh(version, ["status"])
    comment = (comment or "").strip() or None
    if decision not in ("approve", "reject"):
        raise ServiceError(_l("Please choose approve or reject."), "decision")
    if version.status != "in_review":
        raise ServiceError(_l("This version is not in review."))
    if version.uploaded_by_id is not None and version.uploaded_by_id == getattr(actor, "id",
                                                                                None):
        raise ServiceError(_l("You cannot approve or reject a version you uploaded yourself."))
    roles = DP.roles_held(actor, document)
    if not roles:
        raise ServiceError(_l("You are not among the approvers of this document."))
    if any(d.user_id == actor.id for d in version.decisions):
        raise ServiceError(_l("You have already decided on this version."))
    if decision == "reject" and not comment:
        raise ServiceError(_l("Please say why the version is rejected."), "comment")
    version.decisions.append(DocumentDecision(user_id=actor.id, decision=decision,
                                              roles=roles, comment=comment))
    db.session.flush()
    url = project_path(project.id)
    uploader = [version.uploaded_by] if version.uploaded_by is not None else []
    if decision == "reject":
        _set_status(version, "rejected", "in_review")
        events.record(project, "document_rejected", actor, **_params(version, comment=comment))
        notifications.notify(uploader, "document_rejected", url=url, project=project.code,
                             document=document.title, version=version.label, comment=comment)
        return version
    covered = {role for d in version.decisions if d.decision == "approve" for role in d.roles}
    if set(DP.approver_roles(document)) <= covered:
        _approve(actor, version)
        notifications.notify(uploader, "document_approved", url=url, project=project.code,
                             document=document.title, version=version.label)
    return version


def _approve(actor, version: DocumentVersion) -> None:
    document = version.document
    newer = db.session.scalar(select(DocumentVersion.number).where(
        DocumentVersion.document_id == document.id, DocumentVersion.number > version.number,
        DocumentVersion.status.in_(("approved", "obsolete"))).limit(1))
    if newer is not None:
        raise ServiceError(_l("A newer version (%(number)d) was already approved.",
                              number=newer))
    _set_status(version, "approved", "in_review")
    db.session.execute(  # what came before is no longer in force, nor can it be
        update(DocumentVersion)
        .where(DocumentVersion.document_id == document.id,
               DocumentVersion.number < version.number,
               DocumentVersion.status.in_(("approved", *OPEN_VERSION_STATUSES)))
        .values(status="superseded", status_dt=utcnow())
        .execution_options(synchronize_session="fetch"))
    events.record(document.project, "document_approved", actor, **_params(version))


def withdraw(actor, document: ProjectDocument, reason: str | None) -> DocumentVersion:
    """Make the approved version obsolete: the document is no longer in force (a
    requirement it satisfied is missing again until a new version is approved)."""
    set_actor(actor)
    _ensure_open(document.project)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("Please say why the document is withdrawn."), "reason")
    version = approved_version(document)
    if version is None:
        raise ServiceError(_l("This document has no approved version to withdraw."))
    _set_status(version, "obsolete", "approved")
    events.record(document.project, "document_withdrawn", actor,
                  **_params(version, reason=reason[:500]))
    return version


def record_download(actor, version: DocumentVersion) -> DocumentDownload:
    download = DocumentDownload(version_id=version.id, user_id=getattr(actor, "id", None))
    db.session.add(download)
    db.session.flush()
    return download
