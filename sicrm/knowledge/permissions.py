"""Who may read (查询) and write knowledge.

- `kb.manage` (administrators) manage the whole tree: every catalog, article and
  keyword, archived ones included.
- A catalog's owner manages it and everything below it (sub-catalogs, their
  permissions, their articles), whatever the grants say.
- Grants name a role, a department (its sub-departments included), a user, or
  everyone, at level `read` (query) or `edit` (write articles). A catalog's grants
  apply to it and to the catalogs below, down to a catalog with `inherit=False`,
  where only that catalog's own grants apply (an override, e.g. a managers-only
  branch inside a company-wide tree).
- An editor of a catalog may also read it. An archived catalog (or one below an
  archived catalog) is read by its editors only.
- A published article is read by whoever reads its catalog; a draft or archived one
  by its owner and the catalog's editors. A restricted article is read by those who
  read its catalog and match one of its own grants, plus its owner and the catalog's
  editors.

The catalog tree is small (a few hundred catalogs): it is read with its grants in two
queries and the answer for a user computed in Python, once per request."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import g, has_request_context
from sqlalchemy import and_, exists, false, or_, select, true

from sicrm.core import permissions as CP
from sicrm.core import roles as R
from sicrm.extensions import db
from sicrm.knowledge.models import Article, ArticleGrant, Catalog, CatalogGrant

CP.define("kb.manage", {R.ADMIN})

#: `readable_catalog_ids` answer for kb administrators: every catalog
ALL = "*"


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    owner_id: int | None
    archived: bool
    inherit: bool
    name: str
    position: int


@dataclass
class Tree:
    """The whole catalog tree with its grants, as plain values."""

    nodes: dict[int, Node]
    children: dict[int | None, list[int]]
    grants: dict[int, list[tuple[str, str | None, int | None, int | None, str]]]

    def ancestors(self, catalog_id: int) -> list[int]:
        """The catalog and those above it, root first."""
        chain: list[int] = []
        while catalog_id is not None and catalog_id in self.nodes and catalog_id not in chain:
            chain.append(catalog_id)
            catalog_id = self.nodes[catalog_id].parent_id
        return chain[::-1]

    def subtree(self, catalog_id: int) -> list[int]:
        """The catalog and every catalog below it."""
        found, stack = [], [catalog_id]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.append(current)
            stack.extend(self.children.get(current, ()))
        return found

    def path(self, catalog_id: int) -> str:
        return " / ".join(self.nodes[c].name for c in self.ancestors(catalog_id))


@dataclass
class Access:
    """What one user may do with catalogs: ids they read and ids they edit."""

    readable: set[int] = field(default_factory=set)
    editable: set[int] = field(default_factory=set)
    #: catalogs whose owner is the user, or below one (rename, move, permissions)
    owned: set[int] = field(default_factory=set)
    admin: bool = False


def load_tree() -> Tree:
    cache = g.get("_kb_tree") if has_request_context() else None
    if cache is not None:
        return cache
    nodes, children = {}, defaultdict(list)
    rows = db.session.execute(select(
        Catalog.id, Catalog.parent_id, Catalog.owner_id, Catalog.archived, Catalog.inherit,
        Catalog.name, Catalog.position).order_by(Catalog.position, Catalog.name, Catalog.id))
    for row in rows:
        nodes[row.id] = Node(*row)
        children[row.parent_id].append(row.id)
    grants = defaultdict(list)
    for row in db.session.execute(select(
            CatalogGrant.catalog_id, CatalogGrant.kind, CatalogGrant.role,
            CatalogGrant.department_id, CatalogGrant.user_id, CatalogGrant.level)):
        grants[row.catalog_id].append(tuple(row)[1:])
    tree = Tree(nodes, dict(children), dict(grants))
    if has_request_context():
        g._kb_tree = tree
    return tree


def forget() -> None:
    """Drop what this request cached (a service changed the tree or its grants)."""
    if has_request_context():
        g.pop("_kb_tree", None)
        g.pop("_kb_access", None)


def is_kb_admin(user) -> bool:
    return CP.has_permission(user, "kb.manage")


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and getattr(user, "active", False))


def matches(user, kind: str, role: str | None, department_id: int | None,
            user_id: int | None) -> bool:
    """Does a grant of this shape name `user`?"""
    if kind == "everyone":
        return True
    if kind == "role":
        return role in user.roles
    if kind == "user":
        return user_id == user.id
    if kind == "department":
        return department_id in CP.department_ancestors(user.department_id)
    return False


def access(user) -> Access:
    """The user's catalog rights, computed once per request."""
    if not _active(user):
        return Access()
    cache = g.setdefault("_kb_access", {}) if has_request_context() else {}
    if user.id not in cache:
        cache[user.id] = _compute(user, load_tree())
    return cache[user.id]


def _compute(user, tree: Tree) -> Access:
    if is_kb_admin(user):
        ids = set(tree.nodes)
        return Access(readable=ids, editable=set(ids), owned=set(ids), admin=True)
    result = Access()

    def walk(catalog_id, read_above, edit_above, owned_above, archived_above):
        node = tree.nodes[catalog_id]
        mine = [grant for grant in tree.grants.get(catalog_id, ())
                if matches(user, *grant[:4])]
        own_read = bool(mine)
        own_edit = any(grant[4] == "edit" for grant in mine)
        read = own_read or (node.inherit and read_above)
        edit = own_edit or (node.inherit and edit_above)
        owned = owned_above or node.owner_id == user.id
        archived = archived_above or node.archived
        if owned:
            result.owned.add(catalog_id)
        if edit or owned:
            result.editable.add(catalog_id)
            result.readable.add(catalog_id)
        elif read and not archived:
            result.readable.add(catalog_id)
        for child in tree.children.get(catalog_id, ()):
            walk(child, read, edit, owned, archived)

    for root in tree.children.get(None, ()):
        walk(root, False, False, False, False)
    return result


# -- catalogs ---------------------------------------------------------------------------


def readable_catalog_ids(user) -> set[int] | str:
    """ALL for kb administrators, else the ids of the catalogs the user may read."""
    rights = access(user)
    return ALL if rights.admin else rights.readable


def can_read_catalog(user, catalog) -> bool:
    return catalog.id in access(user).readable


def can_edit_catalog(user, catalog) -> bool:
    """Write articles in this catalog (its owner, owners above, edit grantees)."""
    return catalog.id in access(user).editable


def can_manage_catalog(user, catalog) -> bool:
    """Rename, move, archive the catalog, edit its permissions, add sub-catalogs."""
    return catalog.id in access(user).owned


def can_create_root(user) -> bool:
    return is_kb_admin(user)


def can_merge_keywords(user) -> bool:
    """Keyword merges touch the whole base: kb administrators and editors of a catalog."""
    return bool(access(user).editable)


# -- articles ---------------------------------------------------------------------------


def _article_grant_matches(user):
    """SQL: an ArticleGrant row naming `user` (outer-correlated to Article)."""
    departments = CP.department_ancestors(user.department_id)
    return exists().where(
        ArticleGrant.article_id == Article.id,
        or_(ArticleGrant.kind == "everyone",
            and_(ArticleGrant.kind == "role", ArticleGrant.role.in_(sorted(user.roles))),
            and_(ArticleGrant.kind == "user", ArticleGrant.user_id == user.id),
            and_(ArticleGrant.kind == "department",
                 ArticleGrant.department_id.in_(departments))))


def readable_article_filter(user):
    """SQL condition on Article: the articles `user` may read."""
    rights = access(user)
    if rights.admin:
        return true()
    if not rights.readable:
        return false()
    editing = Article.catalog_id.in_(sorted(rights.editable)) if rights.editable else false()
    own = Article.owner_id == user.id
    return and_(
        Article.catalog_id.in_(sorted(rights.readable)),
        or_(Article.status == "published", own, editing),
        or_(Article.restricted.is_(False), own, editing, _article_grant_matches(user)))


def can_read(user, article) -> bool:
    rights = access(user)
    if rights.admin:
        return True
    if article.catalog_id not in rights.readable:
        return False
    special = article.owner_id == user.id or article.catalog_id in rights.editable
    if article.status != "published" and not special:
        return False
    if article.restricted and not special:
        return any(matches(user, grant.kind, grant.role, grant.department_id, grant.user_id)
                   for grant in article.grants)
    return True


def can_edit(user, article) -> bool:
    return article.catalog_id in access(user).editable


def can_edit_permissions(user, article) -> bool:
    """Narrow an article's permissions: its catalog's editors."""
    return can_edit(user, article)
