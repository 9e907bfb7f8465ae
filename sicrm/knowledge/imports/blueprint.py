"""URL rules of bulk import (registered by sicrm.knowledge.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint
from werkzeug.exceptions import RequestEntityTooLarge

from sicrm.knowledge.imports import (
    background,
    models,  # noqa: F401  (its tables join the metadata)
    views,
)

bp = Blueprint("imports", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/knowledge/imports")
bp.add_url_rule("/", view_func=views.import_list)
bp.add_url_rule("/new", view_func=views.import_new, methods=["GET", "POST"])
bp.add_url_rule("/<int:run_id>", view_func=views.import_view)
bp.register_error_handler(RequestEntityTooLarge, views.too_large)


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(views.kb_import_url)
    background.register()
