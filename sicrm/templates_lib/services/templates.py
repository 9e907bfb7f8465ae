"""Templates and their versions.

A template starts as draft version 1. A draft is changed in place; publishing makes
it immutable. Editing a template whose latest version is published starts a new
draft copied from it; a template has at most one draft at a time."""
from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.locking import lock_row
from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.templates_lib import queries
from sicrm.templates_lib.definition import validate_definition
from sicrm.templates_lib.models import KINDS, ProjectTemplate, TemplateVersion

TEMPLATE_FIELDS = ("name_zh", "name_en", "kind", "industry", "category", "description")
COPY_SUFFIX = {"zh": "（副本）", "en": " (copy)"}


def _clean(value, maximum: int | None = None):
    value = value.strip() if isinstance(value, str) else value
    if isinstance(value, str) and maximum is not None:
        value = value[:maximum]
    return value or None


def validate_template_fields(fields: dict) -> dict:
    data = {key: fields.get(key) for key in TEMPLATE_FIELDS}
    data["name_zh"] = _clean(data["name_zh"])
    data["name_en"] = _clean(data["name_en"]) or ""
    if not data["name_zh"]:
        raise ServiceError(_l("A Chinese name is required."), "name_zh")
    for field in ("name_zh", "name_en"):
        if len(data[field]) > 200:
            raise ServiceError(_l("Please use at most %(max)d characters.", max=200), field)
    if data["kind"] not in KINDS:
        raise ServiceError(_l("Please choose a value from the list."), "kind")
    data["industry"] = _clean(data["industry"])
    if data["industry"] and data["industry"] not in INDUSTRIES:
        raise ServiceError(_l("Please choose a value from the list."), "industry")
    data["category"] = _clean(data["category"])
    if data["category"] and len(data["category"]) > 100:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=100), "category")
    data["description"] = _clean(data["description"])
    return data


def _new_version(actor, template: ProjectTemplate, number: int, definition: dict,
                 change_note=None, publish: bool = False) -> TemplateVersion:
    version = TemplateVersion(template=template, number=number, status="draft",
                              definition=definition, change_note=_clean(change_note),
                              created_by_id=getattr(actor, "id", None))
    if publish:
        _mark_published(actor, version)
    db.session.add(version)
    db.session.flush()
    return version


def _mark_published(actor, version: TemplateVersion) -> None:
    version.status = "published"
    version.published_by_id = getattr(actor, "id", None)
    version.published_dt = utcnow()


def create_template(actor, *, builtin_key: str | None = None, **fields) -> ProjectTemplate:
    """A new template with an empty draft version 1."""
    return create_template_from_definition(actor, definition={"stages": []},
                                           builtin_key=builtin_key, **fields)


def create_template_from_definition(
    actor, *, name_zh: str, name_en: str = "", kind: str, industry: str | None = None,
    category: str | None = None, description: str | None = None, definition: dict,
    publish: bool = False, change_note: str | None = None, builtin_key: str | None = None,
) -> ProjectTemplate:
    """A new template whose version 1 holds `definition` (validated): a draft, or
    published when `publish`. The projects package uses it to save a finished
    project as a template."""
    set_actor(actor)
    data = validate_template_fields(dict(
        name_zh=name_zh, name_en=name_en, kind=kind, industry=industry, category=category,
        description=description))
    definition = validate_definition(definition, draft=not publish)
    template = ProjectTemplate(**data, builtin_key=builtin_key,
                               created_by_id=getattr(actor, "id", None))
    db.session.add(template)
    _new_version(actor, template, 1, definition, change_note, publish)
    return template


def create_version_from_definition(actor, template: ProjectTemplate, definition: dict,
                                   change_note: str | None, publish: bool = True
                                   ) -> TemplateVersion:
    """A new version of `template` holding `definition` (validated), published by
    default. Refused while the template has a draft (publish or discard it first).
    The projects package uses it to adopt learned stage durations."""
    set_actor(actor)
    lock_row(ProjectTemplate, template, reload=False)  # one version number per writer
    if queries.draft_of(template) is not None:
        raise ServiceError(_l("This template has an unpublished draft. Publish or discard "
                              "it first."))
    definition = validate_definition(definition, draft=not publish)
    latest = queries.latest_version(template)
    return _new_version(actor, template, (latest.number if latest else 0) + 1, definition,
                        change_note, publish)


def update_template(actor, template: ProjectTemplate, **fields) -> ProjectTemplate:
    """Change the template's own fields (not versioned)."""
    set_actor(actor)
    current = {key: getattr(template, key) for key in TEMPLATE_FIELDS}
    for key, value in validate_template_fields({**current, **fields}).items():
        setattr(template, key, value)
    db.session.flush()
    return template


def set_archived(actor, template: ProjectTemplate, archived: bool) -> ProjectTemplate:
    """Archived templates are hidden from lists and cannot start new projects."""
    set_actor(actor)
    template.archived = bool(archived)
    db.session.flush()
    return template


def clone_template(actor, template: ProjectTemplate) -> ProjectTemplate:
    """A new template with draft version 1 holding the source's current definition
    (its latest published version, or its draft when it has none)."""
    source = queries.current_version(template) or queries.latest_version(template)
    return create_template_from_definition(
        actor,
        name_zh=(template.name_zh + COPY_SUFFIX["zh"])[:200],
        name_en=(template.name_en + COPY_SUFFIX["en"])[:200] if template.name_en else "",
        kind=template.kind, industry=template.industry, category=template.category,
        description=template.description,
        definition=copy.deepcopy(source.definition) if source else {"stages": []},
    )


def start_draft(actor, template: ProjectTemplate) -> TemplateVersion:
    """The template's draft: the existing one, or a new one copied from the latest
    published version."""
    set_actor(actor)
    lock_row(ProjectTemplate, template, reload=False)  # two editors at once: one draft
    draft = queries.draft_of(template)
    if draft is not None:
        return draft
    latest = queries.latest_version(template)
    definition = copy.deepcopy(latest.definition) if latest else {"stages": []}
    return _new_version(actor, template, (latest.number if latest else 0) + 1, definition)


def publish_version(actor, version: TemplateVersion, change_note: str | None) -> TemplateVersion:
    """Validate the draft completely and make it immutable."""
    set_actor(actor)
    if version.status != "draft":
        raise ServiceError(_l("This version is already published."))
    version.definition = validate_definition(version.definition)
    version.change_note = _clean(change_note)
    _mark_published(actor, version)
    db.session.flush()
    return version


def discard_draft(actor, version: TemplateVersion) -> None:
    """Delete a draft that follows a published version (a template's only version
    is kept: archive the template instead)."""
    set_actor(actor)
    if version.status != "draft":
        raise ServiceError(_l("Published versions cannot be deleted."))
    if queries.previous_version(version) is None:
        raise ServiceError(_l("The first version of a template cannot be discarded."))
    db.session.delete(version)
    db.session.flush()
