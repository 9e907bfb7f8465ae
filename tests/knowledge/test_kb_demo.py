"""The demo knowledge base loads once, with its managers-only catalog closed to others."""
from sqlalchemy import select

from sicrm.core.demo import load_demo
from sicrm.core.models import User
from sicrm.extensions import db as _db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.demo import ARTICLES, CATALOGS, load_demo_knowledge
from sicrm.knowledge.services.catalogs import find_by_path


def test_demo_knowledge_is_idempotent_and_respects_permissions(db):
    assert load_demo_knowledge() == 0  # no demo company yet
    load_demo()
    assert load_demo_knowledge() == len(CATALOGS) + len(ARTICLES)
    assert load_demo_knowledge() == 0
    users = {u.username: u for u in _db.session.scalars(select(User))}
    closed = find_by_path("投标经验/报价与竞争（管理层）")
    assert closed.id in P.readable_catalog_ids(users["sales_mgr"])
    assert closed.id not in P.readable_catalog_ids(users["sales"])
    assert find_by_path("技术方案/网络安全").id in P.readable_catalog_ids(users["engineer"])
