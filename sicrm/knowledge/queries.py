"""Read helpers: statements filtered by the user's permissions, in SQL."""
from __future__ import annotations

from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.orm import aliased, selectinload

from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.models import Article, ArticleKeyword, Keyword
from sicrm.projects.documents.models import DocumentVersion

#: a newer version of the origin document counts unless it was rejected
STALE_IGNORED = ("rejected",)


def newer_origin_version():
    """SQL: the number of the origin document's latest version when it is newer than
    the version the article was made from, else NULL."""
    origin = aliased(DocumentVersion)
    later = aliased(DocumentVersion)
    return (select(func.max(later.number))
            .join(origin, origin.id == Article.origin_version_id)
            .where(later.document_id == Article.origin_document_id,
                   later.number > origin.number, later.status.notin_(STALE_IGNORED))
            .correlate(Article).scalar_subquery())


def article_with_origin(article_id: int):
    """(article, newer origin version number or None)."""
    return db.session.execute(select(Article, newer_origin_version().label("newer"))
                              .where(Article.id == article_id)).first()


def newer_for(article_ids) -> dict[int, int]:
    """article id → newer origin version number, for the outdated articles among them."""
    if not article_ids:
        return {}
    rows = db.session.execute(select(Article.id, newer_origin_version().label("newer"))
                              .where(Article.id.in_(list(article_ids))))
    return {row.id: row.newer for row in rows if row.newer is not None}


def catalog_counts(user) -> dict[int, int]:
    """catalog id → the readable published articles directly in it (one query)."""
    rows = db.session.execute(
        select(Article.catalog_id, func.count(Article.id))
        .where(Article.status == "published", P.readable_article_filter(user))
        .group_by(Article.catalog_id))
    return dict(rows.all())


def articles(user, *, catalog_ids=None, keyword: Keyword | None = None,
             industry: str | None = None, status: str | None = None, owner_id=None):
    """Articles the user may read, newest change first, with what a list shows."""
    query = (select(Article).where(P.readable_article_filter(user))
             .options(selectinload(Article.keyword_links), selectinload(Article.owner),
                      selectinload(Article.catalog))
             .order_by(Article.updated_dt.desc(), Article.id.desc()))
    if catalog_ids is not None:
        query = query.where(Article.catalog_id.in_(sorted(catalog_ids)))
    if keyword is not None:
        query = query.where(exists().where(ArticleKeyword.article_id == Article.id,
                                           ArticleKeyword.keyword_id == keyword.id))
    if industry:
        query = query.where(Article.industry == industry)
    if status:
        query = query.where(Article.status == status)
    if owner_id is not None:
        query = query.where(Article.owner_id == owner_id)
    return query


def readable_keywords(user):
    """Canonical keywords on at least one article the user reads."""
    used = (select(ArticleKeyword.keyword_id).join(Article, Article.id == ArticleKeyword.article_id)
            .where(P.readable_article_filter(user)))
    return select(Keyword).where(Keyword.id.in_(used))


def keyword_suggestions(user, prefix: str, limit: int = 10) -> list[str]:
    """Names of readable keywords containing `prefix` (case-insensitive), or reached
    through an alias that does; shortest and most used first."""
    prefix = prefix.strip().lower()
    if not prefix:
        return []
    pattern = "%" + prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    alias = aliased(Keyword)
    via_alias = exists().where(alias.merged_into_id == Keyword.id,
                               func.lower(alias.name).like(pattern, escape="\\"))
    uses = (select(ArticleKeyword.keyword_id, func.count().label("uses"))
            .join(Article, Article.id == ArticleKeyword.article_id)
            .where(P.readable_article_filter(user))
            .group_by(ArticleKeyword.keyword_id).subquery())
    rows = db.session.execute(
        select(Keyword.name).join(uses, uses.c.keyword_id == Keyword.id)
        .where(Keyword.merged_into_id.is_(None),
               func.lower(Keyword.name).like(pattern, escape="\\") | via_alias)
        .order_by(func.length(Keyword.name), uses.c.uses.desc(), Keyword.name).limit(limit))
    return [row.name for row in rows]


def visible_keyword(user, name: str) -> Keyword | None:
    """The keyword called `name` (or its canonical keyword when `name` is an alias),
    when it is on an article the user reads, or for kb administrators."""
    keyword = db.session.scalar(select(Keyword).where(
        func.lower(Keyword.name) == name.lower()).order_by(Keyword.id).limit(1))
    if keyword is None:
        return None
    while keyword.merged_into is not None:
        keyword = keyword.merged_into
    if P.is_kb_admin(user):
        return keyword
    readable = db.session.scalar(select(literal(1)).where(exists().where(
        and_(ArticleKeyword.keyword_id == keyword.id, ArticleKeyword.article_id == Article.id,
             P.readable_article_filter(user)))))
    return keyword if readable else None
