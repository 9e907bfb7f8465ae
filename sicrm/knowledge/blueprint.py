"""The knowledge blueprint, its URL rules and its parts' blueprints."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.knowledge import models  # noqa: F401  (its tables belong to the app's metadata)
from sicrm.knowledge.search import blueprint as search_blueprint

bp = Blueprint("knowledge", __name__, template_folder=str(Path(__file__).parent / "templates"))

#: the parts with their own blueprint (search; bulk import; related knowledge)
PARTS = [search_blueprint]


def register(app) -> None:
    app.register_blueprint(bp)
    for part in PARTS:
        part.register(app)
