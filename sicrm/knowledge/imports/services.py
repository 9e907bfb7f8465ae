"""Bulk import: every file of a source (a folder or a zip) becomes one published
article in the target catalog, its sub-folders sub-catalogs, and the run keeps a
report line per file.

Each file is its own unit of work: its article, attachment, keywords and report line
are written in one savepoint, so a file is imported whole or not at all; `checkpoint`
(the CLI and the upload page pass the session's commit) then makes it durable, so a
run cut short keeps what it finished and a re-run skips it (same SHA-256 in the same
catalog). The service itself never commits."""
from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import PurePath

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.models import utcnow
from sicrm.core.services.files import ALLOWED, clean_filename, looks_like_text
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.imports.models import PATH_MAX, REASON_MAX, ImportItem, ImportRun
from sicrm.knowledge.imports.sources import Entry, Unreadable
from sicrm.knowledge.models import (
    KEYWORD_MAX,
    NAME_MAX,
    TITLE_MAX,
    Article,
    ArticleAttachment,
    Catalog,
    normalise_keyword,
)
from sicrm.knowledge.services.articles import (
    KEYWORDS_MAX,
    create_article,
    ensure_writable,
    split_keywords,
)
from sicrm.knowledge.services.catalogs import create_catalog, find_by_path
from sicrm.projects.documents.extraction import extract_text

log = logging.getLogger(__name__)
#: marks that would format an excerpt: anywhere, and at the start of the line
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_MARKDOWN_BLOCK = re.compile(r"^(\d*)([-+=.)])")

#: the article's body: the first characters of the file's text
EXCERPT_CHARS = 280
#: a file is spooled in memory up to this size, on disk beyond
SPOOL_BYTES = 8 * 1024 * 1024
#: clean_filename keeps this many characters
FILENAME_MAX = 180


def clean_keywords(text_or_names: str | Iterable[str] | None) -> list[str]:
    """The keywords every article of the run gets, checked before anything is written."""
    if isinstance(text_or_names, str) or text_or_names is None:
        names = split_keywords(text_or_names)
    else:
        names = [name for raw in text_or_names for name in split_keywords(raw)]
    names = list(dict.fromkeys(name for name in names if normalise_keyword(name)))
    if len(names) > KEYWORDS_MAX:
        raise ServiceError(_l("At most %(max)d keywords per article.", max=KEYWORDS_MAX),
                           "keywords")
    for name in names:
        key = normalise_keyword(name)
        if len(key) > KEYWORD_MAX:
            raise ServiceError(_l("A keyword is longer than %(max)d characters: %(name)s",
                                  max=KEYWORD_MAX, name=key[:KEYWORD_MAX] + "…"), "keywords")
    return names


def clean_industry(industry: str | None) -> str | None:
    industry = (industry or "").strip() or None
    if industry is not None and industry not in INDUSTRIES:
        raise ServiceError(_l("Please choose an industry from the list."), "industry")
    return industry


def catalog_path(catalog: Catalog) -> str:
    return P.load_tree().path(catalog.id).replace(" / ", "/")


def excerpt(text: str | None) -> str:
    """A short first line for the article's body: the text's start, spaces collapsed,
    Markdown's marks escaped so that it shows as it is written."""
    text = " ".join((text or "").split())
    if len(text) > EXCERPT_CHARS:
        text = text[:EXCERPT_CHARS].rstrip() + "…"
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_BLOCK.sub(r"\1\\\2", text, count=1)


def title_of(name: str) -> str:
    """The file name without its extension, as the article's title."""
    title = "".join(c for c in PurePath(name).stem if c.isprintable())
    return (" ".join(title.split()) or name)[:TITLE_MAX]


def file_name(name: str) -> str:
    """The attachment's name: cut to fit while keeping its extension, then cleaned."""
    path = PurePath(name)
    if len(name) > FILENAME_MAX and len(path.suffix) < 16:
        name = path.stem[:FILENAME_MAX - len(path.suffix)] + path.suffix
    return clean_filename(name)


def upload_limit() -> int:
    """The app's limit for one file, in bytes (store_file's)."""
    return current_app.config.get("SICRM_MAX_UPLOAD_MB", 50) * 1024 * 1024


def precheck(filename: str, head: bytes, size: int) -> str | None:
    """Why storing the file would be refused (the checks of store_file, without
    storing anything), or None."""
    extension = PurePath(file_name(filename)).suffix.lower()
    if extension not in ALLOWED:
        return str(_l("Files of this type are not accepted. Allowed: %(types)s",
                      types=", ".join(sorted(ALLOWED))))
    if not size:
        return str(_l("The file is empty."))
    limit = upload_limit()
    if size > limit:
        return str(_l("The file is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
    magic = ALLOWED[extension]
    if not (looks_like_text(head) if magic is None else head.startswith(magic)):
        return str(_l("The file's content does not match its type."))
    return None


def new_run(actor, catalog: Catalog, *, source_label: str, channel: str,
            keywords: list[str], industry: str | None, status: str = "running") -> ImportRun:
    """A run's row, not yet in the session (checked keywords and industry)."""
    now = utcnow()
    return ImportRun(
        user_id=getattr(actor, "id", None), catalog_id=catalog.id,
        catalog_path=catalog_path(catalog)[:PATH_MAX], channel=channel,
        source=source_label[:500], keywords=keywords, industry=industry,
        status=status, started_dt=now, heartbeat_dt=now, imported=0, no_text=0,
        skipped=0, failed=0, catalogs=0)


class Importer:
    """One run over a source into `catalog`. With `dry_run`, nothing is written: the
    run and its items stay outside the session and only say what would happen."""

    def __init__(self, actor, catalog: Catalog, *, source_label: str, channel: str,
                 keywords=(), industry: str | None = None, dry_run: bool = False,
                 checkpoint: Callable[[], None] | None = None, created: Iterable[str] = (),
                 run: ImportRun | None = None):
        ensure_writable(actor, catalog)
        self.actor, self.catalog, self.dry_run = actor, catalog, dry_run
        self.keywords = clean_keywords(keywords)
        self.industry = clean_industry(industry)
        self.checkpoint = checkpoint or (lambda: None)
        #: a queued run (background.py) is carried on, else a new one is written
        self.run = run or new_run(actor, catalog, source_label=source_label,
                                  channel=channel, keywords=self.keywords,
                                  industry=self.industry)
        self.run.status, self.run.heartbeat_dt = "running", utcnow()
        self.items: list[ImportItem] = []
        #: folder path → its catalog (None: cannot be had; "new": created by a dry run)
        self.folders: dict[tuple[str, ...], Catalog | str | None] = {(): catalog}
        self.folder_problems: dict[tuple[str, ...], str] = {}
        #: (catalog key, sha256) seen in this run
        self.seen: set[tuple] = set()
        if not dry_run:
            db.session.add(self.run)
            db.session.flush()
            for path in created:  # the target's own levels, created by the caller
                made = find_by_path(path)
                self._record(path, "catalog", "created", catalog_id=made and made.id)
            self.checkpoint()

    # -- report lines ----------------------------------------------------------------

    def _record(self, path: str, outcome: str, reason: str | None = None,
                detail: str | None = None, article_id: int | None = None,
                catalog_id: int | None = None) -> ImportItem:
        item = ImportItem(path=path[:PATH_MAX], outcome=outcome, reason=reason,
                          detail=(detail or None) and str(detail)[:REASON_MAX],
                          article_id=article_id, catalog_id=catalog_id)
        self.items.append(item)
        self.run.count(outcome)
        if not self.dry_run:
            item.run_id = self.run.id
            db.session.add(item)
            db.session.flush()
        return item

    # -- catalogs --------------------------------------------------------------------

    def _child(self, parent: Catalog, name: str) -> Catalog | None:
        return db.session.scalar(select(Catalog).where(
            Catalog.parent_id == parent.id,
            func.lower(Catalog.name) == name.lower()).limit(1))

    def _folder(self, folders: tuple[str, ...]) -> Catalog | str | None:
        """The catalog for a folder path, created level by level when missing."""
        if folders in self.folders:
            return self.folders[folders]
        parent = self._folder(folders[:-1])
        name = " ".join(folders[-1].split())[:NAME_MAX].strip() or "_"
        found: Catalog | str | None = None
        path = "/".join(folders)
        if parent is None:
            found = None
            self.folder_problems[folders] = self.folder_problems.get(folders[:-1], "")
        elif parent == "new":
            found = "new"
            self._record(path, "catalog", "would_create")
        elif (existing := self._child(parent, name)) is not None:
            found = existing
        elif self.dry_run:
            if P.can_manage_catalog(self.actor, parent):
                found = "new"
                self._record(path, "catalog", "would_create")
            else:
                self.folder_problems[folders] = str(_l(
                    "You may not add catalogs under “%(name)s”.", name=parent.name))
        else:
            try:
                with db.session.begin_nested():
                    found = create_catalog(self.actor, name=name, parent=parent)
                    self._record(path, "catalog", "created", catalog_id=found.id)
                self.checkpoint()
            except ServiceError as error:
                found = None
                self.folder_problems[folders] = str(error.message)
        self.folders[folders] = found
        return found

    # -- files -----------------------------------------------------------------------

    def _duplicate(self, catalog: Catalog | str, sha256: str) -> int | None:
        if catalog == "new":
            return None
        return db.session.scalar(
            select(Article.id).join(ArticleAttachment, ArticleAttachment.article_id == Article.id)
            .where(Article.catalog_id == catalog.id, ArticleAttachment.sha256 == sha256)
            .order_by(Article.id).limit(1))

    def import_entry(self, entry: Entry) -> ImportItem:
        """Import one file; whatever happens, one report line says what."""
        if entry.problem:
            return self._record(entry.path, "failed", entry.problem)
        catalog = self._folder(entry.folders)
        if catalog is None:
            return self._record(entry.path, "failed", "catalog",
                                self.folder_problems.get(entry.folders))
        if entry.size is not None and entry.size > upload_limit():  # not even read
            return self._record(entry.path, "failed", "refused",
                                precheck(entry.name, b"", entry.size))
        try:
            spool, sha256, size, head = self._spool(entry)
        except Unreadable as error:
            return self._record(entry.path, "failed", "unreadable", str(error))
        with spool:
            refusal = precheck(entry.name, head, size)
            if refusal:
                return self._record(entry.path, "failed", "refused", refusal)
            key = (("new", entry.folders) if catalog == "new" else catalog.id, sha256)
            if key in self.seen:
                return self._record(entry.path, "skipped", "duplicate_in_run")
            self.seen.add(key)
            existing = self._duplicate(catalog, sha256)
            if existing is not None:
                return self._record(entry.path, "skipped", "duplicate", article_id=existing)
            extracted = extract_text(spool, PurePath(entry.name).suffix.lower())
            spool.seek(0)
            outcome = "imported" if extracted.status == "ok" else "no_text"
            reason = None if outcome == "imported" else extracted.status
            if self.dry_run:
                return self._record(entry.path, outcome, reason, extracted.error)
            return self._create(entry, catalog, spool, extracted, outcome, reason)

    def _create(self, entry, catalog, spool, extracted, outcome, reason) -> ImportItem:
        try:
            with db.session.begin_nested():
                article = create_article(
                    self.actor, catalog=catalog, title=title_of(entry.name),
                    body=excerpt(extracted.text), keywords=self.keywords,
                    industry=self.industry, status="published",
                    attachments=[(file_name(entry.name), spool, extracted)],
                    note=str(_l("Imported from %(path)s", path=entry.path))[:500])
                item = self._record(entry.path, outcome, reason, extracted.error,
                                    article_id=article.id)
        except ServiceError as error:
            item = self._record(entry.path, "failed", "refused", str(error.message))
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the run
            log.exception("import of %s failed", entry.path)
            item = self._record(entry.path, "failed", "error", f"{type(error).__name__}")
        return item

    def _spool(self, entry: Entry):
        """The file copied once into a temporary spool, with its digest and size."""
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        digest, size = hashlib.sha256(), 0
        try:
            with entry.open() as stream:
                for chunk in iter(lambda: stream.read(1 << 16), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    spool.write(chunk)
        except Unreadable:
            spool.close()
            raise
        except Exception as error:  # noqa: BLE001 - damaged member, I/O error
            spool.close()
            raise Unreadable(f"{type(error).__name__}: {error}") from error
        spool.seek(0)
        head = spool.read(2048)
        spool.seek(0)
        return spool, digest.hexdigest(), size, head

    def _save_counts(self) -> None:
        if not self.dry_run:
            self.run.heartbeat_dt = utcnow()  # alive: the scheduler leaves it running
            db.session.flush()
            self.checkpoint()

    # -- the run ---------------------------------------------------------------------

    def run_all(self, entries: Iterable[Entry]) -> ImportRun:
        entries = list(entries)
        self.run.total = len(entries)
        for entry in entries:
            self.import_entry(entry)
            self._save_counts()
        self.run.status = "done"
        self.run.source_key = None  # the zip is no longer needed (the sweep removes it)
        self.run.finished_dt = utcnow()
        if not self.dry_run:
            db.session.flush()
            self.checkpoint()
        return self.run


def run_import(actor, source, catalog: Catalog, *, channel: str, keywords=(),
               industry: str | None = None, dry_run: bool = False,
               checkpoint: Callable[[], None] | None = None,
               created: Iterable[str] = ()) -> tuple[ImportRun, list]:
    """Import every file of `source` (sources.FolderSource or ZipSource) into
    `catalog`; the run and its report lines. Refused before anything is written
    when the actor may not write into the catalog or the keywords/industry are bad.
    `created`: paths of catalogs the caller made for the target, for the report."""
    importer = Importer(actor, catalog, source_label=source.label, channel=channel,
                        keywords=keywords, industry=industry, dry_run=dry_run,
                        checkpoint=checkpoint, created=created)
    run = importer.run_all(source.entries())
    return run, importer.items
