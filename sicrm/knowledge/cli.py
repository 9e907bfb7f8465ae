"""`sicrm kb …`: knowledge-base commands. `sicrm kb import PATH --catalog "A/B"` brings a
folder (or a zip) of documents in, one article per file, committed file by file."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app, url_for
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy import select

from sicrm.core.base_url import base_url
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.models import User
from sicrm.core.roles import ADMIN
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.imports import services, sources
from sicrm.knowledge.imports.choices import OUTCOME_LABELS, REASON_LABELS
from sicrm.knowledge.search import engine
from sicrm.knowledge.services import catalogs as CS


@click.group()
def kb() -> None:
    """Knowledge base: bulk import."""


def _actor(username: str | None) -> User:
    if username:
        user = db.session.scalar(select(User).where(User.username == username.lower()))
        if user is None or not user.active:
            raise click.ClickException(f"No active user named {username!r}.")
        return user
    admins = [u for u in db.session.scalars(select(User).where(User.active.is_(True))
                                            .order_by(User.id)) if u.has_role(ADMIN)]
    if not admins:
        raise click.ClickException("No active administrator: name a user with --as.")
    return admins[0]


def _missing_levels(path: str) -> list[str]:
    """The prefixes of `path` that no catalog has yet ("A", "A/B" …)."""
    names = [part.strip() for part in path.split(CS.PATH_SEPARATOR) if part.strip()]
    prefixes = [CS.PATH_SEPARATOR.join(names[:n]) for n in range(1, len(names) + 1)]
    return [prefix for prefix in prefixes if CS.find_by_path(prefix) is None]


def _line(item, base: str) -> str:
    parts = [f"{OUTCOME_LABELS[item.outcome]}:", item.path]
    if item.reason:
        parts.append(f"({REASON_LABELS.get(item.reason, item.reason)}"
                     + (f": {item.detail}" if item.detail else "") + ")")
    elif item.detail:
        parts.append(f"({item.detail})")
    if item.article_id:
        parts.append(base + url_for("knowledge.article_view", article_id=item.article_id))
    return "  ".join(parts)


def _report(run, items, dry_run: bool) -> None:
    base = base_url()
    with current_app.test_request_context(base_url=base):
        for item in items:
            click.echo(_line(item, base))
        if run.id is not None:
            click.echo("Report: " + base + url_for("imports.import_view", run_id=run.id))
    click.echo(("Dry run, nothing written: " if dry_run else "")
               + f"{run.imported} imported, {run.no_text} imported without text, "
               f"{run.skipped} skipped, {run.failed} failed, {run.catalogs} catalogs "
               + ("to create." if dry_run else "created."))


@kb.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--catalog", "catalog_path", required=True,
              help='Target catalog by names from the root, e.g. "技术方案/网络安全".')
@click.option("--keywords", default="", help="Keywords for every article, comma-separated.")
@click.option("--industry", type=click.Choice(sorted(INDUSTRIES)), default=None,
              help="Industry of every article.")
@click.option("--as", "username", default=None,
              help="Import as this user (default: the first administrator).")
@click.option("--dry-run", is_flag=True, help="Say what would happen; write nothing.")
@with_appcontext
def import_command(path, catalog_path, keywords, industry, username, dry_run):
    """Import a folder (or a .zip) of documents: one published article per file, with
    its text; sub-folders become sub-catalogs. Files already in their catalog (same
    content) are skipped, so an interrupted import can simply be run again. Exits
    with 1 when a file failed."""
    actor = _actor(username)
    click.echo(f"Importing as {actor.username} into {catalog_path}"
               + (" (dry run)" if dry_run else ""))
    with force_locale(actor.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        try:
            with sources.open_path(path) as source:
                missing = _missing_levels(catalog_path)
                catalog = CS.ensure_path(actor, catalog_path)
                for prefix in missing:
                    click.echo(f"{'Would create' if dry_run else 'Created'} catalog {prefix}")
                if not dry_run:
                    db.session.commit()
                    P.forget()
                run, items = services.run_import(
                    actor, source, catalog, channel="cli", keywords=keywords,
                    industry=industry, dry_run=dry_run,
                    checkpoint=None if dry_run else db.session.commit,
                    created=[] if dry_run else missing)
                _report(run, items, dry_run)
        except ServiceError as error:
            db.session.rollback()
            raise click.ClickException(str(error.message)) from None
        finally:
            if dry_run:
                db.session.rollback()
    if not dry_run and run.imported + run.no_text:
        _index_now()
    if run.failed:
        sys.exit(1)


def _index_now() -> None:
    """Make the new articles searchable now rather than at the indexer's next turn
    (as a web request does after its commit, under the same setting)."""
    if not current_app.config.get("SICRM_SEARCH_INLINE"):
        click.echo("The search indexer will index the new articles.")
        return
    try:
        engine.ensure_index()
        done = engine.drain(wait=False)
    except Exception as error:  # noqa: BLE001 - the rows stay queued for the indexer
        db.session.rollback()
        click.echo(f"Indexing now failed ({error}); the search indexer will retry.")
        return
    click.echo(f"{done} changes indexed for search.")
