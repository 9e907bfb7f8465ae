"""Keyword merge: a synonym is merged into the keyword kept; its articles move over and
its row stays as an alias, so typing the synonym later finds the kept keyword."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from sicrm.core.errors import ServiceError
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge import queries
from sicrm.knowledge.models import Article, ArticleKeyword, Keyword, normalise_keyword
from sicrm.knowledge.services.articles import canonical


def find_visible(actor, name: str | None) -> Keyword:
    """The keyword named `name` if the actor may see it (it is on an article they read,
    or they are a kb administrator); "not found" otherwise, whether or not it exists."""
    key = normalise_keyword(name)
    keyword = queries.visible_keyword(actor, key) if key else None
    if keyword is None:
        raise ServiceError(_l("No keyword “%(name)s” was found.", name=key or "—"))
    return keyword


def merge_keywords(actor, source: Keyword, target: Keyword) -> Keyword:
    """Move every article of `source` to `target`; `source` becomes its alias."""
    if not P.can_merge_keywords(actor):
        raise ServiceError(_l("You may not merge keywords."))
    source, target = canonical(source), canonical(target)
    if source.id == target.id:
        raise ServiceError(_l("A keyword cannot be merged into itself."), "target")
    moved: set[int] = set()
    having_target = set(db.session.scalars(select(ArticleKeyword.article_id).where(
        ArticleKeyword.keyword_id == target.id)))
    for link in db.session.scalars(select(ArticleKeyword).where(
            ArticleKeyword.keyword_id == source.id)).all():
        article_id = link.article_id
        moved.add(article_id)
        db.session.delete(link)
        if article_id not in having_target:
            db.session.add(ArticleKeyword(article_id=article_id, keyword_id=target.id))
    db.session.flush()
    db.session.execute(update(Keyword).where(Keyword.merged_into_id == source.id)
                       .values(merged_into_id=target.id)
                       .execution_options(synchronize_session="fetch"))
    source.merged_into_id = target.id
    source.merged_into = target
    db.session.flush()
    for obj in list(db.session.identity_map.values()):  # loaded articles see the move
        if isinstance(obj, Article) and obj.id in moved:
            db.session.expire(obj, ["keyword_links"])
    return target


def merge_by_name(actor, source_name: str | None, target_name: str | None) -> Keyword:
    """The merge form: both keywords named as the actor sees them."""
    if not P.can_merge_keywords(actor):
        raise ServiceError(_l("You may not merge keywords."))
    return merge_keywords(actor, find_visible(actor, source_name),
                          find_visible(actor, target_name))
