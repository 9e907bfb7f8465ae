"""Changes to a draft version's definition, one stage or item at a time.

Each change works on a copy of the definition, validates the whole (a draft may
have no stages yet) and stores it; a published version refuses every change."""
from __future__ import annotations

import copy
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.services.files import store_file
from sicrm.extensions import db
from sicrm.templates_lib.definition import ITEM_KINDS, stage_by_key, validate_definition
from sicrm.templates_lib.models import TemplateVersion

KEY_PREFIX = {"stages": "stage-", "tasks": "t", "milestones": "m", "documents": "d"}
ITEM_FIELDS = {
    "tasks": ("name", "owner_role", "offset", "after", "duration"),
    "milestones": ("name", "offset", "owner_role"),
    "documents": ("name", "category", "description", "approver_roles", "format_file_id"),
}
ITEM_DEFAULTS = {
    "tasks": {"owner_role": "pm", "offset": 0, "after": None, "duration": 1},
    "milestones": {"offset": 0, "owner_role": None},
    "documents": {"category": None, "description": "", "approver_roles": [],
                  "format_file_id": None},
}


def _working_copy(actor, version: TemplateVersion) -> dict:
    set_actor(actor)
    if version.status != "draft":
        raise ServiceError(_l("This version is published and can no longer be changed. "
                              "Edit the template to start a new draft."))
    definition = copy.deepcopy(version.definition or {})
    definition.setdefault("stages", [])
    return definition


def _store(version: TemplateVersion, definition: dict) -> None:
    version.definition = validate_definition(definition, draft=True)
    db.session.flush()


def _stage(definition: dict, stage_key: str) -> tuple[int, dict]:
    index, stage = stage_by_key(definition, stage_key)
    if stage is None:
        raise ServiceError(_l("This stage no longer exists."))
    return index, stage


def _item(stage: dict, kind: str, item_key: str) -> tuple[int, dict]:
    for index, item in enumerate(stage.get(kind, ())):
        if item["key"] == item_key:
            return index, item
    raise ServiceError(_l("This entry no longer exists."))


def _free_key(kind: str, taken) -> str:
    taken = set(taken)
    number = len(taken) + 1
    while f"{KEY_PREFIX[kind]}{number}" in taken:
        number += 1
    return f"{KEY_PREFIX[kind]}{number}"


# -- stages ------------------------------------------------------------------------


def add_stage(actor, version: TemplateVersion, *, name: dict, duration, key: str | None = None
              ) -> str:
    """Append a stage; returns its key (generated when none is given)."""
    definition = _working_copy(actor, version)
    key = (key or "").strip() or _free_key("stages", (s["key"] for s in definition["stages"]))
    definition["stages"].append({"key": key, "name": name, "duration": duration, "tasks": [],
                                 "milestones": [], "documents": [], "gate": None})
    _store(version, definition)
    return key


def update_stage(actor, version: TemplateVersion, stage_key: str, *, name: dict, duration,
                 gate: dict | None) -> None:
    definition = _working_copy(actor, version)
    _, stage = _stage(definition, stage_key)
    stage.update(name=name, duration=duration, gate=gate)
    _store(version, definition)


def delete_stage(actor, version: TemplateVersion, stage_key: str) -> None:
    definition = _working_copy(actor, version)
    index, _ = _stage(definition, stage_key)
    del definition["stages"][index]
    _store(version, definition)


def move_stage(actor, version: TemplateVersion, stage_key: str, step: int) -> None:
    """Move a stage up (step -1) or down (step 1); at either end nothing changes."""
    definition = _working_copy(actor, version)
    index, stage = _stage(definition, stage_key)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(definition["stages"]):
        stages = definition["stages"]
        stages[index], stages[target] = stages[target], stage
        _store(version, definition)


# -- tasks, milestones, documents ----------------------------------------------------


def _attach_upload(actor, fields: dict, upload: tuple[BinaryIO, str] | None) -> dict:
    if upload is not None:
        stream, filename = upload
        fields = {**fields, "format_file_id": store_file(actor, stream, filename).id}
    return fields


def add_item(actor, version: TemplateVersion, stage_key: str, kind: str, fields: dict,
             upload: tuple[BinaryIO, str] | None = None) -> str:
    """Add a task, milestone or document (`kind`) to a stage; returns its key.
    `upload` (stream, filename) stores a document's format file."""
    if kind not in ITEM_KINDS:
        raise ValueError(kind)
    definition = _working_copy(actor, version)
    _, stage = _stage(definition, stage_key)
    items = stage.setdefault(kind, [])
    key = (fields.get("key") or "").strip() or _free_key(kind, (i["key"] for i in items))
    fields = _attach_upload(actor, fields, upload)
    item = {"key": key, **ITEM_DEFAULTS[kind]}
    item.update({field: fields[field] for field in ITEM_FIELDS[kind] if field in fields})
    items.append(item)
    _store(version, definition)
    return key


def update_item(actor, version: TemplateVersion, stage_key: str, kind: str, item_key: str,
                fields: dict, upload: tuple[BinaryIO, str] | None = None) -> None:
    definition = _working_copy(actor, version)
    _, stage = _stage(definition, stage_key)
    _, item = _item(stage, kind, item_key)
    fields = _attach_upload(actor, fields, upload)
    item.update({field: fields[field] for field in ITEM_FIELDS[kind] if field in fields})
    _store(version, definition)


def delete_item(actor, version: TemplateVersion, stage_key: str, kind: str, item_key: str
                ) -> None:
    definition = _working_copy(actor, version)
    _, stage = _stage(definition, stage_key)
    index, _ = _item(stage, kind, item_key)
    if kind == "tasks":
        followers = [t["key"] for t in stage["tasks"] if t.get("after") == item_key]
        if followers:
            raise ServiceError(_l("Task “%(key)s” comes after this task; change it first.",
                                  key=followers[0]))
    del stage[kind][index]
    _store(version, definition)
