"""URL rules of document control (registered by sicrm.projects.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.projects.documents import (
    models,  # noqa: F401  (its tables join the metadata)
    searchables,  # noqa: F401  (documents are searchable)
    views,
)

bp = Blueprint("documents", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/projects/<int:project_id>/documents")
bp.add_url_rule("/new", view_func=views.document_create, methods=["POST"])
bp.add_url_rule("/<int:document_id>", view_func=views.document_view)
bp.add_url_rule("/<int:document_id>/versions", view_func=views.version_upload,
                methods=["POST"])
bp.add_url_rule("/<int:document_id>/withdraw", view_func=views.document_withdraw,
                methods=["POST"])
bp.add_url_rule("/<int:document_id>/versions/<int:version_id>/submit",
                view_func=views.version_submit, methods=["POST"])
bp.add_url_rule("/<int:document_id>/versions/<int:version_id>/decide",
                view_func=views.version_decide, methods=["POST"])
bp.add_url_rule("/<int:document_id>/versions/<int:version_id>/download",
                view_func=views.version_download)


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(views.documents_panel)
