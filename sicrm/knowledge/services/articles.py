"""Articles: create and edit (each save a numbered, immutable version), attachments,
status, narrower permissions, keywords.

Services take the acting user, check what they may do (so the CLI and the bulk
import go through the same rules as the pages), flush and never commit."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.models import StoredFile, utcnow
from sicrm.core.services.files import store_file
from sicrm.core.storage import get_storage
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.models import (
    ARTICLE_STATUSES,
    KEYWORD_MAX,
    TITLE_MAX,
    Article,
    ArticleAttachment,
    ArticleGrant,
    ArticleKeyword,
    ArticleVersion,
    Catalog,
    Keyword,
    normalise_keyword,
)
from sicrm.knowledge.services.grants import GrantSpec, clean_grants
from sicrm.projects.documents.extraction import Extracted, extract_text
from sicrm.projects.documents.models import DocumentVersion

BODY_MAX = 200_000
NOTE_MAX = 500
KEYWORDS_MAX = 30
#: keyword separators people type: commas (half and full width), 、, semicolons, lines
_SEPARATORS = re.compile(r"[,，、;；\n\r]+")


# -- keywords ---------------------------------------------------------------------------


def split_keywords(text: str | None) -> list[str]:
    """"ERP, 实施方案；合同评审" → ["ERP", "实施方案", "合同评审"]."""
    return [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]


def canonical(keyword: Keyword) -> Keyword:
    """The keyword a merged alias points at (itself when it is not an alias)."""
    seen = set()
    while keyword.merged_into is not None and keyword.id not in seen:
        seen.add(keyword.id)
        keyword = keyword.merged_into
    return keyword


def resolve_keyword(name: str) -> Keyword:
    """The canonical keyword for `name`, created when new (aliases resolve to the
    keyword they were merged into)."""
    key = normalise_keyword(name)
    if len(key) > KEYWORD_MAX:
        raise ServiceError(_l("A keyword is longer than %(max)d characters: %(name)s",
                              max=KEYWORD_MAX, name=key[:KEYWORD_MAX] + "…"), "keywords")
    for _attempt in range(3):
        keyword = db.session.scalar(select(Keyword).where(
            func.lower(Keyword.name) == key.lower()).order_by(Keyword.id).limit(1))
        if keyword is not None:
            return canonical(keyword)
        keyword = Keyword(name=key)
        try:
            with db.session.begin_nested():
                db.session.add(keyword)
                db.session.flush()
        except IntegrityError:  # someone else added it at the same moment
            continue
        return keyword
    raise ServiceError(_l("Too many changes at the same moment; please try again."))


def resolve_keywords(names: Iterable[str]) -> list[Keyword]:
    names = [name for raw in names for name in split_keywords(raw)]
    if len(names) > KEYWORDS_MAX:
        raise ServiceError(_l("At most %(max)d keywords per article.", max=KEYWORDS_MAX),
                           "keywords")
    found: dict[int, Keyword] = {}
    for name in names:
        if normalise_keyword(name):
            keyword = resolve_keyword(name)
            found.setdefault(keyword.id, keyword)
    return list(found.values())


def _set_keywords(article: Article, keywords: Sequence[Keyword]) -> bool:
    """Link exactly `keywords`; True when that changed anything."""
    wanted = {k.id for k in keywords}
    current = {link.keyword_id for link in article.keyword_links}
    if wanted == current:
        return False
    for link in list(article.keyword_links):
        if link.keyword_id not in wanted:
            article.keyword_links.remove(link)
    for keyword in keywords:
        if keyword.id not in current:
            article.keyword_links.append(ArticleKeyword(keyword=keyword))
    return True


# -- checks -----------------------------------------------------------------------------


def _clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError(_l("Please give the article a title."), "title")
    if len(title) > TITLE_MAX:
        raise ServiceError(_l("The title is longer than %(max)d characters.", max=TITLE_MAX),
                           "title")
    return title


def _clean_body(body: str | None) -> str:
    body = (body or "").replace("\r\n", "\n").replace("\x00", "")
    if len(body) > BODY_MAX:
        raise ServiceError(_l("The text is longer than %(max)d characters.", max=BODY_MAX),
                           "body")
    return body


def _clean_industry(industry: str | None) -> str | None:
    industry = (industry or "").strip() or None
    if industry is not None and industry not in INDUSTRIES:
        raise ServiceError(_l("Please choose an industry from the list."), "industry")
    return industry


def _clean_status(status: str) -> str:
    if status not in ARTICLE_STATUSES:
        raise ServiceError(_l("Please choose a status from the list."), "status")
    return status


def _clean_note(note: str | None) -> str | None:
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ServiceError(_l("The change note is longer than %(max)d characters.",
                              max=NOTE_MAX), "note")
    return note or None


def ensure_writable(actor, catalog: Catalog) -> None:
    """Articles go into a catalog the actor edits and which is not archived."""
    if not P.can_edit_catalog(actor, catalog):
        raise ServiceError(_l("You may not add or change articles in the catalog "
                              "“%(name)s”.", name=catalog.name), "catalog_id")
    tree = P.load_tree()
    if any(tree.nodes[c].archived for c in tree.ancestors(catalog.id) if c in tree.nodes):
        raise ServiceError(_l("The catalog “%(name)s” is archived; restore it first.",
                              name=catalog.name), "catalog_id")


def _ensure_editable(actor, article: Article) -> None:
    if not P.can_edit(actor, article):
        raise ServiceError(_l("You may not change this article."))


def _snapshot(actor, article: Article, note: str | None) -> ArticleVersion:
    version = ArticleVersion(
        number=article.version, title=article.title, body=article.body,
        keywords=[k.name for k in article.keywords], note=note,
        changed_by_id=getattr(actor, "id", None), changed_dt=article.updated_dt)
    article.versions.append(version)
    return version


def _set_grants(article: Article, restricted: bool, grants: Sequence[GrantSpec]) -> bool:
    specs = clean_grants(grants, article_level=True)
    if restricted and not specs:
        raise ServiceError(_l("A restricted article needs at least one person, role or "
                              "department who may read it."), "grants")
    wanted = {spec.key() for spec in specs} if restricted else set()
    current = {grant.key() for grant in article.grants}
    changed = article.restricted != restricted or wanted != current
    article.restricted = restricted
    for grant in list(article.grants):
        if grant.key() not in wanted:
            article.grants.remove(grant)
    for spec in specs if restricted else ():
        if spec.key() not in current:
            article.grants.append(ArticleGrant(**spec.columns()))
    return changed


# -- creating and editing ---------------------------------------------------------------


def create_article(actor, *, catalog: Catalog, title: str | None, body: str | None = "",
                   keywords: Iterable[str] = (), industry: str | None = None,
                   status: str = "published",
                   attachments: Iterable[tuple] = (),
                   origin_version: DocumentVersion | None = None, restricted: bool = False,
                   grants: Sequence[GrantSpec] = (), note: str | None = None) -> Article:
    """A new article with its version 1. `attachments` are (filename, stream) pairs,
    or (filename, stream, Extracted) when the caller has read the text already;
    with `origin_version` (a promotion) the version's stored file is attached (shared,
    not copied) with its extracted text, and the article keeps its origin."""
    ensure_writable(actor, catalog)
    now = utcnow()
    article = Article(
        catalog_id=catalog.id, catalog=catalog, title=_clean_title(title),
        body=_clean_body(body), industry=_clean_industry(industry),
        status=_clean_status(status), owner_id=getattr(actor, "id", None), version=1,
        created_dt=now, updated_dt=now)
    if origin_version is not None:
        document = origin_version.document
        article.origin_version_id = origin_version.id
        article.origin_document_id = document.id
        article.origin_project_id = document.project_id
    note = _clean_note(note)
    _set_keywords(article, resolve_keywords(keywords))
    _set_grants(article, restricted, grants)
    db.session.add(article)
    db.session.flush()
    if origin_version is not None:
        _attach(actor, article, origin_version.file, origin_version.text,
                origin_version.extraction_status, origin_version.extraction_error)
    for filename, stream, *extracted in attachments:
        add_attachment(actor, article, stream, filename, *extracted)
    _snapshot(actor, article, note)
    db.session.flush()
    return article


def update_article(actor, article: Article, *, title: str | None, body: str | None,
                   keywords: Iterable[str] = (), industry: str | None = None,
                   catalog: Catalog | None = None, note: str | None = None,
                   expected_version: int | None = None) -> Article:
    """Save changes; a change of title, text or keywords is a new version. With
    `expected_version` (what the editor started from), a save over someone else's
    newer save is refused instead of silently overwriting it."""
    _ensure_editable(actor, article)
    db.session.execute(select(Article.id).where(Article.id == article.id).with_for_update())
    db.session.refresh(article, ["version"])
    if expected_version is not None and expected_version != article.version:
        raise ServiceError(_l("Someone saved this article in the meantime (now version "
                              "%(number)d); please reload and apply your changes again.",
                              number=article.version))
    title, body = _clean_title(title), _clean_body(body)
    industry, note = _clean_industry(industry), _clean_note(note)
    if catalog is not None and catalog.id != article.catalog_id:
        ensure_writable(actor, catalog)
        article.catalog_id, article.catalog = catalog.id, catalog
    article.industry = industry
    changed = _set_keywords(article, resolve_keywords(keywords))
    changed = changed or title != article.title or body != article.body
    article.title, article.body = title, body
    article.updated_dt = utcnow()
    if changed:
        article.version += 1
        _snapshot(actor, article, note)
    db.session.flush()
    return article


def set_status(actor, article: Article, status: str) -> Article:
    _ensure_editable(actor, article)
    status = _clean_status(status)
    if status == article.status:
        raise ServiceError(_l("The article is already in this status."), "status")
    if status != "archived":
        ensure_writable(actor, article.catalog)
    article.status = status
    article.updated_dt = utcnow()
    db.session.flush()
    return article


def set_permissions(actor, article: Article, *, restricted: bool,
                    grants: Sequence[GrantSpec] = ()) -> Article:
    """Narrow (or widen back to the catalog's) who may read the article."""
    _ensure_editable(actor, article)
    if not _set_grants(article, restricted, grants):
        raise ServiceError(_l("Nothing was changed."))
    article.updated_dt = utcnow()
    db.session.flush()
    return article


# -- attachments ------------------------------------------------------------------------


def _attach(actor, article: Article, stored: StoredFile, text: str | None, status: str,
            error: str | None) -> ArticleAttachment:
    if any(a.sha256 == stored.sha256 for a in article.attachments):
        raise ServiceError(_l("This file is already attached to the article."), "file")
    attachment = ArticleAttachment(
        file_id=stored.id, filename=stored.filename, content_type=stored.content_type,
        size=stored.size, sha256=stored.sha256, text=text, extraction_status=status,
        extraction_error=error, uploaded_by_id=getattr(actor, "id", None))
    article.attachments.append(attachment)
    db.session.flush()
    return attachment


def add_attachment(actor, article: Article, stream: BinaryIO, filename: str,
                   extracted: Extracted | None = None) -> ArticleAttachment:
    """Store the file (same checks as project documents) with its text (`extracted`
    when the caller read it already); a file whose text cannot be read is kept and
    flagged (extraction_status)."""
    _ensure_editable(actor, article)
    stored = store_file(actor, stream, filename)
    if extracted is None:
        with get_storage().open(stored.storage_key) as handle:
            extracted = extract_text(handle, PurePath(stored.filename).suffix.lower())
    attachment = _attach(actor, article, stored, extracted.text, extracted.status,
                         extracted.error)
    article.updated_dt = utcnow()
    return attachment


def remove_attachment(actor, attachment: ArticleAttachment) -> None:
    article = attachment.article
    _ensure_editable(actor, article)
    article.attachments.remove(attachment)
    article.updated_dt = utcnow()
    db.session.flush()
