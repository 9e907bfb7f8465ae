"""Document control pages: the documents tab of the project page (a Jinja global,
`documents_panel(project)`), a document's page, and its actions."""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import permissions as CP
from sicrm.core.forms import ConfirmForm
from sicrm.core.services.files import send_stored_file
from sicrm.core.views.helpers import commit_service
from sicrm.extensions import db, writes_on_get
from sicrm.projects.documents import permissions as DP
from sicrm.projects.documents import queries, services
from sicrm.projects.documents.choices import (
    CATEGORY_LABELS,
    DECISION_LABELS,
    EXTRACTION_LABELS,
    VERSION_STATUS_LABELS,
    VERSION_STATUS_STYLES,
)
from sicrm.projects.documents.forms import (
    DecisionForm,
    DocumentForm,
    VersionForm,
    WithdrawForm,
)
from sicrm.projects.documents.models import (
    DocumentDecision,
    DocumentVersion,
    ProjectDocument,
)
from sicrm.projects.models import ProjectStage, RequiredDocument
from sicrm.projects.views.common import (
    load_part,
    load_project,
    locale,
    run_action,
    to_project,
)

LABELS = {"categories": CATEGORY_LABELS, "statuses": VERSION_STATUS_LABELS,
          "styles": VERSION_STATUS_STYLES, "extraction": EXTRACTION_LABELS,
          "decisions": DECISION_LABELS, "roles": DP.ROLE_LABELS}


def _stage_choices(project):
    stages = db.session.scalars(select(ProjectStage).where(ProjectStage.project_id == project.id)
                                .order_by(ProjectStage.position)).all()
    lang = locale()
    return [("", "—")] + [(s.id, s.name(lang)) for s in stages]


def documents_panel(project) -> dict:
    """What the project page's documents tab shows: the required documents as a
    checklist per stage, then the other documents; each list read once."""
    documents = queries.project_documents(project)
    requirements = queries.requirements(project)
    by_requirement = {d.required_document_id: d for d in documents if d.required_document_id}
    approver = DP.Approver(current_user, project)
    reviewing = [v.id for d in documents for v in d.versions if v.status == "in_review"]
    decided = set(db.session.scalars(select(DocumentDecision.version_id).where(
        DocumentDecision.version_id.in_(reviewing),
        DocumentDecision.user_id == current_user.id))) if reviewing else set()
    rows = {}
    for document in documents:
        approved = next((v for v in reversed(document.versions) if v.status == "approved"), None)
        latest = document.versions[-1] if document.versions else None
        rows[document.id] = {
            "approved": approved, "latest": latest,
            "to_decide": [v for v in document.versions
                          if approver.can_decide(v, v.id in decided)],
        }
    form = DocumentForm()
    form.stage_id.choices = _stage_choices(project)
    carried = [(document, next(v for v in reversed(document.versions) if v.status == "approved"))
               for document in queries.carried_documents(project)]
    return {
        "requirements": [(r, by_requirement.get(r.id)) for r in requirements],
        "carried": carried, "source": project.source_project if carried else None,
        "others": [d for d in documents if d.required_document_id is None],
        "rows": rows,
        "can_upload": DP.can_upload(current_user, project),
        "form": form, "labels": LABELS,
    }


def _load_document(project_id: int, document_id: int, check=DP.can_view,
                   carried: bool = False):
    """The project's document, or 404; with `carried`, also an approved document of
    the presales project it was made from (read through this project's permission)."""
    project = load_project(project_id, check)
    document = db.session.get(ProjectDocument, document_id)
    if document is None or (document.project_id != project.id and not (
            carried and queries.is_carried(project, document))):
        abort(404)
    return project, document


def _load_version(project_id: int, document_id: int, version_id: int, check=DP.can_view,
                  carried: bool = False):
    project, document = _load_document(project_id, document_id, check, carried)
    version = db.session.get(DocumentVersion, version_id)
    if version is None or version.document_id != document.id:
        abort(404)
    if document.project_id != project.id and version.status != "approved":
        abort(404)  # of a carried document, only its approved version
    return project, document, version


def _to_document(document):
    return redirect(url_for("documents.document_view", project_id=document.project_id,
                            document_id=document.id))


@login_required
def document_view(project_id: int, document_id: int):
    project, document = _load_document(project_id, document_id, carried=True)
    versions = queries.document_versions(document)
    if document.project_id != project.id:  # carried: read-only, its approved version
        return render_template(
            "documents/view.html", project=project, document=document,
            versions=[v for v in versions if v.status == "approved"],
            approved=next((v for v in versions if v.status == "approved"), None),
            approver_roles=DP.approver_roles(document), deciding=set(), can_upload=False,
            can_withdraw=False, downloads=None, carried_from=document.project,
            version_form=VersionForm(), decision_form=DecisionForm(),
            withdraw_form=WithdrawForm(), confirm=ConfirmForm(), labels=LABELS,
            locale=locale())
    approver = DP.Approver(current_user, project)
    return render_template(
        "documents/view.html", project=project, document=document, versions=versions,
        approved=next((v for v in versions if v.status == "approved"), None),
        approver_roles=DP.approver_roles(document),
        deciding={v.id for v in versions if approver.can_decide(
            v, any(d.user_id == current_user.id for d in v.decisions))},
        can_upload=DP.can_upload(current_user, project),
        can_withdraw=DP.can_withdraw(current_user, project) and project.is_open,
        downloads=queries.downloads(document)
        if DP.can_see_downloads(current_user, project) else None,
        version_form=VersionForm(), decision_form=DecisionForm(), withdraw_form=WithdrawForm(),
        confirm=ConfirmForm(), labels=LABELS, locale=locale())


@login_required
def document_create(project_id: int):
    project = load_project(project_id, DP.can_upload)
    form = DocumentForm()
    form.stage_id.choices = _stage_choices(project)
    requirement = None
    if form.required_document_id.data:
        requirement = load_part(RequiredDocument, form.required_document_id.data, project)
    stage = None
    if form.stage_id.data:
        stage = load_part(ProjectStage, form.stage_id.data, project)

    def action():
        upload = form.file.data
        services.create_document(
            current_user, project, title=form.title.data, category=form.category.data,
            stream=upload.stream, filename=upload.filename, stage=stage,
            requirement=requirement, description=form.description.data, note=form.note.data,
            submit=form.submit_now.data)

    name = requirement.name if requirement is not None else form.title.data
    run_action(form, action, _("“%(name)s” was uploaded.", name=name))
    return to_project(project, "documents")


@login_required
def version_upload(project_id: int, document_id: int):
    project, document = _load_document(project_id, document_id, DP.can_upload)
    form = VersionForm()
    run_action(form, lambda: services.add_version(
        current_user, document, form.file.data.stream, form.file.data.filename,
        note=form.note.data, submit=form.submit_now.data),
        _("A new version of “%(name)s” was uploaded.", name=document.title))
    return _to_document(document)


@login_required
def version_submit(project_id: int, document_id: int, version_id: int):
    project, document, version = _load_version(project_id, document_id, version_id,
                                               DP.can_upload)
    run_action(ConfirmForm(), lambda: services.submit_version(current_user, version),
               _("Submitted for approval."))
    return _to_document(document)


@login_required
def version_decide(project_id: int, document_id: int, version_id: int):
    project, document, version = _load_version(project_id, document_id, version_id)
    CP.ensure(bool(DP.roles_held(current_user, document)))
    form = DecisionForm()
    run_action(form, lambda: services.decide(current_user, version, form.decision.data,
                                             form.comment.data),
               _("Your decision was recorded."))
    return _to_document(document)


@login_required
def document_withdraw(project_id: int, document_id: int):
    project, document = _load_document(project_id, document_id, DP.can_withdraw)
    form = WithdrawForm()
    run_action(form, lambda: services.withdraw(current_user, document, form.reason.data),
               _("The document was withdrawn."))
    return _to_document(document)


@writes_on_get  # logs the download
@login_required
def version_download(project_id: int, document_id: int, version_id: int):
    project, document, version = _load_version(project_id, document_id, version_id,
                                               carried=True)
    commit_service(lambda: services.record_download(current_user, version))
    return send_stored_file(version.file)
