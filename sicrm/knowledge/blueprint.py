"""The knowledge blueprint, its URL rules and its parts' blueprints."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.knowledge import (
    models,  # noqa: F401  (its tables belong to the app's metadata)
    searchables,  # noqa: F401  (registers knowledge articles with search)
    subscribers,  # noqa: F401  (listens to the projects package's signals)
)
from sicrm.knowledge.imports import blueprint as imports_blueprint
from sicrm.knowledge.related import blueprint as related_blueprint
from sicrm.knowledge.search import blueprint as search_blueprint
from sicrm.knowledge.views import articles, catalogs, promotion

bp = Blueprint("knowledge", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/knowledge")
bp.add_url_rule("/", view_func=catalogs.catalog_tree)
bp.add_url_rule("/catalogs/new", view_func=catalogs.catalog_create, methods=["GET", "POST"])
bp.add_url_rule("/catalogs/<int:catalog_id>", view_func=catalogs.catalog_view)
bp.add_url_rule("/catalogs/<int:catalog_id>/edit", view_func=catalogs.catalog_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/catalogs/<int:catalog_id>/move", view_func=catalogs.catalog_move,
                methods=["POST"])
bp.add_url_rule("/catalogs/<int:catalog_id>/archive", view_func=catalogs.catalog_archive,
                methods=["POST"])
bp.add_url_rule("/catalogs/<int:catalog_id>/permissions",
                view_func=catalogs.catalog_permissions, methods=["GET", "POST"])
bp.add_url_rule("/catalogs/<int:catalog_id>/articles/new", view_func=articles.article_create,
                methods=["GET", "POST"])
bp.add_url_rule("/articles/<int:article_id>", view_func=articles.article_view)
bp.add_url_rule("/articles/<int:article_id>/edit", view_func=articles.article_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/articles/<int:article_id>/status", view_func=articles.article_status,
                methods=["POST"])
bp.add_url_rule("/articles/<int:article_id>/permissions",
                view_func=articles.article_permissions, methods=["GET", "POST"])
bp.add_url_rule("/articles/<int:article_id>/attachments",
                view_func=articles.attachment_upload, methods=["POST"])
bp.add_url_rule("/articles/<int:article_id>/attachments/<int:attachment_id>",
                view_func=articles.attachment_download)
bp.add_url_rule("/articles/<int:article_id>/attachments/<int:attachment_id>/delete",
                view_func=articles.attachment_delete, methods=["POST"])
bp.add_url_rule("/articles/<int:article_id>/history", view_func=articles.article_history)
bp.add_url_rule("/articles/<int:article_id>/versions/<int:version_id>",
                view_func=articles.version_view)
bp.add_url_rule("/preview", view_func=articles.preview, methods=["POST"])
bp.add_url_rule("/keywords.json", view_func=articles.keyword_suggest)
bp.add_url_rule("/keywords/merge", view_func=articles.keyword_merge, methods=["GET", "POST"])
bp.add_url_rule("/promote/<int:version_id>", view_func=promotion.promote,
                methods=["GET", "POST"])

#: the parts with their own blueprint (search; bulk import; related knowledge)
PARTS = [search_blueprint, imports_blueprint, related_blueprint]


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(promotion.kb_promote_link)
    for part in PARTS:
        part.register(app)
