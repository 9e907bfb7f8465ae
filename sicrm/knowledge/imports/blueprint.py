"""URL rules of bulk import (registered by sicrm.knowledge.blueprint)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.knowledge.imports import (
    models,  # noqa: F401  (its tables join the metadata)
)

bp = Blueprint("imports", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/knowledge/imports")


def register(app) -> None:
    app.register_blueprint(bp)
