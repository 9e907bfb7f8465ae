"""Promotion (升级): a project document version becomes a knowledge article that
shares its stored file and text and remembers where it came from."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask_babel import lazy_gettext as _l

from sicrm.core.errors import ServiceError
from sicrm.knowledge.models import Article, Catalog
from sicrm.knowledge.services.articles import create_article
from sicrm.knowledge.services.grants import GrantSpec
from sicrm.projects.documents import permissions as DP
from sicrm.projects.documents.models import DocumentVersion


def promote_version(actor, version: DocumentVersion, *, catalog: Catalog | None,
                    title: str | None, keywords: Iterable[str] = (),
                    industry: str | None = None, body: str | None = None,
                    restricted: bool = False, grants: Sequence[GrantSpec] = (),
                    status: str = "published") -> Article:
    """The version, seen by the actor, as a new article in `catalog`."""
    document = version.document
    if catalog is None:
        raise ServiceError(_l("Please choose a catalog."), "catalog_id")
    if not DP.can_view(actor, document.project):
        raise ServiceError(_l("You may not see this document."))
    if version.status in ("rejected", "obsolete"):
        raise ServiceError(_l("A rejected or withdrawn version cannot be added to the "
                              "knowledge base."))
    return create_article(
        actor, catalog=catalog, title=title,
        body=body if body is not None else (document.description or ""),
        keywords=keywords, industry=industry, status=status, origin_version=version,
        restricted=restricted, grants=grants,
        note=str(_l("Added from %(number)s %(version)s", number=document.number,
                    version=version.label)))
