"""The catalog tree: create, rename, move, archive and restore catalogs, and set who
may query and edit them."""
from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.models import NAME_MAX, Catalog, CatalogGrant
from sicrm.knowledge.services.grants import GrantSpec, clean_grants

DESCRIPTION_MAX = 2000
#: "/" separates the levels of a catalog path ("技术方案/网络安全")
PATH_SEPARATOR = "/"


def _clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError(_l("Please give the catalog a name."), "name")
    if len(name) > NAME_MAX:
        raise ServiceError(_l("The name is longer than %(max)d characters.", max=NAME_MAX),
                           "name")
    if PATH_SEPARATOR in name:
        raise ServiceError(_l("A catalog name cannot contain “/”."), "name")
    return name


def _clean_description(description: str | None) -> str | None:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ServiceError(_l("The description is longer than %(max)d characters.",
                              max=DESCRIPTION_MAX), "description")
    return description or None


def _ensure_unique(name: str, parent_id: int | None, exclude: int | None = None) -> None:
    query = select(Catalog.id).where(func.lower(Catalog.name) == name.lower())
    query = query.where(Catalog.parent_id.is_(None) if parent_id is None
                        else Catalog.parent_id == parent_id)
    if exclude is not None:
        query = query.where(Catalog.id != exclude)
    if db.session.scalar(query.limit(1)) is not None:
        raise ServiceError(_l("A catalog named “%(name)s” already exists here.", name=name),
                           "name")


def _ensure_may_add_under(actor, parent: Catalog | None) -> None:
    if parent is None:
        if not P.can_create_root(actor):
            raise ServiceError(_l("Only knowledge base administrators add top-level "
                                  "catalogs."), "parent_id")
    elif not P.can_manage_catalog(actor, parent):
        raise ServiceError(_l("You may not add catalogs under “%(name)s”.",
                              name=parent.name), "parent_id")


def _ensure_manager(actor, catalog: Catalog) -> None:
    if not P.can_manage_catalog(actor, catalog):
        raise ServiceError(_l("You may not change the catalog “%(name)s”.",
                              name=catalog.name))


def _check_owner(owner: User | None) -> None:
    if owner is not None and not owner.active:
        raise ServiceError(_l("This user does not exist or is inactive."), "owner_id")


def create_catalog(actor, *, name: str | None, parent: Catalog | None = None,
                   description: str | None = None, owner: User | None = None,
                   inherit: bool = True, grants: Sequence[GrantSpec] = ()) -> Catalog:
    """A new catalog under `parent` (None: top level), owned by `owner` or the actor."""
    _ensure_may_add_under(actor, parent)
    name = _clean_name(name)
    _ensure_unique(name, parent.id if parent else None)
    _check_owner(owner)
    position = (db.session.scalar(select(func.max(Catalog.position)).where(
        Catalog.parent_id.is_(None) if parent is None
        else Catalog.parent_id == parent.id)) or 0) + 1
    catalog = Catalog(parent_id=parent.id if parent else None, name=name,
                      description=_clean_description(description), position=position,
                      owner_id=(owner or actor).id if (owner or actor) else None,
                      inherit=inherit)
    catalog.grants = [CatalogGrant(**spec.columns()) for spec in clean_grants(grants)]
    db.session.add(catalog)
    db.session.flush()
    P.forget()
    return catalog


def update_catalog(actor, catalog: Catalog, *, name: str | None,
                   description: str | None = None, owner: User | None = None) -> Catalog:
    """Rename, describe, hand over to another owner."""
    _ensure_manager(actor, catalog)
    name = _clean_name(name)
    _ensure_unique(name, catalog.parent_id, exclude=catalog.id)
    _check_owner(owner)
    catalog.name = name
    catalog.description = _clean_description(description)
    if owner is not None:
        catalog.owner_id = owner.id
    db.session.flush()
    P.forget()
    return catalog


def move_catalog(actor, catalog: Catalog, parent: Catalog | None) -> Catalog:
    """Put the catalog (with everything below it) under `parent` (None: top level).
    Refused into its own subtree; the mover must manage both ends."""
    _ensure_manager(actor, catalog)
    tree = P.load_tree()
    if parent is not None and parent.id in tree.subtree(catalog.id):
        raise ServiceError(_l("A catalog cannot be moved into itself or one of its "
                              "sub-catalogs."), "parent_id")
    new_parent_id = parent.id if parent is not None else None
    if new_parent_id == catalog.parent_id:
        raise ServiceError(_l("The catalog is already there."), "parent_id")
    _ensure_may_add_under(actor, parent)
    _ensure_unique(catalog.name, new_parent_id, exclude=catalog.id)
    catalog.parent_id = new_parent_id
    catalog.position = (db.session.scalar(select(func.max(Catalog.position)).where(
        Catalog.parent_id.is_(None) if parent is None
        else Catalog.parent_id == parent.id)) or 0) + 1
    db.session.flush()
    P.forget()
    return catalog


def set_archived(actor, catalog: Catalog, archived: bool) -> Catalog:
    """Archive (hidden from readers and search, with everything below it) or restore."""
    _ensure_manager(actor, catalog)
    if catalog.archived == archived:
        raise ServiceError(_l("The catalog is already archived.") if archived
                           else _l("The catalog is not archived."))
    catalog.archived = archived
    db.session.flush()
    P.forget()
    return catalog


def set_permissions(actor, catalog: Catalog, *, inherit: bool,
                    grants: Sequence[GrantSpec]) -> Catalog:
    """Replace the catalog's grants and its inherit flag."""
    _ensure_manager(actor, catalog)
    specs = clean_grants(grants)
    wanted = {spec.key(): spec for spec in specs}
    current = {(grant.key(), grant.level) for grant in catalog.grants}
    if catalog.inherit == inherit and current == {(k, s.level) for k, s in wanted.items()}:
        raise ServiceError(_l("Nothing was changed."))
    catalog.inherit = inherit
    for grant in list(catalog.grants):
        spec = wanted.get(grant.key())
        if spec is None:
            catalog.grants.remove(grant)
        else:
            grant.level = spec.level
            del wanted[grant.key()]
    for spec in wanted.values():
        catalog.grants.append(CatalogGrant(**spec.columns()))
    db.session.flush()
    P.forget()
    return catalog


def find_by_path(path: str) -> Catalog | None:
    """The catalog at "A/B/C" (names compared case-insensitively), or None."""
    parent_id = None
    catalog = None
    for name in [part.strip() for part in path.split(PATH_SEPARATOR) if part.strip()]:
        query = select(Catalog).where(func.lower(Catalog.name) == name.lower())
        query = query.where(Catalog.parent_id.is_(None) if parent_id is None
                            else Catalog.parent_id == parent_id)
        catalog = db.session.scalar(query.limit(1))
        if catalog is None:
            return None
        parent_id = catalog.id
    return catalog


def ensure_path(actor, path: str) -> Catalog:
    """The catalog at "A/B/C", creating the missing levels (each as the actor may)."""
    parent = None
    names = [part.strip() for part in (path or "").split(PATH_SEPARATOR) if part.strip()]
    if not names:
        raise ServiceError(_l("Please give the catalog a name."), "catalog")
    for name in names:
        query = select(Catalog).where(func.lower(Catalog.name) == " ".join(name.split()).lower())
        query = query.where(Catalog.parent_id.is_(None) if parent is None
                            else Catalog.parent_id == parent.id)
        catalog = db.session.scalar(query.limit(1))
        parent = catalog or create_catalog(actor, name=name, parent=parent)
    return parent
