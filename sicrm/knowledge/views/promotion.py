"""Promotion (升级) of a project document version into the knowledge base, and the
button on the project's documents (a Jinja global, `kb_promote_link(version)`)."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from sicrm.core import permissions as CP
from sicrm.core.views.helpers import commit_service, get_or_404
from sicrm.extensions import db
from sicrm.knowledge.forms import PromoteForm
from sicrm.knowledge.models import Catalog
from sicrm.knowledge.services.promotion import promote_version
from sicrm.knowledge.views.common import (
    catalog_choices,
    fill_grant_choices,
    writable_catalog_ids,
)
from sicrm.projects.documents import permissions as DP
from sicrm.projects.documents.models import DocumentVersion

PROMOTABLE = ("draft", "in_review", "approved", "superseded")


def _may_promote(user, version) -> bool:
    return (version.status in PROMOTABLE and DP.can_view(user, version.document.project)
            and bool(writable_catalog_ids(user)))


def kb_promote_link(version) -> Markup | str:
    """An "Add to knowledge base" link for a version the user may promote, else ''."""
    if not getattr(current_user, "is_authenticated", False) \
            or not _may_promote(current_user, version):
        return ""
    url = url_for("knowledge.promote", version_id=version.id)
    return Markup('<a class="btn btn-sm btn-outline-secondary kb-promote" href="{}">{}</a>'
                  ).format(url, escape(_("Add to knowledge base")))


@login_required
def promote(version_id: int):
    version = get_or_404(DocumentVersion, version_id)
    CP.ensure(_may_promote(current_user, version))
    document = version.document
    project = document.project
    form = PromoteForm()
    form.catalog_id.choices = catalog_choices(writable_catalog_ids(current_user), blank="—")
    fill_grant_choices(form)
    if not form.is_submitted():
        form.title.data = document.title
        form.body.data = document.description or ""
        form.industry.data = project.industry or ""
    catalog = db.session.get(Catalog, form.catalog_id.data) if form.catalog_id.data else None
    created = []
    if form.validate_on_submit() and commit_service(
            lambda: created.append(promote_version(
                current_user, version, catalog=catalog, title=form.title.data,
                keywords=[form.keywords.data or ""], industry=form.industry.data,
                body=form.body.data, restricted=form.restricted.data,
                grants=form.grant_specs(article_level=True))),
            form, _("The document was added to the knowledge base.")):
        return redirect(url_for("knowledge.article_view", article_id=created[0].id))
    return render_template("knowledge/promote.html", form=form, version=version,
                           document=document, project=project)
