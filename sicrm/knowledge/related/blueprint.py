"""Related knowledge's blueprint: the project tab's page and fragment, verdicts, links."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core.org_sections import register_section
from sicrm.knowledge.related import (
    models,  # noqa: F401  (its tables belong to the app)
    panels,
    views,
)

bp = Blueprint("related", __name__, template_folder=str(Path(__file__).parent / "templates"))
bp.add_url_rule("/projects/<int:project_id>/knowledge", view_func=views.project_knowledge)
bp.add_url_rule("/projects/<int:project_id>/knowledge/<int:article_id>/mark",
                view_func=views.mark, methods=["POST"])
bp.add_url_rule("/projects/<int:project_id>/knowledge/<int:article_id>/link",
                view_func=views.link, methods=["POST"])
bp.add_url_rule("/knowledge/links/<int:link_id>/delete", view_func=views.unlink,
                methods=["POST"])
bp.add_url_rule("/knowledge/articles/<int:article_id>/links", view_func=views.article_link,
                methods=["POST"])


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(panels.article_links_panel)
    register_section("knowledge", 40, panels.organization_section)
