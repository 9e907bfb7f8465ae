"""Knowledge articles as search sees them: what is queued with each change (in the
same transaction), what is indexed, and which scopes a user reads."""
import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.models import SearchQueueEntry
from sicrm.core.searchable import ALL, REGISTRY
from sicrm.extensions import db as _db
from sicrm.knowledge.services import articles as AS
from sicrm.knowledge.services import catalogs as CS
from tests.fixtures.factories import make_department, make_user
from tests.knowledge.kb_world import (
    dept,
    everyone,
    make_article,
    make_catalog,
    role,
    txt,
    user,
)

KIND = "article"


@pytest.fixture
def world(db):
    sales = make_department("销售部")
    north = make_department("华北组", parent=sales)
    admin = make_user("kbadmin", roles=[R.ADMIN])
    people = {
        "admin": admin,
        "engineer": make_user("eng", roles=[R.ENGINEER]),
        "seller": make_user("seller", roles=[R.SALES], department=north),
        "outsider": make_user("outsider", roles=[R.FINANCE]),
        "manager": make_user("mgr", roles=[R.DEPT_MANAGER]),
    }
    root = make_catalog(admin, "技术方案", grants=[role(R.ENGINEER)])
    security = make_catalog(admin, "网络安全", parent=root)
    closed = make_catalog(admin, "内部", parent=root, inherit=False,
                          grants=[role(R.DEPT_MANAGER)])
    sales_kb = make_catalog(admin, "投标经验", grants=[dept(sales)])
    _db.session.commit()
    return {**people, "root": root, "security": security, "closed": closed,
            "sales_kb": sales_kb}


def _queued() -> set[int]:
    """Article ids queued in the current (uncommitted) transaction."""
    return set(_db.session.scalars(select(SearchQueueEntry.object_id).where(
        SearchQueueEntry.kind == KIND)))


def _clear_queue():
    _db.session.execute(SearchQueueEntry.__table__.delete())
    _db.session.commit()


def test_changes_are_queued_in_the_same_transaction(whoosh_backend, world):
    admin = world["admin"]
    _clear_queue()
    article = make_article(admin, world["security"], keywords=["防火墙"],
                           attachments=[("a.txt", txt("双机热备"))])
    assert _queued() == {article.id}  # flushed, not committed: the same transaction
    _db.session.rollback()
    assert _queued() == set()  # a rolled-back change queues nothing
    article = make_article(admin, world["security"])
    other = make_article(admin, world["root"], title="别的")
    _db.session.commit()
    _clear_queue()
    AS.update_article(admin, article, title="新标题", body="正文", keywords=["VPN"])
    assert _queued() == {article.id}
    _db.session.commit()
    _clear_queue()
    AS.set_status(admin, article, "archived")
    assert _queued() == {article.id}
    _db.session.commit()
    _clear_queue()
    CS.set_archived(admin, world["root"], True)  # the whole branch changes visibility
    assert _queued() == {article.id, other.id}
    _db.session.commit()
    _clear_queue()
    CS.update_catalog(admin, world["security"], name="安全")  # its path changes
    assert _queued() == {article.id}


def test_load_indexes_only_visible_published_articles(world):
    admin = world["admin"]
    searchable = REGISTRY[KIND]
    published = make_article(admin, world["security"], keywords=["防火墙", "华为"],
                             industry="government",
                             attachments=[("a.txt", txt("双机热备配置"))])
    draft = make_article(admin, world["security"], title="草稿", status="draft")
    restricted = make_article(admin, world["security"], title="受限", restricted=True,
                              grants=[user(world["seller"])])
    docs = {d.id: d for d in searchable.load([published.id, draft.id, restricted.id])}
    assert set(docs) == {published.id, restricted.id}
    doc = docs[published.id]
    assert doc.scope == f"kbcat:{world['security'].id}"
    assert docs[restricted.id].scope == f"kbart:{restricted.id}"
    assert doc.catalogs == [world["root"].id, world["security"].id]
    assert doc.subtitle == "技术方案 / 网络安全"
    assert sorted(doc.keywords) == ["华为", "防火墙"] and doc.extra == "双机热备配置"
    assert (doc.industry, doc.author_id, doc.kind) == ("government", admin.id, KIND)
    assert set(searchable.all_ids()) == {published.id, restricted.id}
    CS.set_archived(admin, world["root"], True)
    assert searchable.load([published.id]) == [] and list(searchable.all_ids()) == []


def test_readable_scopes(world):
    admin = world["admin"]
    readable = REGISTRY[KIND].readable
    root, security, closed = world["root"], world["security"], world["closed"]
    restricted = make_article(admin, security, title="受限", restricted=True,
                              grants=[user(world["engineer"])])
    make_article(admin, security, title="受限2", restricted=True, grants=[role(R.FINANCE)])
    assert readable(admin) == ALL
    # catalog reader: the catalog and its inheriting child, not the override
    assert readable(world["engineer"]) == {f"kbcat:{root.id}", f"kbcat:{security.id}",
                                           f"kbart:{restricted.id}"}
    # outside the catalog: nothing, even with a grant on a restricted article in it
    assert readable(world["outsider"]) == set()
    # the override is read by its own grantees only
    assert readable(world["manager"]) == {f"kbcat:{closed.id}"}
    # a department grant reaches a sub-department's member
    assert readable(world["seller"]) == {f"kbcat:{world['sales_kb'].id}"}
    CS.set_permissions(admin, root, inherit=True, grants=[role(R.ENGINEER), everyone()])
    assert f"kbcat:{security.id}" in readable(world["outsider"])
    assert f"kbcat:{closed.id}" not in readable(world["outsider"])
