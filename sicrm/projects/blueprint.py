"""The projects blueprint and its URL rules."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.projects import models  # noqa: F401  (its tables belong to the app's metadata)

bp = Blueprint("projects", __name__, template_folder=str(Path(__file__).parent / "templates"))


def register(app) -> None:
    app.register_blueprint(bp)
