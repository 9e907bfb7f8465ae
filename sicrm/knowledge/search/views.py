"""The search page: one box over everything the user may read, with filters."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from sicrm.core import permissions as CP
from sicrm.core.inputs import db_int
from sicrm.core.models import User
from sicrm.core.searchable import searchables
from sicrm.extensions import db
from sicrm.knowledge import permissions as KP
from sicrm.knowledge.search import engine
from sicrm.core.views.helpers import commit_service
from sicrm.knowledge.search import synonyms
from sicrm.knowledge.search.forms import SearchForm, SynonymsForm


def _catalog_choices(user) -> list[SelectChoice]:
    tree = KP.load_tree()
    readable = KP.access(user).readable
    paths = sorted((tree.path(cid), cid) for cid in readable if cid in tree.nodes)
    return [SelectChoice("", _l("Any catalog")),
            *(SelectChoice(str(cid), path) for path, cid in paths)]


def _author_choices() -> list[SelectChoice]:
    users = db.session.execute(select(User.id, User.full_name, User.username)
                               .where(User.active.is_(True)).order_by(User.full_name)).all()
    return [SelectChoice("", _l("Anyone")),
            *(SelectChoice(str(u.id), f"{u.full_name} ({u.username})") for u in users)]


def _int(value):
    text = str(value if value is not None else "").strip()
    if not text.lstrip("-").isdecimal() or not text.isascii():
        return None  # not a number: the filter is ignored
    return db_int(text) or -1  # a number no row can have: the filter matches nothing


@login_required
def search_page():
    form = SearchForm(request.args)
    kinds = [s for s in searchables() if s.kind in engine.readable(current_user)]
    form.kind.choices = [SelectChoice("", _l("Everything")),
                         *(SelectChoice(s.kind, s.label) for s in kinds)]
    form.catalog.choices = _catalog_choices(current_user)
    form.author.choices = _author_choices()
    results = None
    if request.args.get("q") is not None:
        form.validate()
        try:
            results = engine.search(
                current_user, form.q.data,
                kinds=(form.kind.data,) if form.kind.data else (),
                catalog_id=_int(form.catalog.data), keyword=(form.keyword.data or "").strip(),
                industry=form.industry.data or None, author_id=_int(form.author.data),
                date_from=form.date_from.data if not form.date_from.errors else None,
                date_to=form.date_to.data if not form.date_to.errors else None,
                sort=form.sort.data or "relevance", page=form.page.data or 1,
                correct=form.exact.data != "1")
        except engine.SearchError as error:
            form.q.errors = [*form.q.errors, error.message]
    labels = {s.kind: s.label for s in searchables()}
    return render_template("search/results.html", form=form, results=results, labels=labels,
                           hit_url=engine.hit_url)


@login_required
@CP.require("kb.manage")
def synonyms_page():
    """The administrator's synonym list (used at query time; nothing is re-indexed)."""
    form = SynonymsForm()
    if form.validate_on_submit() and commit_service(
            lambda: synonyms.save_groups(current_user, form.groups.data), form, _("Saved.")):
        return redirect(url_for("search.synonyms_page"))
    if not form.is_submitted():
        form.groups.data = synonyms.as_text()
    aliases = synonyms.keyword_aliases()
    return render_template("search/synonyms.html", form=form, aliases=aliases)
