"""What changed between two definitions, for a version's page.

`diff_definitions(old, new)` returns a list of Change records; `describe(change,
locale)` turns one into a translated sentence."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from sicrm.templates_lib.choices import DOCUMENT_CATEGORY_LABELS
from sicrm.templates_lib.definition import ITEM_KINDS, text

ITEM_FIELDS = {
    "tasks": ("name", "owner_role", "offset", "after", "duration"),
    "milestones": ("name", "offset", "owner_role"),
    "documents": ("name", "category", "description", "format_file_id", "approver_roles"),
}
GATE_FIELDS = ("rule", "reviewer_roles", "reviewer_users", "checklist")
FIELD_LABELS = {
    "name": _l("name"), "owner_role": _l("owner role"), "offset": _l("offset"),
    "after": _l("after"), "duration": _l("duration"), "description": _l("description"),
    "format_file_id": _l("format file"), "approver_roles": _l("approvers"),
    "category": _l("document category"),
    "rule": _l("rule"), "reviewer_roles": _l("reviewer roles"),
    "reviewer_users": _l("reviewer users"), "checklist": _l("checklist"),
}
ITEM_LABELS = {"tasks": _l("Task"), "milestones": _l("Milestone"), "documents": _l("Document")}


@dataclass
class Change:
    kind: str  # stage_added, stage_removed, stage_renamed, stage_moved, stage_duration,
    #            item_added, item_removed, item_changed, gate_added, gate_removed, gate_changed
    stage: str  # the stage's key
    stage_name: dict = field(default_factory=dict)
    item_kind: str | None = None  # tasks, milestones, documents
    item: str | None = None  # the item's key
    item_name: dict = field(default_factory=dict)
    before: object = None
    after: object = None
    fields: tuple[str, ...] = ()


def _by_key(entries) -> dict:
    return {entry["key"]: entry for entry in entries or ()}


def _stable(old_keys: list[str], new_keys: list[str]) -> set[str]:
    """Keys in a longest common subsequence: the stages that kept their order."""
    rows, cols = len(old_keys), len(new_keys)
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            table[i][j] = (table[i + 1][j + 1] + 1 if old_keys[i] == new_keys[j]
                           else max(table[i + 1][j], table[i][j + 1]))
    kept, i, j = set(), 0, 0
    while i < rows and j < cols:
        if old_keys[i] == new_keys[j]:
            kept.add(old_keys[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _items(old: dict, new: dict) -> list[Change]:
    changes = []
    for kind in ITEM_KINDS:
        before, after = _by_key(old.get(kind)), _by_key(new.get(kind))
        for key, item in after.items():
            base = {"stage": new["key"], "stage_name": new["name"], "item_kind": kind,
                    "item": key, "item_name": item.get("name") or {}}
            if key not in before:
                changes.append(Change("item_added", **base))
                continue
            changed = tuple(f for f in ITEM_FIELDS[kind]
                            if before[key].get(f) != item.get(f))
            if changed:
                changes.append(Change("item_changed", **base, fields=changed,
                                      before={f: before[key].get(f) for f in changed},
                                      after={f: item.get(f) for f in changed}))
        for key, item in before.items():
            if key not in after:
                changes.append(Change("item_removed", new["key"], new["name"], kind, key,
                                      item.get("name") or {}))
    return changes


def _gate(old: dict, new: dict) -> list[Change]:
    before, after = old.get("gate"), new.get("gate")
    if before == after:
        return []
    base = {"stage": new["key"], "stage_name": new["name"]}
    if before is None:
        return [Change("gate_added", **base, after=after)]
    if after is None:
        return [Change("gate_removed", **base, before=before)]
    changed = tuple(f for f in GATE_FIELDS if before.get(f) != after.get(f))
    return [Change("gate_changed", **base, fields=changed,
                   before={f: before.get(f) for f in changed},
                   after={f: after.get(f) for f in changed})]


def diff_definitions(old: dict | None, new: dict) -> list[Change]:
    """Stages added, removed, renamed, moved or with a new duration; tasks,
    milestones and documents added, removed or changed; gates added, removed or
    changed. Stages and items are matched by key."""
    old_stages = list((old or {}).get("stages", ()))
    new_stages = list(new.get("stages", ()))
    before = _by_key(old_stages)
    after = _by_key(new_stages)
    changes: list[Change] = []
    common_old = [s["key"] for s in old_stages if s["key"] in after]
    common_new = [s["key"] for s in new_stages if s["key"] in before]
    kept = _stable(common_old, common_new)
    old_positions = {s["key"]: n for n, s in enumerate(old_stages, start=1)}
    for position, stage in enumerate(new_stages, start=1):
        key = stage["key"]
        if key not in before:
            changes.append(Change("stage_added", key, stage["name"], after=position))
            continue
        previous = before[key]
        if key not in kept:
            changes.append(Change("stage_moved", key, stage["name"],
                                  before=old_positions[key], after=position))
        if previous.get("name") != stage.get("name"):
            changes.append(Change("stage_renamed", key, stage["name"],
                                  before=previous.get("name"), after=stage.get("name")))
        if previous.get("duration") != stage.get("duration"):
            changes.append(Change("stage_duration", key, stage["name"],
                                  before=previous.get("duration"), after=stage.get("duration")))
        changes.extend(_items(previous, stage))
        changes.extend(_gate(previous, stage))
    for stage in old_stages:
        if stage["key"] not in after:
            changes.append(Change("stage_removed", stage["key"], stage["name"]))
    return changes


def _value(value, locale: str) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, dict) and "zh" in value:
        return text(value, locale)
    if isinstance(value, list):
        return ", ".join(_value(v, locale) for v in value)
    return str(value)


def _field_value(field: str, value, locale: str) -> str:
    if field == "category" and value in DOCUMENT_CATEGORY_LABELS:
        return str(DOCUMENT_CATEGORY_LABELS[value])
    return _value(value, locale)


def _fields(change: Change, locale: str) -> str:
    return "; ".join(
        f"{FIELD_LABELS[f]}: {_field_value(f, change.before[f], locale)} → "
        f"{_field_value(f, change.after[f], locale)}" for f in change.fields)


def describe(change: Change, locale: str = "zh") -> str:
    """One translated sentence for a change."""
    stage = text(change.stage_name, locale) or change.stage
    item = text(change.item_name, locale) or change.item
    what = ITEM_LABELS.get(change.item_kind, "")
    messages = {
        "stage_added": lambda: _l("Stage “%(stage)s” added at position %(n)s.",
                                  stage=stage, n=change.after),
        "stage_removed": lambda: _l("Stage “%(stage)s” removed.", stage=stage),
        "stage_renamed": lambda: _l("Stage renamed from “%(before)s” to “%(after)s”.",
                                    before=_value(change.before, locale), after=stage),
        "stage_moved": lambda: _l("Stage “%(stage)s” moved from position %(before)s to "
                                  "%(after)s.", stage=stage, before=change.before,
                                  after=change.after),
        "stage_duration": lambda: _l("Stage “%(stage)s”: standard duration %(before)s → "
                                     "%(after)s working days.", stage=stage,
                                     before=change.before, after=change.after),
        "item_added": lambda: _l("Stage “%(stage)s”: %(what)s “%(item)s” added.",
                                 stage=stage, what=what, item=item),
        "item_removed": lambda: _l("Stage “%(stage)s”: %(what)s “%(item)s” removed.",
                                   stage=stage, what=what, item=item),
        "item_changed": lambda: _l("Stage “%(stage)s”: %(what)s “%(item)s” changed (%(fields)s).",
                                   stage=stage, what=what, item=item,
                                   fields=_fields(change, locale)),
        "gate_added": lambda: _l("Stage “%(stage)s”: gate review added.", stage=stage),
        "gate_removed": lambda: _l("Stage “%(stage)s”: gate review removed.", stage=stage),
        "gate_changed": lambda: _l("Stage “%(stage)s”: gate review changed (%(fields)s).",
                                   stage=stage, fields=_fields(change, locale)),
    }
    return str(messages[change.kind]())
