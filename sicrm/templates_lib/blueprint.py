"""The templates_lib blueprint and its URL rules."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.templates_lib import (
    audit,
    models,  # noqa: F401  (its tables belong to the app's metadata)
    permissions,  # noqa: F401  (defines template.* permissions)
)
from sicrm.templates_lib.views import editor, templates, versions
from sicrm.templates_lib.views.display import name_text

bp = Blueprint("templates_lib", __name__,
               template_folder=str(Path(__file__).parent / "templates"))

_GP = ["GET", "POST"]
_P = ["POST"]
_T = "/templates"
_V = "/templates/versions/<int:version_id>"
_S = _V + "/stages/<stage_key>"

bp.add_url_rule(f"{_T}/", view_func=templates.template_list)
bp.add_url_rule(f"{_T}/new", view_func=templates.template_create, methods=_GP)
bp.add_url_rule(f"{_T}/import", view_func=templates.template_import, methods=_GP)
bp.add_url_rule(f"{_T}/<int:template_id>", view_func=templates.template_view)
bp.add_url_rule(f"{_T}/<int:template_id>/edit", view_func=templates.template_edit, methods=_GP)
bp.add_url_rule(f"{_T}/<int:template_id>/draft", view_func=templates.template_start_draft,
                methods=_P)
bp.add_url_rule(f"{_T}/<int:template_id>/clone", view_func=templates.template_clone, methods=_P)
bp.add_url_rule(f"{_T}/<int:template_id>/archive", view_func=templates.template_archive,
                methods=_P)

bp.add_url_rule(_V, view_func=versions.version_view)
bp.add_url_rule(f"{_V}/publish", view_func=versions.version_publish, methods=_P)
bp.add_url_rule(f"{_V}/discard", view_func=versions.version_discard, methods=_P)
bp.add_url_rule(f"{_V}/export", view_func=versions.version_export)
bp.add_url_rule(f"{_V}/files/<int:file_id>", view_func=versions.format_file)

bp.add_url_rule(f"{_V}/stages/new", view_func=editor.stage_create, methods=_P)
bp.add_url_rule(_S, view_func=editor.stage_view, methods=_GP)
bp.add_url_rule(f"{_S}/delete", view_func=editor.stage_delete, methods=_P)
bp.add_url_rule(f"{_S}/move", view_func=editor.stage_move, methods=_P)
for _kind, _name in (("tasks", "task"), ("milestones", "milestone"), ("documents", "document")):
    bp.add_url_rule(f"{_S}/{_kind}/new", f"{_name}_create", editor.item_create, methods=_P,
                    defaults={"kind": _kind})
    bp.add_url_rule(f"{_S}/{_kind}/<item_key>/edit", f"{_name}_edit", editor.item_edit,
                    methods=_P, defaults={"kind": _kind})
    bp.add_url_rule(f"{_S}/{_kind}/<item_key>/delete", f"{_name}_delete", editor.item_delete,
                    methods=_P, defaults={"kind": _kind})

bp.add_app_template_filter(name_text, "tname")


def register(app) -> None:
    app.register_blueprint(bp)
    audit.register()
