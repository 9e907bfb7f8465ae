"""Factories for knowledge-base tests: catalogs and articles made through the services."""
from __future__ import annotations

import io

from sicrm.extensions import db
from sicrm.knowledge.services import articles as AS
from sicrm.knowledge.services import catalogs as CS
from sicrm.knowledge.services.grants import GrantSpec


def make_catalog(actor, name, parent=None, grants=(), inherit=True, owner=None):
    return CS.create_catalog(actor, name=name, parent=parent, grants=list(grants),
                             inherit=inherit, owner=owner)


def make_article(actor, catalog, title="华为防火墙配置指南", body="# 配置\n\n步骤一", **kw):
    return AS.create_article(actor, catalog=catalog, title=title, body=body, **kw)


def txt(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def everyone(level="read"):
    return GrantSpec("everyone", level=level)


def role(name, level="read"):
    return GrantSpec("role", role=name, level=level)


def dept(department, level="read"):
    return GrantSpec("department", department_id=department.id, level=level)


def user(person, level="read"):
    return GrantSpec("user", user_id=person.id, level=level)


def commit():
    db.session.commit()
