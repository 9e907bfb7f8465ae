"""How the audit log shows project templates (sicrm.core.audit_display)."""
from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit_display import register_entity, register_reference
from sicrm.core.choices import INDUSTRIES
from sicrm.extensions import db
from sicrm.templates_lib.choices import KIND_LABELS
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion


def _english() -> bool:
    return get_locale() is not None and get_locale().language == "en"


def template_names(ids: set[int]) -> dict[int, str]:
    rows = db.session.execute(select(ProjectTemplate.id, ProjectTemplate.name_zh,
                                     ProjectTemplate.name_en)
                              .where(ProjectTemplate.id.in_(ids))).all()
    english = _english()
    return {id_: (en if english and en else zh) for id_, zh, en in rows}


def version_names(ids: set[int]) -> dict[int, str]:
    rows = db.session.execute(
        select(TemplateVersion.id, TemplateVersion.number, ProjectTemplate.name_zh,
               ProjectTemplate.name_en)
        .join(ProjectTemplate, ProjectTemplate.id == TemplateVersion.template_id)
        .where(TemplateVersion.id.in_(ids))).all()
    english = _english()
    return {id_: f"{en if english and en else zh} v{number}"
            for id_, number, zh, en in rows}


def register() -> None:
    register_reference("project_templates", template_names)
    register_reference("template_versions", version_names)
    register_entity(ProjectTemplate, _l("Project template"),
                    fields={"name_zh": _l("Name (Chinese)"), "name_en": _l("Name (English)"),
                            "kind": _l("Project kind"), "category": _l("Business category"),
                            "archived": _l("Archived")},
                    choices={"kind": KIND_LABELS, "industry": INDUSTRIES},
                    hidden={"builtin_key"})
