"""Organisations and their contacts: one registry, entered once, used everywhere."""
from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, literal, or_, select
from sqlalchemy.exc import IntegrityError
from stdnum.cn import uscc

from sicrm.core.audit import set_actor
from sicrm.core.choices import DECISION_ROLES, INDUSTRIES, LEVELS, PROVINCES
from sicrm.core.errors import DuplicateWarning, ServiceError
from sicrm.core.models import Contact, Organization
from sicrm.core.models.organizations import ORG_KINDS
from sicrm.core.phones import PhoneError, check_phone, phone_digits
from sicrm.core.text import pinyin_initials, pinyin_key
from sicrm.extensions import db

ORG_FIELDS = (
    "name", "short_name", "credit_code", "industry", "province", "city", "level",
    "address", "website", "notes", "owner_id",
) + tuple(f"is_{kind}" for kind in ORG_KINDS)

CONTACT_FIELDS = (
    "name", "title", "department", "mobile", "phone", "email", "decision_role",
    "relationship_strength", "notes", "owner_id",
)

# Legal-form and group suffixes that do not tell two organisations apart.
_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "集团", "公司", "股份",
    "coltd", "colimited", "corporation", "limited", "company", "corp", "group", "inc",
    "ltd", "co", "plc", "llc",
)
_REGION_MARKERS = re.compile(r"[(（]\s*(中国|china)\s*[)）]", re.IGNORECASE)
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
#: a name shorter than this is only compared whole, never by containment
_MIN_CONTAINMENT = 4


def name_key(name: str) -> str:
    """`华为技术有限公司`, `华为技术股份有限公司` and `华为技术` share one key."""
    text = unicodedata.normalize("NFKC", name or "").lower()
    text = _REGION_MARKERS.sub("", text)
    text = _NOISE.sub("", text)
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                stripped = True
    return text[:200]


def normalize_credit_code(code: str | None) -> str | None:
    code = unicodedata.normalize("NFKC", code or "").strip().upper().replace(" ", "")
    return code or None


def check_credit_code(code: str | None) -> str | None:
    code = normalize_credit_code(code)
    if code is not None and not uscc.is_valid(code):
        raise ServiceError(
            _l("This is not a valid unified social credit code (18 characters with a check digit)."),
            "credit_code",
        )
    return code


def find_duplicates(
    name: str, credit_code: str | None = None, exclude_id: int | None = None, limit: int = 5
) -> list[Organization]:
    """Organisations likely to be the same: same credit code, same name key, or one
    name key containing the other."""
    key = name_key(name)
    conditions = []
    if key:
        conditions.append(Organization.name_key == key)
        if len(key) >= _MIN_CONTAINMENT:
            conditions.append(Organization.name_key.contains(key, autoescape=True))
            conditions.append(
                (func.length(Organization.name_key) >= _MIN_CONTAINMENT)
                & literal(key).contains(Organization.name_key)
            )
    code = normalize_credit_code(credit_code)
    if code:
        conditions.append(Organization.credit_code == code)
    if not conditions:
        return []
    query = select(Organization).where(or_(*conditions))
    if exclude_id is not None:
        query = query.where(Organization.id != exclude_id)
    return list(db.session.scalars(query.order_by(Organization.name).limit(limit)))


def _validate_org(fields: dict, org: Organization | None) -> dict:
    data = {key: fields[key] for key in ORG_FIELDS if key in fields}
    data["name"] = (data.get("name") or "").strip()
    if not data["name"]:
        raise ServiceError(_l("A name is required."), "name")
    if not name_key(data["name"]):
        raise ServiceError(_l("The name must contain letters, digits or Chinese characters."), "name")
    data["credit_code"] = check_credit_code(data.get("credit_code"))
    for field, allowed in (("industry", INDUSTRIES), ("level", LEVELS), ("province", PROVINCES)):
        if data.get(field) and data[field] not in allowed:
            raise ServiceError(_l("Please choose a value from the list."), field)
    if data["credit_code"]:
        clash = select(Organization.id).where(Organization.credit_code == data["credit_code"])
        if org is not None:
            clash = clash.where(Organization.id != org.id)
        if db.session.scalar(clash):
            raise ServiceError(
                _l("Another organisation already has this unified social credit code."),
                "credit_code",
            )
    return data


def _set_name_keys(org: Organization) -> None:
    org.name_key = name_key(org.name)
    org.name_pinyin = pinyin_key(org.name)
    org.name_initials = pinyin_initials(org.name)


def create_organization(actor, *, confirm_duplicates: bool = False, **fields) -> Organization:
    """Create an organisation. Similar names raise DuplicateWarning unless the user
    confirmed; the same credit code is always refused."""
    set_actor(actor)
    data = _validate_org(fields, None)
    if not confirm_duplicates:
        candidates = find_duplicates(data["name"], data.get("credit_code"))
        if candidates:
            raise DuplicateWarning(
                _l("Similar organisations already exist. Is yours one of them?"), candidates
            )
    data.setdefault("owner_id", actor.id if actor else None)
    org = Organization(**data)
    _set_name_keys(org)
    db.session.add(org)
    db.session.flush()
    return org


def update_organization(actor, org: Organization, **fields) -> Organization:
    set_actor(actor)
    data = _validate_org({**{k: getattr(org, k) for k in ORG_FIELDS}, **fields}, org)
    for key, value in data.items():
        setattr(org, key, value)
    _set_name_keys(org)
    db.session.flush()
    return org


def delete_organization(actor, org: Organization) -> None:
    """Delete an organisation and its contacts; refused while other records (such
    as projects) still refer to it."""
    set_actor(actor)
    try:
        with db.session.begin_nested():
            for contact in list(org.contacts):
                db.session.delete(contact)
            db.session.delete(org)
            db.session.flush()
    except IntegrityError as error:
        raise ServiceError(_l("This organisation is still used by other records, such as "
                              "projects, and cannot be deleted.")) from error


# -- contacts --------------------------------------------------------------------


def _validate_contact(fields: dict) -> dict:
    data = {key: fields[key] for key in CONTACT_FIELDS if key in fields}
    data["name"] = (data.get("name") or "").strip()
    if not data["name"]:
        raise ServiceError(_l("A name is required."), "name")
    for field in ("mobile", "phone"):
        try:
            data[field] = check_phone(data.get(field), mobile=field == "mobile")
        except PhoneError as error:
            raise ServiceError(error.message, field) from error
    if data.get("decision_role") and data["decision_role"] not in DECISION_ROLES:
        raise ServiceError(_l("Please choose a value from the list."), "decision_role")
    strength = data.get("relationship_strength")
    if strength is not None and not 0 <= int(strength) <= 5:
        raise ServiceError(_l("Please choose a value from the list."), "relationship_strength")
    return data


def find_duplicate_contacts(org: Organization, name: str, numbers=(),
                            exclude_id: int | None = None) -> list[Contact]:
    """Contacts of `org` with the same name (ignoring case and spaces) or one of the
    same phone numbers (compared by their digits, whatever the spacing or +86)."""
    key = _NOISE.sub("", unicodedata.normalize("NFKC", name or "").lower())
    wanted = {digits for digits in map(phone_digits, numbers) if digits}
    query = select(Contact).where(Contact.organization_id == org.id)
    if exclude_id is not None:
        query = query.where(Contact.id != exclude_id)
    found = []
    for contact in db.session.scalars(query.order_by(Contact.name, Contact.id)):
        same_name = key and _NOISE.sub("", unicodedata.normalize(
            "NFKC", contact.name).lower()) == key
        theirs = {phone_digits(contact.mobile), phone_digits(contact.phone)} - {None}
        if same_name or wanted & theirs:
            found.append(contact)
    return found


def _check_duplicate_contacts(org, data: dict, exclude_id: int | None) -> None:
    candidates = find_duplicate_contacts(org, data["name"], (data.get("mobile"),
                                                              data.get("phone")), exclude_id)
    if candidates:
        raise DuplicateWarning(
            _l("This organisation already has a contact with this name or phone number. "
               "Is it the same person?"), candidates)


def _set_contact_keys(contact: Contact) -> None:
    contact.name_pinyin = pinyin_key(contact.name)
    contact.name_initials = pinyin_initials(contact.name)


def create_contact(actor, org: Organization, *, confirm_duplicates: bool = False,
                   **fields) -> Contact:
    """Add a contact. The same name or phone number in the organisation raises
    DuplicateWarning unless the user confirmed it is another person."""
    set_actor(actor)
    data = _validate_contact(fields)
    if not confirm_duplicates:
        _check_duplicate_contacts(org, data, None)
    data.setdefault("owner_id", actor.id if actor else None)
    contact = Contact(organization=org, **data)
    _set_contact_keys(contact)
    db.session.add(contact)
    db.session.flush()
    return contact


def update_contact(actor, contact: Contact, *, confirm_duplicates: bool = False,
                   **fields) -> Contact:
    """Change a contact; a change of name or phone that makes it look like another
    contact of the organisation is warned about as on creation."""
    set_actor(actor)
    data = _validate_contact({**{k: getattr(contact, k) for k in CONTACT_FIELDS}, **fields})
    changed = (data["name"] != contact.name or data.get("mobile") != contact.mobile
               or data.get("phone") != contact.phone)
    if changed and not confirm_duplicates:
        _check_duplicate_contacts(contact.organization, data, contact.id)
    for key, value in data.items():
        setattr(contact, key, value)
    _set_contact_keys(contact)
    db.session.flush()
    return contact


def delete_contact(actor, contact: Contact) -> None:
    set_actor(actor)
    db.session.delete(contact)
    db.session.flush()
