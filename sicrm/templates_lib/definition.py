"""A template version's definition: its shape, its validation and task scheduling.

The shape (every list present, every optional value present as null)::

    {"stages": [{
        "key": "lead", "name": {"zh": "线索", "en": "Lead"}, "duration": 10,
        "tasks": [{"key": "t1", "name": {...}, "owner_role": "sales", "offset": 0,
                   "after": None, "duration": 1}],
        "milestones": [{"key": "m1", "name": {...}, "offset": 5, "owner_role": "pm"}],
        "documents": [{"key": "d1", "name": {...}, "category": "contract",
                       "description": "",
                       "format_file_id": None, "approver_roles": ["dept_manager"]}],
        "gate": None or {"rule": "all", "reviewer_roles": [...], "reviewer_users": [...],
                         "checklist": [{"zh": "...", "en": "..."}]},
    }]}

Durations and offsets are in working days. A task starts `offset` days after the
stage start, or after the end of the task named by `after` (same stage).

For the projects package: `validate_definition(data)` returns a normalised copy or
raises ServiceError; `task_schedule(stage)` gives each task's (start, end) offsets.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.errors import ServiceError
from sicrm.core.models import StoredFile, User
from sicrm.extensions import db
from sicrm.templates_lib.choices import DOCUMENT_CATEGORIES, guess_document_category
from sicrm.templates_lib.roles import GATE_RULES, REVIEWER_ROLES, TEAM_ROLES

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ITEM_KINDS = ("tasks", "milestones", "documents")
MAX_DAYS = 3650
MAX_STAGES = 60
MAX_ITEMS = 200
NAME_LENGTH = 200
TEXT_LENGTH = 5000


def text(names: dict | None, locale: str = "zh") -> str:
    """A {"zh", "en"} name in one language, falling back to Chinese."""
    names = names or {}
    if locale.startswith("en") and names.get("en"):
        return names["en"]
    return names.get("zh") or names.get("en") or ""


class _Where:
    """Where a problem is, for messages: "Stage 3 (方案与演示): task “t2”: …"."""

    def __init__(self, position: int | None = None, stage: dict | None = None):
        self.position = position
        self.stage = stage or {}

    def fail(self, problem, field: str | None = None, what=None, key=None):
        if what is not None:
            problem = _l("%(what)s “%(key)s”: %(problem)s", what=what, key=key, problem=problem)
        if self.position is not None:
            name = text(self.stage.get("name")) or self.stage.get("key") or ""
            problem = _l("Stage %(n)s (%(name)s): %(problem)s", n=self.position, name=name,
                         problem=problem)
        raise ServiceError(problem, field)


WHAT = {"tasks": _l("task"), "milestones": _l("milestone"), "documents": _l("document")}
NUMBER_LABELS = {"duration": _l("The duration"), "offset": _l("The offset")}


def _int(value, where: _Where, field: str, minimum: int, maximum: int = MAX_DAYS,
         what=None, key=None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        else:
            where.fail(_l("%(field)s must be a whole number of working days.",
                          field=NUMBER_LABELS[field]), field, what, key)
    if value < minimum:
        where.fail(_l("%(field)s must be at least %(min)s.", field=NUMBER_LABELS[field],
                      min=minimum), field, what, key)
    if value > maximum:
        where.fail(_l("%(field)s must be at most %(max)s.", field=NUMBER_LABELS[field],
                      max=maximum), field, what, key)
    return value


def _str(value, maximum: int = TEXT_LENGTH) -> str:
    return value.strip()[:maximum] if isinstance(value, str) else ""


def _name(value, where: _Where, what=None, key=None) -> dict:
    if isinstance(value, str):
        value = {"zh": value}
    if not isinstance(value, dict):
        where.fail(_l("A name must be a text, or a Chinese text with an optional English one."),
                   "name_zh", what, key)
    names = {"zh": _str(value.get("zh"), NAME_LENGTH), "en": _str(value.get("en"), NAME_LENGTH)}
    if not names["zh"]:
        where.fail(_l("A Chinese name is required."), "name_zh", what, key)
    return names


def _key(value, where: _Where, seen: set, what=None) -> str:
    key = value.strip() if isinstance(value, str) else ""
    if not KEY_PATTERN.match(key):
        where.fail(_l("the key “%(key)s” must be 1–64 lower-case letters, digits, “-” or “_”, "
                      "starting with a letter or digit.", key=key), "key", what, key)
    if key in seen:
        where.fail(_l("the key “%(key)s” is used twice.", key=key), "key", what, key)
    seen.add(key)
    return key


def _roles(value, allowed: dict, where: _Where, field: str, what=None, key=None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        where.fail(_l("Roles must be a list."), field, what, key)
    unknown = [role for role in value if role not in allowed]
    if unknown:
        where.fail(_l("unknown role “%(role)s”.", role=unknown[0]), field, what, key)
    return [role for role in allowed if role in value]  # fixed order, no duplicates


def _list(value, where: _Where, field: str, label) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        where.fail(_l("%(what)s must be a list.", what=label), field)
    if len(value) > MAX_ITEMS:
        where.fail(_l("At most %(n)s entries are allowed.", n=MAX_ITEMS), field)
    for entry in value:
        if not isinstance(entry, dict):
            where.fail(_l("%(what)s must be a list of objects.", what=label), field)
    return value


def _task(raw: dict, where: _Where, seen: set) -> dict:
    what = WHAT["tasks"]
    key = _key(raw.get("key"), where, seen, what)
    owner = raw.get("owner_role")
    if owner not in TEAM_ROLES:
        where.fail(_l("unknown role “%(role)s”.", role=owner), "owner_role", what, key)
    after = raw.get("after") or None
    if after is not None and not isinstance(after, str):
        where.fail(_l("“after” must name another task."), "after", what, key)
    return {
        "key": key, "name": _name(raw.get("name"), where, what, key), "owner_role": owner,
        "offset": _int(raw.get("offset", 0), where, "offset", 0, what=what, key=key),
        "after": after,
        "duration": _int(raw.get("duration"), where, "duration", 1, what=what, key=key),
    }


def _milestone(raw: dict, where: _Where, seen: set, stage_duration: int) -> dict:
    what = WHAT["milestones"]
    key = _key(raw.get("key"), where, seen, what)
    owner = raw.get("owner_role") or None
    if owner is not None and owner not in TEAM_ROLES:
        where.fail(_l("unknown role “%(role)s”.", role=owner), "owner_role", what, key)
    offset = _int(raw.get("offset", 0), where, "offset", 0, stage_duration, what, key)
    return {"key": key, "name": _name(raw.get("name"), where, what, key), "offset": offset,
            "owner_role": owner}


def _document(raw: dict, where: _Where, seen: set, files: set) -> dict:
    what = WHAT["documents"]
    key = _key(raw.get("key"), where, seen, what)
    file_id = raw.get("format_file_id")
    if file_id is not None:
        if isinstance(file_id, bool) or not isinstance(file_id, int):
            where.fail(_l("the format file is not valid."), "format_file", what, key)
        files.add(file_id)
    name = _name(raw.get("name"), where, what, key)
    category = raw.get("category") or guess_document_category(key, name.get("zh", ""))
    if category not in DOCUMENT_CATEGORIES:
        where.fail(_l("unknown document category “%(category)s”.", category=category),
                   "category", what, key)
    return {
        "key": key, "name": name, "category": category,
        "description": _str(raw.get("description")), "format_file_id": file_id,
        "approver_roles": _roles(raw.get("approver_roles"), REVIEWER_ROLES, where,
                                 "approver_roles", what, key),
    }


def _gate(raw, where: _Where, usernames: set) -> dict | None:
    if raw is None or raw is False:
        return None
    if not isinstance(raw, dict):
        where.fail(_l("The gate is not valid."), "gate_rule")
    rule = raw.get("rule") or "all"
    if rule not in GATE_RULES:
        where.fail(_l("Unknown gate rule “%(rule)s”.", rule=rule), "gate_rule")
    roles = _roles(raw.get("reviewer_roles"), REVIEWER_ROLES, where, "reviewer_roles")
    users = raw.get("reviewer_users") or []
    if not isinstance(users, list) or not all(isinstance(u, str) for u in users):
        where.fail(_l("Reviewers must be a list of user names."), "reviewer_users")
    users = list(dict.fromkeys(u.strip() for u in users if u.strip()))
    usernames.update(users)
    if not roles and not users:
        where.fail(_l("The gate needs at least one reviewer (a role or a user)."),
                   "reviewer_roles")
    raw_list = raw.get("checklist") or []
    if not isinstance(raw_list, list) or len(raw_list) > MAX_ITEMS:
        where.fail(_l("The checklist must be a list of lines."), "checklist")
    checklist = []
    for entry in raw_list:
        entry = {"zh": entry} if isinstance(entry, str) else entry
        if not isinstance(entry, dict):
            where.fail(_l("The checklist must be a list of lines."), "checklist")
        names = {"zh": _str(entry.get("zh"), NAME_LENGTH), "en": _str(entry.get("en"), NAME_LENGTH)}
        if not names["zh"] and not names["en"]:
            continue
        if not names["zh"]:
            where.fail(_l("Every checklist line needs a Chinese text."), "checklist")
        checklist.append(names)
    return {"rule": rule, "reviewer_roles": roles, "reviewer_users": users,
            "checklist": checklist}


def _check_after(tasks: list[dict], where: _Where) -> None:
    by_key = {task["key"]: task for task in tasks}
    for task in tasks:
        if task["after"] is not None and task["after"] not in by_key:
            where.fail(_l("task “%(key)s” comes after “%(after)s”, which is not a task of "
                          "this stage.", key=task["key"], after=task["after"]), "after")
    for task in tasks:
        seen, current = set(), task
        while current["after"] is not None:
            if current["after"] == task["key"]:
                if current is task:
                    where.fail(_l("task “%(key)s” comes after itself.", key=task["key"]),
                               "after")
                where.fail(_l("task “%(key)s” comes after itself through other tasks.",
                              key=task["key"]), "after")
            if current["key"] in seen:
                break  # a cycle not through this task: reported from one of its own
            seen.add(current["key"])
            current = by_key[current["after"]]


def _stage(raw, position: int, seen: set, usernames: set, files: set) -> dict:
    where = _Where(position, raw if isinstance(raw, dict) else None)
    if not isinstance(raw, dict):
        where.fail(_l("A stage must be an object."))
    key = _key(raw.get("key"), where, seen)
    stage = {"key": key, "name": _name(raw.get("name"), where),
             "duration": _int(raw.get("duration"), where, "duration", 1)}
    items: dict[str, set] = {kind: set() for kind in ITEM_KINDS}
    stage["tasks"] = [_task(t, where, items["tasks"])
                      for t in _list(raw.get("tasks"), where, "tasks", _l("Tasks"))]
    _check_after(stage["tasks"], where)
    stage["milestones"] = [
        _milestone(m, where, items["milestones"], stage["duration"])
        for m in _list(raw.get("milestones"), where, "milestones", _l("Milestones"))]
    stage["documents"] = [
        _document(d, where, items["documents"], files)
        for d in _list(raw.get("documents"), where, "documents", _l("Documents"))]
    stage["gate"] = _gate(raw.get("gate"), where, usernames)
    return stage


def _check_references(stages: list[dict], usernames: set, files: set) -> None:
    if usernames:
        active = set(db.session.scalars(select(User.username).where(
            User.username.in_(usernames), User.active.is_(True))))
        for position, stage in enumerate(stages, start=1):
            missing = [u for u in (stage["gate"] or {}).get("reviewer_users", ())
                       if u not in active]
            if missing:
                _Where(position, stage).fail(
                    _l("reviewer “%(user)s” is not an active user.", user=missing[0]),
                    "reviewer_users")
    if files:
        found = set(db.session.scalars(select(StoredFile.id).where(StoredFile.id.in_(files))))
        for position, stage in enumerate(stages, start=1):
            for doc in stage["documents"]:
                if doc["format_file_id"] is not None and doc["format_file_id"] not in found:
                    _Where(position, stage).fail(_l("the format file does not exist."),
                                                 "format_file", WHAT["documents"], doc["key"])


def validate_definition(data, *, draft: bool = False) -> dict:
    """A normalised copy of `data`, or ServiceError saying where the problem is.

    `draft=True` allows a definition without stages (a template being written)."""
    if not isinstance(data, dict):
        raise ServiceError(_l("A template definition must be an object with “stages”."))
    raw_stages = data.get("stages")
    if raw_stages is None:
        raw_stages = []
    if not isinstance(raw_stages, list):
        raise ServiceError(_l("“stages” must be a list."))
    if not raw_stages and not draft:
        raise ServiceError(_l("A template needs at least one stage."), "stages")
    if len(raw_stages) > MAX_STAGES:
        raise ServiceError(_l("A template may have at most %(n)s stages.", n=MAX_STAGES))
    seen: set = set()
    usernames: set = set()
    files: set = set()
    stages = [_stage(raw, position, seen, usernames, files)
              for position, raw in enumerate(raw_stages, start=1)]
    _check_references(stages, usernames, files)
    return {"stages": stages}


def task_schedule(stage: dict) -> dict[str, tuple[int, int]]:
    """Each task's (start, end) in working days from the stage start.

    A task starts `offset` days after the stage start, or `offset` days after the
    end of its `after` task; it ends `duration` days after it starts. The stage
    must be valid (no cycles)."""
    tasks = {task["key"]: task for task in stage.get("tasks", ())}
    schedule: dict[str, tuple[int, int]] = {}

    def resolve(key: str, chain: tuple = ()) -> tuple[int, int]:
        if key in schedule:
            return schedule[key]
        if key in chain:
            raise ValueError(f"tasks form a cycle through {key!r}")
        task = tasks[key]
        base = resolve(task["after"], (*chain, key))[1] if task.get("after") else 0
        start = base + int(task.get("offset") or 0)
        schedule[key] = (start, start + int(task.get("duration") or 1))
        return schedule[key]

    for key in tasks:
        resolve(key)
    return schedule


def stage_by_key(definition: dict, key: str) -> tuple[int, dict] | tuple[None, None]:
    """(index, stage) of the stage with `key`, or (None, None)."""
    for index, stage in enumerate(definition.get("stages", ())):
        if stage.get("key") == key:
            return index, stage
    return None, None


def format_file_ids(definition: dict) -> set[int]:
    """Every StoredFile id a definition's documents refer to."""
    return {doc["format_file_id"] for stage in definition.get("stages", ())
            for doc in stage.get("documents", ()) if doc.get("format_file_id") is not None}
