"""Audit entries as people read them: the kind of record, field labels, choice labels,
names for ids, dates and times in the reader's language and local time zone
(SICRM_TIMEZONE), amounts as money.

Core describes its own records; a package higher up describes its records from its
`register` (core imports none of them):

    register_entity(BudgetLine, _l("Budget line"), fields={"planned": _l("Planned")},
                    choices={"category": CATEGORY_LABELS})
    register_reference("instalments", lambda ids: {id: name, ...})   # one query

Which field refers to what (a user, a department, an organisation, a project …) and
which one is a date, a time or an amount is read from the model's columns, so a
package only names its labels. `describe(entries)` loads the names of every record
the entries refer to with one query per kind of record, whatever their number."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _pl
from sqlalchemy import JSON, Date, DateTime, Numeric, select

from sicrm.core.choices import (
    DECISION_ROLES,
    INDUSTRIES,
    LEVELS,
    ORG_KIND_LABELS,
    PROVINCES,
    RELATIONSHIP_STRENGTHS,
)
from sicrm.core.i18n import money
from sicrm.core.models import (
    AuditLog,
    CalendarDay,
    CalendarYear,
    Contact,
    Department,
    Organization,
    StoredFile,
    User,
)
from sicrm.extensions import db

#: labels for fields many records share; an entity's own labels come first
FIELD_LABELS = {
    "name": _l("Name"),
    "short_name": _l("Short name"),
    "credit_code": _l("Unified social credit code"),
    "industry": _l("Industry"),
    "province": _l("Province / region"),
    "city": _l("City"),
    "level": _l("Level"),
    "address": _l("Address"),
    "website": _l("Website"),
    "notes": _l("Notes"),
    "note": _l("Note"),
    "owner_id": _l("Owner"),
    "created_dt": _l("Created"),
    "created_by_id": _l("Created by"),
    "title": _l("Title"),
    "department": _l("Department"),
    "mobile": _l("Mobile"),
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "decision_role": _l("Decision role"),
    "relationship_strength": _l("Relationship"),
    "organization_id": _l("Organisation"),
    "username": _l("Username"),
    "full_name": _l("Full name"),
    "department_id": _l("Department"),
    "active": _l("Active"),
    "locale": _l("Language"),
    "must_change_password": _l("Must change password"),
    "parent_id": _l("Parent department"),
    "head_id": _l("Head"),
    "project_id": _l("Project"),
    "amount": _l("Amount"),
    "status": _l("Status"),
    "description": _l("Description"),
    **{f"is_{kind}": label for kind, label in ORG_KIND_LABELS.items()},
}

CHOICES = {
    "industry": INDUSTRIES,
    "province": PROVINCES,
    "level": LEVELS,
    "decision_role": DECISION_ROLES,
    "relationship_strength": RELATIONSHIP_STRENGTHS,
    "locale": {"zh_CN": "简体中文", "en": "English"},
}
#: fields never shown (bookkeeping, or the record's parent, shown by the page itself)
HIDDEN = {"created_dt", "updated_dt"}

#: what a value looks like: a foreign key names the table it refers to
_DATE, _DATETIME, _MONEY, _JSON = "date", "datetime", "money", "json"


@dataclass
class Entity:
    label: object
    fields: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    hidden: frozenset = frozenset()
    #: field → "date" | "datetime" | "money" | "json" | "ref:<table>"
    kinds: dict = field(default_factory=dict)
    #: the stored object label (written when it changed) as shown, e.g. a code's label
    object_label: Callable[[str], str] | None = None


_ENTITIES: dict[str, Entity] = {}
_REFERENCES: dict[str, Callable[[set[int]], dict[int, str]]] = {}


def _column_kinds(model) -> dict[str, str]:
    kinds = {}
    for attr in db.inspect(model).column_attrs:
        column = attr.columns[0]
        keys = [fk.target_fullname.split(".")[0] for fk in column.foreign_keys]
        if keys:
            kinds[attr.key] = f"ref:{keys[0]}"
        elif isinstance(column.type, DateTime):
            kinds[attr.key] = _DATETIME
        elif isinstance(column.type, Date):
            kinds[attr.key] = _DATE
        elif isinstance(column.type, Numeric) and (column.type.precision or 0) >= 12:
            kinds[attr.key] = _MONEY
        elif isinstance(column.type, JSON):
            kinds[attr.key] = _JSON
    return kinds


def register_entity(model, label, *, fields: dict | None = None, choices: dict | None = None,
                    hidden: Iterable[str] = (), kinds: dict | None = None,
                    object_label: Callable[[str], str] | None = None) -> None:
    """Describe the audited `model`: its label (“Budget line”), its fields' labels
    and its codes' labels. References, dates, times and amounts come from its
    columns (`kinds` overrides them). `object_label(stored)` turns the label stored
    with each entry into what readers see (a category code into its label)."""
    _ENTITIES[model.__name__] = Entity(label, dict(fields or {}), dict(choices or {}),
                                       frozenset(hidden), {**_column_kinds(model),
                                                           **(kinds or {})}, object_label)


def register_reference(table: str, names: Callable[[set[int]], dict[int, str]]) -> None:
    """`names(ids)` returns {id: what to show} for rows of `table`, in one query."""
    _REFERENCES[table] = names


def entity_label(object_type: str):
    entity = _ENTITIES.get(object_type)
    return entity.label if entity is not None else object_type


def object_labels(entries: list[AuditLog]) -> dict[int, str]:
    """Entry id → the record's label as readers see it."""
    labels = {}
    for entry in entries:
        convert = _entity(entry.object_type).object_label
        labels[entry.id] = convert(entry.object_label) if convert else entry.object_label
    return labels


def entity_labels() -> dict:
    """Record type → label, for the audit log's filter (sorted by label)."""
    return dict(sorted(((key, entity.label) for key, entity in _ENTITIES.items()),
                       key=lambda item: str(item[1])))


@dataclass
class Change:
    label: object
    before: object
    after: object


CONCEALED = _l("(hidden)")


def _entity(object_type: str) -> Entity:
    return _ENTITIES.get(object_type) or Entity(object_type)


def _load_names(entries: list[AuditLog]) -> dict[str, dict[int, str]]:
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        kinds = _entity(entry.object_type).kinds
        for key, values in (entry.changes or {}).items():
            kind = kinds.get(key, "")
            if kind.startswith("ref:"):
                wanted.setdefault(kind[4:], set()).update(
                    v for v in values if isinstance(v, int) and not isinstance(v, bool))
    return {table: _REFERENCES[table](ids) for table, ids in wanted.items()
            if ids and table in _REFERENCES}


def _as_datetime(value):
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # stored in UTC; Babel shows it in SICRM_TIMEZONE
            value = value.replace(tzinfo=dt.UTC)
        return format_datetime(value, "short")
    return value


def _as_date(value):
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return format_date(value, "medium") if isinstance(value, dt.date) else value


def _as_money(value):
    try:
        return money(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return value


def _as_json(value):
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, (list, dict)):
        return _l("(%(num)s items)", num=len(value))
    return value


def describe(entries: list[AuditLog], conceal: Callable[[AuditLog], Iterable[str]]
             | None = None) -> dict[int, list[Change]]:
    """Readable changes per entry id. Names for ids come from one query per kind of
    record referred to. `conceal(entry)` names fields whose values the reader may
    not see (they show as “(hidden)”)."""
    names = _load_names(entries)

    def show(entity: Entity, key, value):
        if value is None:
            return None
        if isinstance(value, bool):
            return _l("Yes") if value else _l("No")
        choices = entity.choices.get(key) or CHOICES.get(key)
        if choices is not None and not isinstance(value, (list, dict)):
            return choices.get(value, value)
        kind = entity.kinds.get(key, "")
        if kind.startswith("ref:"):
            return names.get(kind[4:], {}).get(value, f"#{value}")
        if kind == _DATETIME:
            return _as_datetime(value)
        if kind == _DATE:
            return _as_date(value)
        if kind == _MONEY:
            return _as_money(value)
        if kind == _JSON:
            return _as_json(value)
        return value

    described = {}
    for entry in entries:
        entity = _entity(entry.object_type)
        hidden = set(conceal(entry)) if conceal is not None else set()
        changes = []
        for key, (before, after) in (entry.changes or {}).items():
            if key in HIDDEN or key in entity.hidden:
                continue
            label = entity.fields.get(key) or FIELD_LABELS.get(key, key)
            if key in hidden:
                changes.append(Change(label, CONCEALED if before is not None else None,
                                      CONCEALED if after is not None else None))
            else:
                changes.append(Change(label, show(entity, key, before),
                                      show(entity, key, after)))
        described[entry.id] = changes
    return described


# -- core's own records -------------------------------------------------------------


def names_loader(column_id, column_name):
    """A reference loader: {id: name} of the rows whose `column_id` is asked for."""
    def load(ids: set[int]) -> dict[int, str]:
        return dict(db.session.execute(select(column_id, column_name)
                                       .where(column_id.in_(ids))).all())
    return load


_names = names_loader


register_reference("users", _names(User.id, User.full_name))
register_reference("departments", _names(Department.id, Department.name))
register_reference("organizations", _names(Organization.id, Organization.name))
register_reference("contacts", _names(Contact.id, Contact.name))
register_reference("stored_files", _names(StoredFile.id, StoredFile.filename))

register_entity(Organization, _l("Organisation"),
                fields={"level": _pl("customer", "Level")})
register_entity(Contact, _l("Contact"), hidden={"organization_id"},
                fields={"title": _pl("contact", "Title")})
register_entity(User, _pl("audit record", "User"))
register_entity(Department, _l("Department"))
register_entity(CalendarYear, _l("Official calendar year"),
                fields={"year": _l("Year"), "source": _l("Entered from")},
                choices={"source": {"form": _l("the form"), "csv": _l("a CSV file"),
                                    "ics": _l("an iCalendar file"), "cli": _l("the command line")}})
register_entity(CalendarDay, _l("Calendar day"), fields={"day": _l("Date"), "kind": _l("Kind")},
                choices={"kind": {"off": _l("Company day off"),
                                         "work": _l("Company working day")}})
