"""Knowledge articles as search sees them (see sicrm.core.searchable).

Only published articles of catalogs that are not archived (nor below an archived
one) are indexed; anything else `load` leaves out, which removes it from the index.
An unrestricted article carries its catalog's scope (`kbcat:<id>`), a restricted one
its own (`kbart:<id>`), so a change of grants needs no re-indexing."""
from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import object_session, selectinload

from sicrm.core.markdown import plain_text
from sicrm.core.searchable import ALL, Searchable, SearchDoc, register
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.models import (
    Article,
    ArticleAttachment,
    ArticleKeyword,
    Catalog,
)

KIND = "article"
#: attachments' text beyond this is left out of the index
EXTRA_MAX = 200_000


def scope_of(article) -> str:
    return f"kbart:{article.id}" if article.restricted else f"kbcat:{article.catalog_id}"


def _hidden_catalogs(tree: P.Tree) -> set[int]:
    return {c for c in tree.nodes
            if any(tree.nodes[a].archived for a in tree.ancestors(c))}


def load(ids: Sequence[int]) -> list[SearchDoc]:
    tree = P.load_tree()
    hidden = _hidden_catalogs(tree)
    articles = db.session.scalars(
        select(Article).where(Article.id.in_(list(ids)), Article.status == "published")
        .options(selectinload(Article.keyword_links), selectinload(Article.attachments))
        .order_by(Article.id)).all()
    docs = []
    for article in articles:
        if article.catalog_id in hidden or article.catalog_id not in tree.nodes:
            continue
        extra = "\n".join(a.text for a in article.attachments if a.text)[:EXTRA_MAX]
        docs.append(SearchDoc(
            kind=KIND, id=article.id, title=article.title, scope=scope_of(article),
            body=plain_text(article.body), extra=extra,
            keywords=[k.name for k in article.keywords],
            catalogs=tree.ancestors(article.catalog_id), industry=article.industry,
            author_id=article.owner_id, date=article.updated_dt,
            subtitle=tree.path(article.catalog_id)))
    return docs


def all_ids():
    tree = P.load_tree()
    hidden = _hidden_catalogs(tree)
    rows = db.session.execute(select(Article.id, Article.catalog_id)
                              .where(Article.status == "published").order_by(Article.id))
    return [row.id for row in rows if row.catalog_id not in hidden]


def readable(user):
    rights = P.access(user)
    if rights.admin:
        return ALL
    scopes = {f"kbcat:{c}" for c in rights.readable}
    if rights.readable:
        restricted = db.session.scalars(select(Article.id).where(
            Article.restricted.is_(True), Article.status == "published",
            P.readable_article_filter(user)))
        scopes.update(f"kbart:{a}" for a in restricted)
    return scopes


def url(article_id: int) -> str:
    return url_for("knowledge.article_view", article_id=article_id)


def _article(article):
    return [(KIND, article.id)]


def _part(part):
    return [(KIND, part.article_id)]


def _catalog(catalog):
    """A rename, move or archive changes the path and visibility of every article
    below; read in the flushing session's own connection (this runs in after_flush)."""
    session = object_session(catalog) or db.session
    connection = session.connection()
    parents = dict(connection.execute(select(Catalog.id, Catalog.parent_id)).all())
    children: dict = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    below, stack = set(), [catalog.id]
    while stack:
        current = stack.pop()
        if current in below:
            continue
        below.add(current)
        stack.extend(children.get(current, ()))
    ids = connection.execute(select(Article.id).where(Article.catalog_id.in_(sorted(below))))
    return [(KIND, row.id) for row in ids]


register(Searchable(
    kind=KIND, label=_l("Knowledge article"), load=load, all_ids=all_ids, readable=readable,
    url=url, order=10,
    watch={Article: _article, ArticleKeyword: _part, ArticleAttachment: _part,
           Catalog: _catalog}))
