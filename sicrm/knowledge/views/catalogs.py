"""The catalog tree and the pages that change it."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.choices import INDUSTRIES
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import User
from sicrm.core.views.helpers import arg_int, commit_service, get_or_404, paginate
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge import queries
from sicrm.knowledge.forms import (
    CatalogForm,
    CatalogPermissionsForm,
    MoveForm,
)
from sicrm.knowledge.models import Article, Catalog
from sicrm.knowledge.services import catalogs as services
from sicrm.knowledge.views.common import (
    LABELS,
    catalog_choices,
    fill_grant_choices,
    load_catalog,
    run_action,
    user_choices,
    writable_catalog_ids,
)


def _tree_rows(user):
    """The readable catalogs as a nested list; a readable catalog under one the user
    may not read is shown under its nearest readable ancestor. Each node carries the
    count of readable published articles in its subtree."""
    tree = P.load_tree()
    readable = P.access(user).readable
    counts = queries.catalog_counts(user)

    def walk(parent):
        nodes = []
        for child in tree.children.get(parent, ()):
            below = walk(child)
            if child in readable:
                node = tree.nodes[child]
                total = counts.get(child, 0) + sum(n["total"] for n in below)
                nodes.append({"node": node, "children": below, "total": total})
            else:
                nodes.extend(below)
        return nodes

    return walk(None)


@login_required
def catalog_tree():
    return render_template(
        "knowledge/tree.html", rows=_tree_rows(current_user),
        can_create_root=P.can_create_root(current_user),
        owned=P.access(current_user).owned, can_merge=P.can_merge_keywords(current_user),
        labels=LABELS)


@login_required
def catalog_view(catalog_id: int):
    catalog = load_catalog(catalog_id)
    tree = P.load_tree()
    rights = P.access(current_user)
    subtree = [c for c in tree.subtree(catalog.id) if c in rights.readable]
    keyword_name = (request.args.get("keyword") or "").strip()
    keyword = queries.visible_keyword(current_user, keyword_name) if keyword_name else None
    industry = request.args.get("industry") or None
    status = request.args.get("status") or None
    statement = queries.articles(current_user, catalog_ids=subtree, industry=industry,
                                 status=status, keyword=keyword)
    if keyword_name and keyword is None:
        statement = statement.where(Article.id.is_(None))  # an unknown keyword finds nothing
    page = paginate(statement)
    newer = queries.newer_for([a.id for a in page.items])
    return render_template(
        "knowledge/catalog.html", catalog=catalog, page=page, newer=newer,
        path=[tree.nodes[c] for c in tree.ancestors(catalog.id) if c in rights.readable],
        children=[tree.nodes[c] for c in tree.children.get(catalog.id, ())
                  if c in rights.readable],
        can_edit=P.can_edit_catalog(current_user, catalog)
        and catalog.id in writable_catalog_ids(current_user),
        can_manage=P.can_manage_catalog(current_user, catalog),
        filters={"keyword": keyword_name, "industry": industry or "", "status": status or ""},
        industries=INDUSTRIES, labels=LABELS, confirm=ConfirmForm())


def _owner(form) -> User | None:
    return get_or_404(User, form.owner_id.data) if form.owner_id.data else None


@login_required
def catalog_create():
    parent_id = arg_int("parent")
    parent = load_catalog(parent_id, P.can_manage_catalog) if parent_id else None
    CP.ensure(parent is not None or P.can_create_root(current_user))
    form = CatalogForm()
    form.owner_id.choices = user_choices()
    if not form.is_submitted():
        form.owner_id.data = current_user.id
    created = []
    if form.validate_on_submit() and commit_service(
            lambda: created.append(services.create_catalog(
                current_user, name=form.name.data, parent=parent,
                description=form.description.data, owner=_owner(form))),
            form, _("The catalog was created.")):
        return redirect(url_for("knowledge.catalog_view", catalog_id=created[0].id))
    return render_template("knowledge/catalog_form.html", form=form, parent=parent,
                           catalog=None)


@login_required
def catalog_edit(catalog_id: int):
    catalog = load_catalog(catalog_id, P.can_manage_catalog)
    form = CatalogForm(obj=catalog)
    form.owner_id.choices = user_choices()
    move_form = MoveForm()
    tree = P.load_tree()
    inside = set(tree.subtree(catalog.id))
    targets = {c for c in P.access(current_user).owned if c not in inside}
    move_form.parent_id.choices = catalog_choices(
        targets, blank=_("— top level —") if P.can_create_root(current_user) else None)
    if not move_form.is_submitted():
        move_form.parent_id.data = catalog.parent_id
    if form.validate_on_submit() and commit_service(
            lambda: services.update_catalog(current_user, catalog, name=form.name.data,
                                            description=form.description.data,
                                            owner=_owner(form)),
            form, _("Saved.")):
        return redirect(url_for("knowledge.catalog_view", catalog_id=catalog.id))
    return render_template("knowledge/catalog_form.html", form=form, move_form=move_form,
                           parent=catalog.parent, catalog=catalog, confirm=ConfirmForm())


@login_required
def catalog_move(catalog_id: int):
    catalog = load_catalog(catalog_id, P.can_manage_catalog)
    form = MoveForm()
    form.parent_id.choices = []
    parent = db.session.get(Catalog, form.parent_id.data) if form.parent_id.data else None
    if form.parent_id.data and parent is None:
        return redirect(url_for("knowledge.catalog_edit", catalog_id=catalog.id))
    run_action(form, lambda: services.move_catalog(current_user, catalog, parent),
               _("The catalog was moved."))
    return redirect(url_for("knowledge.catalog_view", catalog_id=catalog.id))


@login_required
def catalog_archive(catalog_id: int):
    catalog = load_catalog(catalog_id, P.can_manage_catalog)
    archived = request.form.get("archived", "1") == "1"
    run_action(ConfirmForm(), lambda: services.set_archived(current_user, catalog, archived),
               _("The catalog was archived.") if archived
               else _("The catalog was restored."))
    return redirect(url_for("knowledge.catalog_view", catalog_id=catalog.id))


@login_required
def catalog_permissions(catalog_id: int):
    catalog = load_catalog(catalog_id, P.can_manage_catalog)
    form = CatalogPermissionsForm()
    fill_grant_choices(form)
    if not form.is_submitted():
        form.inherit.data = catalog.inherit
        form.fill(catalog.grants)
    if form.validate_on_submit() and commit_service(
            lambda: services.set_permissions(current_user, catalog,
                                             inherit=form.inherit.data,
                                             grants=form.grant_specs()),
            form, _("The permissions were saved.")):
        return redirect(url_for("knowledge.catalog_view", catalog_id=catalog.id))
    return render_template("knowledge/catalog_permissions.html", form=form, catalog=catalog)
