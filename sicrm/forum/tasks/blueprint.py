"""The tasks part's blueprint (under /forum), its home-page widget, its post action
("create a task" under each post) and the `forum_thread_tasks` template global."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.core.dashboard import register_widget
from sicrm.forum.hooks import register_post_action
from sicrm.forum.tasks import (
    models,  # noqa: F401  (its table belongs to the app)
    views,
    widgets,
)

bp = Blueprint("tasks", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/forum")
bp.add_url_rule("/tasks/", view_func=views.my_tasks)
bp.add_url_rule("/tasks/team", view_func=views.team_tasks)
bp.add_url_rule("/tasks/new", view_func=views.task_create, methods=["GET", "POST"])
bp.add_url_rule("/tasks/<int:task_id>", view_func=views.task_view)
bp.add_url_rule("/tasks/<int:task_id>/edit", view_func=views.task_edit, methods=["GET", "POST"])
bp.add_url_rule("/tasks/<int:task_id>/status", view_func=views.task_status, methods=["POST"])
bp.add_url_rule("/tasks/<int:task_id>/assign", view_func=views.task_assign, methods=["POST"])
bp.add_url_rule("/projects/<int:project_id>/tasks", view_func=views.project_tasks)


def register(app) -> None:
    app.register_blueprint(bp)
    register_widget("my_tasks", 15, widgets.my_tasks)
    register_post_action("task", 10, widgets.post_action)
    app.add_template_global(widgets.thread_tasks, "forum_thread_tasks")
