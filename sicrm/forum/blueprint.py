"""The forum blueprint, its URL rules and its parts' blueprints (tasks, schedule)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint

from sicrm.forum import hooks, links, models, searchables, subscribers  # noqa: F401  (the tables)  # noqa: F401  (registries, signals)
from sicrm.forum.schedule import blueprint as schedule_blueprint
from sicrm.forum.tasks import blueprint as tasks_blueprint
from sicrm.forum.views import boards, threads

bp = Blueprint("forum", __name__, template_folder=str(Path(__file__).parent / "templates"),
               url_prefix="/forum")
bp.add_url_rule("/", view_func=boards.board_list)
bp.add_url_rule("/boards/new", view_func=boards.board_create, methods=["GET", "POST"])
bp.add_url_rule("/boards/<int:board_id>", view_func=boards.board_view)
bp.add_url_rule("/boards/<int:board_id>/edit", view_func=boards.board_edit,
                methods=["GET", "POST"])
bp.add_url_rule("/boards/<int:board_id>/archive", view_func=boards.board_archive,
                methods=["POST"])
bp.add_url_rule("/boards/<int:board_id>/watch", view_func=boards.board_watch, methods=["POST"])
bp.add_url_rule("/boards/<int:board_id>/read", view_func=boards.board_mark_read,
                methods=["POST"])
bp.add_url_rule("/boards/<int:board_id>/mentions.json", view_func=boards.mention_suggest)
bp.add_url_rule("/boards/<int:board_id>/threads/new", view_func=threads.thread_create,
                methods=["GET", "POST"])
bp.add_url_rule("/projects/<int:project_id>", view_func=boards.project_board)
bp.add_url_rule("/threads/<int:thread_id>", view_func=threads.thread_view)
bp.add_url_rule("/threads/<int:thread_id>/reply", view_func=threads.thread_reply,
                methods=["POST"])
bp.add_url_rule("/threads/<int:thread_id>/pin", view_func=threads.thread_pin, methods=["POST"])
bp.add_url_rule("/threads/<int:thread_id>/lock", view_func=threads.thread_lock,
                methods=["POST"])
bp.add_url_rule("/threads/<int:thread_id>/solution", view_func=threads.thread_solution,
                methods=["POST"])
bp.add_url_rule("/threads/<int:thread_id>/watch", view_func=threads.thread_watch,
                methods=["POST"])
bp.add_url_rule("/threads/<int:thread_id>/posts/<int:post_id>/edit",
                view_func=threads.post_edit, methods=["GET", "POST"])
bp.add_url_rule("/threads/<int:thread_id>/posts/<int:post_id>/delete",
                view_func=threads.post_delete, methods=["POST"])
bp.add_url_rule("/threads/<int:thread_id>/posts/<int:post_id>/history",
                view_func=threads.post_history)
bp.add_url_rule("/threads/<int:thread_id>/attachments/<int:attachment_id>",
                view_func=threads.attachment_download)

#: the parts with their own blueprint module (each has register(app))
PARTS: list = [tasks_blueprint, schedule_blueprint]


def register(app) -> None:
    app.register_blueprint(bp)
    app.add_template_global(hooks.post_actions, "forum_post_actions")
    app.add_template_global(links.forum_threads_for, "forum_threads_for")
    for part in PARTS:
        part.register(app)
