"""Who may import into the knowledge base and read import reports.

Importing needs a catalog the user may write articles in (an editor: owner, owner
above, or an edit grant); sub-folders become sub-catalogs only where the user may
also manage the catalog (its owner or above) — the service says so per file. A
report is read by the user who ran it and by knowledge base administrators."""
from __future__ import annotations

from sqlalchemy import exists, select, true

from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.imports.models import ImportRun


def can_import(user) -> bool:
    return bool(P.access(user).editable)


def can_import_into(user, catalog) -> bool:
    return P.can_edit_catalog(user, catalog)


def can_view_run(user, run: ImportRun) -> bool:
    if not P._active(user):
        return False
    return run.user_id == user.id or P.is_kb_admin(user)


def runs_filter(user):
    """SQL condition on ImportRun: the runs the user may read."""
    return true() if P.is_kb_admin(user) else ImportRun.user_id == user.id


def can_list_runs(user) -> bool:
    """The list of imports: importers, and whoever has run one (their reports stay
    theirs after they lose the right to import)."""
    if not P._active(user):
        return False
    return can_import(user) or P.is_kb_admin(user) or bool(db.session.scalar(
        select(exists().where(ImportRun.user_id == user.id))))
