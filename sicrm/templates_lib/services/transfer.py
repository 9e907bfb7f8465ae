"""Moving a template between installations: a version exported as JSON or YAML
(template fields, the definition, format files embedded as base64), imported as a
new template with a draft version (format files stored anew).

The file's shape::

    {"sicrm_template": 1,
     "template": {"name_zh", "name_en", "kind", "industry", "category", "description"},
     "version": {"number", "status", "change_note"},
     "definition": {"stages": [... documents carry "format_file": {"filename",
                    "content_type", "data"} instead of a "format_file_id" ...]}}
"""
from __future__ import annotations

import base64
import binascii
import copy
import io
import json
import re

import yaml
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.errors import ServiceError
from sicrm.core.models import StoredFile, User
from sicrm.core.services.files import store_file
from sicrm.core.storage import get_storage
from sicrm.extensions import db
from sicrm.templates_lib.definition import format_file_ids, validate_definition
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.templates_lib.services.templates import (
    TEMPLATE_FIELDS,
    create_template_from_definition,
    validate_template_fields,
)

FORMAT_VERSION = 1
FORMATS = {"json": "application/json", "yaml": "application/yaml"}
_SAFE_NAME = re.compile(r"[^\w\-]+", re.UNICODE)
#: nesting deeper than this is no template (an export is about 8 levels deep)
MAX_DEPTH = 40


def _embedded(stored: StoredFile) -> dict:
    with get_storage().open(stored.storage_key) as handle:
        data = handle.read()
    return {"filename": stored.filename, "content_type": stored.content_type,
            "data": base64.b64encode(data).decode("ascii")}


def export_data(version: TemplateVersion) -> dict:
    """The portable document for one version."""
    template = version.template
    definition = copy.deepcopy(version.definition)
    ids = format_file_ids(definition)
    files = {f.id: f for f in db.session.scalars(
        select(StoredFile).where(StoredFile.id.in_(ids)))} if ids else {}
    for stage in definition.get("stages", ()):
        for doc in stage.get("documents", ()):
            stored = files.get(doc.pop("format_file_id", None))
            doc["format_file"] = _embedded(stored) if stored else None
    return {
        "sicrm_template": FORMAT_VERSION,
        "template": {key: getattr(template, key) for key in TEMPLATE_FIELDS},
        "version": {"number": version.number, "status": version.status,
                    "change_note": version.change_note},
        "definition": definition,
    }


def export_version(version: TemplateVersion, fmt: str = "json") -> tuple[bytes, str, str]:
    """(content, file name, content type) of the version as JSON or YAML."""
    if fmt not in FORMATS:
        raise ServiceError(_l("Please choose JSON or YAML."), "format")
    data = export_data(version)
    if fmt == "yaml":
        content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    else:
        content = json.dumps(data, ensure_ascii=False, indent=2)
    stem = _SAFE_NAME.sub("-", version.template.name_zh).strip("-") or "template"
    return content.encode("utf-8"), f"{stem}-v{version.number}.{fmt}", FORMATS[fmt]


def _depth(data) -> int:
    """How deeply lists and mappings nest in `data` (iterative: no recursion limit)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((item, level + 1) for item in value)
    return deepest


def parse(content: bytes, filename: str) -> dict:
    """The document in an uploaded file, by its extension (.json, .yaml, .yml)."""
    name = (filename or "").lower()
    try:
        source = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ServiceError(_l("The file is not UTF-8 text."), "file") from error
    too_deep = ServiceError(_l("The file is nested more than %(depth)d levels deep; "
                               "this is not a sicrm template export.", depth=MAX_DEPTH),
                            "file")
    if name.endswith(".json"):
        try:
            data = json.loads(source)
        except RecursionError as error:
            raise too_deep from error
        except ValueError as error:
            raise ServiceError(_l("The file is not valid JSON (line %(line)s).",
                                  line=getattr(error, "lineno", "?")), "file") from error
    elif name.endswith((".yaml", ".yml")):
        try:
            data = yaml.safe_load(source)
        except RecursionError as error:
            raise too_deep from error
        except yaml.YAMLError as error:
            raise ServiceError(_l("The file is not valid YAML."), "file") from error
    else:
        raise ServiceError(_l("Please upload a .json, .yaml or .yml file."), "file")
    if _depth(data) > MAX_DEPTH:
        raise too_deep
    if not isinstance(data, dict) or data.get("sicrm_template") != FORMAT_VERSION \
            or not isinstance(data.get("template"), dict) \
            or not isinstance(data.get("definition"), dict):
        raise ServiceError(_l("This file is not a sicrm template export."), "file")
    return data


def _decode_files(definition: dict) -> list[tuple[dict, bytes, str]]:
    """(document, bytes, filename) for each embedded format file; checks base64."""
    found = []
    stages = definition.get("stages")
    for stage in stages if isinstance(stages, list) else ():
        documents = stage.get("documents") if isinstance(stage, dict) else None
        for doc in documents if isinstance(documents, list) else ():
            if not isinstance(doc, dict):
                continue
            doc.pop("format_file_id", None)  # ids mean nothing in another installation
            embedded = doc.pop("format_file", None)
            if embedded is None:
                continue
            if not isinstance(embedded, dict) or not isinstance(embedded.get("data"), str):
                raise ServiceError(_l("A format file in this export is damaged."), "file")
            try:
                content = base64.b64decode(embedded["data"], validate=True)
            except (binascii.Error, ValueError) as error:
                raise ServiceError(_l("The format file “%(name)s” is not valid base64.",
                                      name=embedded.get("filename") or "?"), "file") from error
            found.append((doc, content, str(embedded.get("filename") or "file")))
    return found


def _known_reviewers(definition: dict) -> list[str]:
    """Drop gate reviewer user names this installation does not know; return them."""
    wanted = {u for stage in definition.get("stages") or () if isinstance(stage, dict)
              for u in ((stage.get("gate") or {}).get("reviewer_users") or ())
              if isinstance(stage.get("gate"), dict) and isinstance(u, str)}
    if not wanted:
        return []
    from_here = set(db.session.scalars(select(User.username).where(
        User.username.in_(wanted), User.active.is_(True))))
    dropped = sorted(wanted - from_here)
    for stage in definition["stages"]:
        gate = stage.get("gate") if isinstance(stage, dict) else None
        if isinstance(gate, dict) and isinstance(gate.get("reviewer_users"), list):
            gate["reviewer_users"] = [u for u in gate["reviewer_users"] if u not in dropped]
    return dropped


def import_template(actor, content: bytes, filename: str) -> tuple[ProjectTemplate, list]:
    """A new template with a draft version 1 from an export file. Returns the
    template and notes for the user (reviewers left out because unknown here).
    Raises ServiceError for a bad file; the caller rolls back."""
    data = parse(content, filename)
    fields = {key: data["template"].get(key) for key in TEMPLATE_FIELDS}
    validate_template_fields(fields)
    definition = copy.deepcopy(data["definition"])
    files = _decode_files(definition)
    notes = []
    dropped = _known_reviewers(definition)
    if dropped:
        notes.append(_l("Reviewers unknown here were left out: %(users)s",
                        users=", ".join(dropped)))
    validate_definition(definition, draft=True)  # before anything is stored
    for doc, raw, name in files:
        doc["format_file_id"] = store_file(actor, io.BytesIO(raw), name).id
    template = create_template_from_definition(actor, definition=definition, **fields)
    return template, notes
