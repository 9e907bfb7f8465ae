"""Organisations as search finds them: every signed-in user may read them (as the
organisation list), found by name, short name, pinyin, initials, notes and the names
of their contacts."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sicrm.core import permissions as P
from sicrm.core.models import Contact, Organization
from sicrm.core.searchable import ALL, PUBLIC, Searchable, SearchDoc, register
from sicrm.extensions import db


def _readable(user):
    return ALL if P.has_permission(user, "org.view") else set()


def _load(ids) -> list[SearchDoc]:
    orgs = db.session.scalars(
        select(Organization).where(Organization.id.in_(ids))
        .options(selectinload(Organization.contacts))).all()
    docs = []
    for org in orgs:
        body = "\n".join(part for part in (
            org.short_name, org.city, org.address, org.notes) if part)
        contacts = " ".join(f"{c.name} {c.title or ''}".strip() for c in org.contacts)
        docs.append(SearchDoc(
            kind="organization", id=org.id, title=org.name, scope=PUBLIC, body=body,
            extra=f"{org.name_pinyin} {_initial_prefixes(org.name_initials)} {contacts}",
            subtitle=org.short_name or "", industry=org.industry, author_id=org.owner_id,
            date=org.created_dt))
    return docs


def _initial_prefixes(initials: str) -> str:
    """zgydtxjtgd… → zg zgy zgyd …: what people type for 中国移动 (zgyd) or 华为 (hw)."""
    initials = (initials or "").lower()
    return " ".join(initials[:size] for size in range(2, len(initials) + 1))


def _url(id: int) -> str:
    return url_for("orgs.org_view", org_id=id)


register(Searchable(
    kind="organization", label=_l("Organisation"), load=_load,
    all_ids=lambda: db.session.scalars(select(Organization.id)).all(),
    readable=_readable, url=_url,
    watch={Organization: lambda org: [("organization", org.id)],
           Contact: lambda contact: [("organization", contact.organization_id)]},
    order=40))
