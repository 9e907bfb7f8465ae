"""The search pages' blueprint."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

bp = Blueprint("search", __name__, template_folder=str(Path(__file__).parent / "templates"))


def register(app) -> None:
    app.register_blueprint(bp)
