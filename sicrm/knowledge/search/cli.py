"""`sicrm search QUERY --as USER [--json]` (the web page's search, for scripts and
checks) and `sicrm reindex` (rebuild the index from the database)."""
from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from markupsafe import Markup
from sqlalchemy import select

from sicrm.core.base_url import base_url
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.knowledge.search import engine


def _plain(markup) -> str:
    return Markup(markup).striptags() if markup else ""


@click.command("search")
@click.argument("query")
@click.option("--as", "username", required=True, help="Search with this user's permissions.")
@click.option("--kind", multiple=True, help="Only these kinds (article, document, project …).")
@click.option("--page", default=1, show_default=True)
@click.option("--per-page", default=10, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@with_appcontext
def search_command(query, username, kind, page, per_page, sort, as_json):
    """Search as USER sees it (same permissions and ranking as the web page)."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        raise click.ClickException(f"no active user named {username!r}")
    try:
        results = engine.search(user, query, kinds=kind, page=page, per_page=per_page,
                                sort=sort)
    except engine.SearchError as error:
        raise click.ClickException(str(error.message)) from None
    base = base_url()
    with current_app.test_request_context(base_url=base):
        hits = [{"kind": hit.kind, "id": hit.id, "title": _plain(hit.title),
                 "subtitle": hit.subtitle, "snippet": _plain(hit.snippet),
                 "score": round(hit.score, 3),
                 "url": base.rstrip("/") + (engine.hit_url(hit) or "")} for hit in results.hits]
    if as_json:
        json.dump({"query": query, "total": results.total, "page": results.page,
                   "pages": results.pages, "by_kind": results.by_kind,
                   "suggestion": results.suggestion, "hits": hits},
                  sys.stdout, ensure_ascii=False, indent=2)
        click.echo()
        return
    click.echo(f"{results.total} found" + (f" (did you mean: {results.suggestion})"
                                            if results.suggestion else ""))
    for number, hit in enumerate(hits, start=results.first):
        click.echo(f"{number:>3}. [{hit['kind']}] {hit['title']}  {hit['url']}")
        if hit["snippet"]:
            click.echo(f"     {hit['snippet']}")


@click.command("reindex")
@click.option("--clear", is_flag=True, help="Start from an empty index (after an upgrade).")
@click.option("--pending", is_flag=True, help="Only index what is queued.")
@with_appcontext
def reindex_command(clear, pending):
    """Rebuild the search index from the database."""
    if pending:
        click.echo(f"{engine.drain()} queued changes indexed.")
        return
    counts = engine.reindex(clear=clear, echo=lambda kind, count: click.echo(
        f"{kind}: {count} indexed"))
    click.echo(f"{counts['removed']} stale entries removed.")
