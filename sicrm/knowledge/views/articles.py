"""Article pages: read, write, attachments, status, history with diffs, permissions,
keywords (autocomplete and merge), Markdown preview."""
from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.choices import INDUSTRIES
from sicrm.core.forms import ConfirmForm
from sicrm.core.markdown import render
from sicrm.core.services.files import send_stored_file
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404
from sicrm.core.views.uploads import KeptUploads
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge import queries
from sicrm.knowledge.diff import side_by_side
from sicrm.knowledge.forms import (
    ArticleForm,
    ArticlePermissionsForm,
    AttachmentForm,
    MergeForm,
    StatusForm,
)
from sicrm.knowledge.models import ArticleAttachment, ArticleVersion, Catalog
from sicrm.knowledge.services import articles as services
from sicrm.knowledge.services import keywords as keyword_services
from sicrm.knowledge.views.common import (
    LABELS,
    catalog_choices,
    fill_grant_choices,
    load_article,
    load_catalog,
    run_action,
    writable_catalog_ids,
)
from sicrm.projects import permissions as PP

PREVIEW_MAX = 200_000


def _to_article(article):
    return redirect(url_for("knowledge.article_view", article_id=article.id))


def _chosen_catalog(form, default: Catalog) -> Catalog | None:
    """The catalog picked in the form (None, with the field's error, when unknown)."""
    if not form.catalog_id.data:
        return default
    chosen = db.session.get(Catalog, form.catalog_id.data)
    if chosen is None:
        form.catalog_id.errors = [_("Please choose a catalog from the list.")]
    return chosen


@login_required
def article_view(article_id: int):
    article = load_article(article_id)
    row = queries.article_with_origin(article.id)
    tree = P.load_tree()
    rights = P.access(current_user)
    origin_project = article.origin_project
    return render_template(
        "knowledge/article.html", article=article, newer=row.newer, body=render(article.body),
        path=[tree.nodes[c] for c in tree.ancestors(article.catalog_id) if c in rights.readable],
        can_edit=P.can_edit(current_user, article),
        origin_visible=origin_project is not None and PP.can_view(current_user, origin_project),
        industries=INDUSTRIES, labels=LABELS, status_form=StatusForm(status=article.status),
        attachment_form=AttachmentForm(), confirm=ConfirmForm())


@login_required
def article_create(catalog_id: int):
    catalog = load_catalog(catalog_id, P.can_edit_catalog)
    form = ArticleForm()
    form.catalog_id.choices = catalog_choices(writable_catalog_ids(current_user))
    if not form.is_submitted():
        form.catalog_id.data = catalog.id
    created = []
    uploads = KeptUploads(form.files)  # attachments survive a refused save
    target = _chosen_catalog(form, catalog) if form.validate_on_submit() else None
    if target is not None and uploads.check(form) and commit_service(
            lambda: created.append(services.create_article(
                current_user, catalog=target, title=form.title.data,
                body=form.body.data, keywords=[form.keywords.data or ""],
                industry=form.industry.data, status=form.status.data,
                attachments=uploads.files(), note=form.note.data)),
            form, _("The article was saved.")):
        return _to_article(created[0])
    uploads.keep()
    return render_template("knowledge/article_form.html", form=form, article=None,
                           catalog=catalog)


@login_required
def article_edit(article_id: int):
    article = load_article(article_id, P.can_edit)
    form = ArticleForm(obj=article)
    del form.status, form.files
    form.catalog_id.choices = catalog_choices(
        writable_catalog_ids(current_user) | {article.catalog_id})
    if not form.is_submitted():
        form.keywords.data = ", ".join(k.name for k in article.keywords)
        form.industry.data = article.industry or ""
        form.version.data = article.version
    target = _chosen_catalog(form, article.catalog) if form.validate_on_submit() else None
    if target is not None and commit_service(
            lambda: services.update_article(
                current_user, article, title=form.title.data, body=form.body.data,
                keywords=[form.keywords.data or ""], industry=form.industry.data,
                catalog=target, note=form.note.data, expected_version=form.version.data),
            form, _("The article was saved.")):
        return _to_article(article)
    return render_template("knowledge/article_form.html", form=form, article=article,
                           catalog=article.catalog)


@login_required
def article_status(article_id: int):
    article = load_article(article_id, P.can_edit)
    form = StatusForm()
    run_action(form, lambda: services.set_status(current_user, article, form.status.data),
               _("The status was changed."))
    return _to_article(article)


@login_required
def article_permissions(article_id: int):
    article = load_article(article_id, P.can_edit_permissions)
    form = ArticlePermissionsForm()
    fill_grant_choices(form)
    if not form.is_submitted():
        form.restricted.data = article.restricted
        form.fill(article.grants)
    if form.validate_on_submit() and commit_service(
            lambda: services.set_permissions(current_user, article,
                                             restricted=form.restricted.data,
                                             grants=form.grant_specs(article_level=True)),
            form, _("The permissions were saved.")):
        return _to_article(article)
    return render_template("knowledge/article_permissions.html", form=form, article=article)


@login_required
def attachment_upload(article_id: int):
    article = load_article(article_id, P.can_edit)
    form = AttachmentForm()
    run_action(form, lambda: services.add_attachment(
        current_user, article, form.file.data.stream, form.file.data.filename),
        _("The file was attached."))
    return _to_article(article)


def _load_attachment(article_id: int, attachment_id: int, check=P.can_read):
    article = load_article(article_id, check)
    attachment = get_or_404(ArticleAttachment, attachment_id)
    if attachment.article_id != article.id:
        abort(404)
    return article, attachment


@login_required
def attachment_download(article_id: int, attachment_id: int):
    article, attachment = _load_attachment(article_id, attachment_id)
    return send_stored_file(attachment.file)


@login_required
def attachment_delete(article_id: int, attachment_id: int):
    article, attachment = _load_attachment(article_id, attachment_id, P.can_edit)
    run_action(ConfirmForm(), lambda: services.remove_attachment(current_user, attachment),
               _("The attachment was removed."))
    return _to_article(article)


@login_required
def article_history(article_id: int):
    article = load_article(article_id)
    versions = list(reversed(article.versions))
    numbers = [v.number for v in versions]
    new_number = arg_int("b") or (numbers[0] if numbers else None)
    old_number = arg_int("a")
    if old_number is None and new_number is not None:
        old_number = max((n for n in numbers if n < new_number), default=new_number)
    by_number = {v.number: v for v in versions}
    old, new = by_number.get(old_number), by_number.get(new_number)
    if old is None or new is None:
        abort(404)
    return render_template(
        "knowledge/history.html", article=article, versions=versions, old=old, new=new,
        rows=side_by_side(old.body, new.body), full=request.args.get("full") == "1",
        title_changed=old.title != new.title,
        keywords_removed=[k for k in old.keywords if k not in new.keywords],
        keywords_added=[k for k in new.keywords if k not in old.keywords])


@login_required
def version_view(article_id: int, version_id: int):
    article = load_article(article_id)
    version = get_or_404(ArticleVersion, version_id)
    if version.article_id != article.id:
        abort(404)
    return render_template("knowledge/version.html", article=article, version=version,
                           body=render(version.body))


@login_required
def preview():
    """The rendered Markdown of the editor's text (for editors only)."""
    CP.ensure(bool(P.access(current_user).editable))
    source = request.form.get("body", "")[:PREVIEW_MAX]
    return render(source)


@login_required
def keyword_suggest():
    """Names of keywords on articles the user may read, matching ?q= (JSON)."""
    prefix = (request.args.get("q") or "")[:64]
    return jsonify(keywords=queries.keyword_suggestions(current_user, prefix))


@login_required
def keyword_merge():
    CP.ensure(P.can_merge_keywords(current_user))
    form = MergeForm()
    if form.validate_on_submit() and commit_service(
            lambda: keyword_services.merge_by_name(current_user, form.source.data,
                                                   form.target.data),
            form, _("“%(source)s” was merged into “%(target)s”.",
                    source=form.source.data, target=form.target.data)):
        return redirect(url_for("knowledge.keyword_merge"))
    return render_template("knowledge/keyword_merge.html", form=form)
