"""Related knowledge on a project (its own page and a fragment for the project tab),
pins, dismissals and links."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Organization
from sicrm.core.permissions import ensure
from sicrm.core.views.helpers import commit_service, get_or_404
from sicrm.extensions import db
from sicrm.knowledge import permissions as KP
from sicrm.knowledge.models import Article
from sicrm.knowledge.related import services
from sicrm.knowledge.related.forms import LinkTargetForm, MarkForm
from sicrm.knowledge.related.models import KnowledgeLink
from sicrm.knowledge.search import engine
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project


def _back(project: Project):
    if request.form.get("from") == "page":
        return redirect(url_for("related.project_knowledge", project_id=project.id))
    return redirect(url_for("projects.project_view", project_id=project.id) + "#tab-knowledge")


@login_required
def project_knowledge(project_id: int):
    project = get_or_404(Project, project_id)
    ensure(PP.can_view(current_user, project))
    items = services.for_project(current_user, project)
    can_edit = PP.can_edit(current_user, project)
    found, error = None, None
    query = request.args.get("q")
    if can_edit and query is not None:
        try:
            found = engine.search(current_user, query, kinds=("article",), per_page=10)
        except engine.SearchError as refusal:
            error = refusal.message
    links = {link.article_id: link for link in db.session.scalars(
        select(KnowledgeLink).where(KnowledgeLink.project_id == project.id))}
    template = ("related/_project.html" if request.args.get("partial")
                else "related/project.html")
    return render_template(template, project=project, items=items, can_edit=can_edit,
                           found=found, error=error, query=query or "", links=links,
                           form=ConfirmForm(), partial=bool(request.args.get("partial")))


@login_required
def mark(project_id: int, article_id: int):
    project = get_or_404(Project, project_id)
    article = get_or_404(Article, article_id)
    ensure(PP.can_view(current_user, project))
    ensure(PP.can_edit(current_user, project) and KP.can_read(current_user, article))
    form = MarkForm()
    if not form.validate():
        abort(400)
    verdict = None if form.verdict.data == "none" else form.verdict.data
    messages = {"pinned": _("Pinned."), "dismissed": _("Dismissed: it will not be suggested "
                                                       "for this project again."),
                None: _("Verdict taken back.")}
    commit_service(lambda: services.mark(current_user, project, article, verdict),
                   success=messages[verdict])
    return _back(project)


@login_required
def link(project_id: int, article_id: int):
    project = get_or_404(Project, project_id)
    article = get_or_404(Article, article_id)
    ensure(PP.can_view(current_user, project))
    ensure(PP.can_edit(current_user, project) and KP.can_read(current_user, article))
    if not ConfirmForm().validate():
        abort(400)
    commit_service(lambda: services.link_project(current_user, project, article),
                   success=_("Linked."))
    return _back(project)


@login_required
def unlink(link_id: int):
    link = get_or_404(KnowledgeLink, link_id)
    ensure(KP.can_read(current_user, link.article) or (
        link.project is not None and PP.can_view(current_user, link.project)))
    ensure(services.can_unlink(current_user, link))
    if not ConfirmForm().validate():
        abort(400)
    article_id, project = link.article_id, link.project
    commit_service(lambda: services.unlink(current_user, link), success=_("Link removed."))
    if request.form.get("from") == "article" or project is None:
        return redirect(url_for("knowledge.article_view", article_id=article_id))
    return _back(project)


@login_required
def article_link(article_id: int):
    """Link an article to a project (by code) or an organisation (by name)."""
    article = get_or_404(Article, article_id)
    ensure(KP.can_read(current_user, article))
    form = LinkTargetForm()
    back = redirect(url_for("knowledge.article_view", article_id=article.id))
    if not form.validate():
        return back

    def action():
        target = services.find_target(form.target.data)
        if isinstance(target, Organization):
            return services.link_organization(current_user, target, article)
        if not PP.can_view(current_user, target):  # no hint that the code exists
            raise services.ServiceError(_("No project with the code “%(text)s” and no "
                                          "organisation named so.", text=form.target.data))
        return services.link_project(current_user, target, article)

    commit_service(action, success=_("Linked."))
    return back
