"""The forum blueprint, its URL rules and its parts' blueprints (tasks, schedule)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.forum import hooks, models  # noqa: F401  (the tables)

bp = Blueprint("forum", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/forum")

#: the parts with their own blueprint module (each has register(app))
PARTS: list = []


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(hooks.post_actions, "forum_post_actions")
    for part in PARTS:
        part.register(app)
