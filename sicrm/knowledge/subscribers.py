"""What the knowledge base does when other packages announce changes: a new version
of a project document tells the owners of articles promoted from an older version
(those who may still see the project; the others see the mark on the article only)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sicrm.core import notifications
from sicrm.extensions import db
from sicrm.knowledge.models import Article
from sicrm.projects.documents import permissions as DP
from sicrm.projects.documents.models import DocumentVersion
from sicrm.projects.signals import document_version_added

notifications.register_kind(
    "kb_origin_updated",
    _l("“%(document)s” has a newer version (%(version)s); your knowledge article "
       "“%(article)s” was made from an older one."),
    _l("Newer version of a promoted document"))


@document_version_added.connect
def _origin_updated(version: DocumentVersion, actor=None, **_kwargs) -> None:
    document = version.document
    older = select(DocumentVersion.id).where(DocumentVersion.document_id == document.id,
                                             DocumentVersion.number < version.number)
    articles = db.session.scalars(
        select(Article).where(Article.origin_document_id == document.id,
                              Article.origin_version_id.in_(older),
                              Article.status != "archived")
        .options(selectinload(Article.owner)).order_by(Article.id)).all()
    for article in articles:
        owner = article.owner
        if owner is None or owner.id == getattr(actor, "id", None) \
                or not DP.can_view(owner, document.project):
            continue
        notifications.notify([owner], "kb_origin_updated", url=_article_url(article.id),
                             document=document.title, version=version.label,
                             article=article.title)


def _article_url(article_id: int) -> str:
    """The article page's path, without a request (notifications are also sent from
    the CLI and the scheduler); the blueprint's URL rule is /knowledge/articles/<id>."""
    return f"/knowledge/articles/{article_id}"
