"""The search pages' blueprint."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.knowledge.search import tasks, views

bp = Blueprint("search", __name__, template_folder=str(Path(__file__).parent / "templates"))
bp.add_url_rule("/search", view_func=views.search_page)
bp.add_url_rule("/search/synonyms", view_func=views.synonyms_page, methods=["GET", "POST"])


def register(app) -> None:
    app.register_blueprint(bp)
    tasks.register(app)
