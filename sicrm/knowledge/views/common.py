"""Helpers shared by the knowledge pages."""
from __future__ import annotations

from flask import flash
from flask_login import current_user
from sqlalchemy import select

from sicrm.core import permissions as CP
from sicrm.core.models import Department, User
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import commit_service, get_or_404
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.forms import (
    EXTRACTION_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    STATUS_STYLES,
)
from sicrm.knowledge.models import Article, Catalog

LABELS = {"statuses": STATUS_LABELS, "styles": STATUS_STYLES, "levels": LEVEL_LABELS,
          "extraction": EXTRACTION_LABELS}


def load_catalog(catalog_id: int, check=P.can_read_catalog) -> Catalog:
    catalog = get_or_404(Catalog, catalog_id)
    CP.ensure(check(current_user, catalog))
    return catalog


def load_article(article_id: int, check=P.can_read) -> Article:
    article = get_or_404(Article, article_id)
    CP.ensure(check(current_user, article))
    return article


def flash_form_errors(form) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "danger")
    for error in form.form_errors:
        flash(error, "danger")


def run_action(form, action, success: str) -> bool:
    """Validate a small form, call the service, commit; flash either way."""
    if not form.validate_on_submit():
        flash_form_errors(form)
        return False
    return commit_service(action, success=success)


def catalog_choices(ids, blank: str | None = None) -> list[tuple]:
    """(id, "A / B / C") for the given catalogs, in tree order."""
    tree = P.load_tree()
    ordered = []

    def walk(parent):
        for child in tree.children.get(parent, ()):
            if child in ids:
                ordered.append((child, tree.path(child)))
            walk(child)

    walk(None)
    return ([("", blank)] if blank is not None else []) + ordered


def writable_catalog_ids(user) -> set[int]:
    """Catalogs the user may put articles in: edited and not archived."""
    tree = P.load_tree()
    return {c for c in P.access(user).editable
            if not any(tree.nodes[a].archived for a in tree.ancestors(c))}


def user_choices(blank: str | None = "—"):
    rows = db.session.execute(select(User.id, User.full_name).where(User.active.is_(True))
                              .order_by(User.full_name)).all()
    rows = by_pinyin(rows)
    return ([("", blank)] if blank is not None else []) + [(str(i), n) for i, n in rows]


def department_choices():
    rows = db.session.execute(select(Department.id, Department.name)
                              .order_by(Department.name)).all()
    return [(str(i), n) for i, n in rows]


def fill_grant_choices(form) -> None:
    users, departments = user_choices(None), department_choices()
    for prefix in ("", "edit_"):
        if hasattr(form, f"{prefix}users"):
            getattr(form, f"{prefix}users").choices = users
            getattr(form, f"{prefix}departments").choices = departments
