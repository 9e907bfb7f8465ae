"""Route-permission table of the board part of the forum (see
tests/test_route_permissions.py).

Uses the project of tests.projects.routes (team: owner, its creator; the manager heads
the department above its own): its board, a thread started by the owner with a reply
and an attachment. Outsiders and engineers cannot see the project, so its board is
invisible to them."""
from io import BytesIO

from sqlalchemy import select

from sicrm.extensions import db
from sicrm.forum.models import Board
from sicrm.forum.services import posts
from tests.fixtures.routes import Case

BOARD = {"board_id": "forum_board"}
THREAD = {"thread_id": "forum_thread"}
BLIND = ("outsider", "engineer")

ROUTES = {
    "forum.board_list": Case(allowed="engineer"),
    "forum.board_create": Case(refused=("owner", "manager", "executive"), allowed="admin"),
    "forum.board_view": Case(args=BOARD, refused=BLIND, allowed="owner"),
    "forum.board_edit": Case(args=BOARD, refused=(*BLIND, "finance", "owner"),
                             allowed="manager"),
    "forum.board_archive": Case("POST", args=BOARD, data={"archived": "1"},
                                refused=(*BLIND, "owner"), allowed="manager"),
    "forum.board_watch": Case("POST", args=BOARD, data={"on": "1"}, refused=BLIND,
                              allowed="owner"),
    "forum.board_mark_read": Case("POST", args=BOARD, refused=BLIND, allowed="owner"),
    "forum.mention_suggest": Case(args=BOARD, refused=BLIND, allowed="owner"),
    "forum.thread_create": Case(args=BOARD, refused=BLIND, allowed="owner"),
    "forum.project_board": Case(args={"project_id": "project"}, refused=BLIND,
                                allowed="owner"),
    "forum.thread_view": Case(args=THREAD, refused=BLIND, allowed="owner"),
    "forum.thread_reply": Case("POST", args=THREAD, data={"body": "收到"}, refused=BLIND,
                               allowed="owner"),
    "forum.thread_pin": Case("POST", args=THREAD, data={"on": "1"},
                             refused=(*BLIND, "finance"), allowed="manager"),
    "forum.thread_lock": Case("POST", args=THREAD, data={"on": "1"},
                              refused=(*BLIND, "finance"), allowed="manager"),
    "forum.thread_solution": Case("POST", args=THREAD, refused=BLIND, allowed="owner"),
    "forum.thread_watch": Case("POST", args=THREAD, data={"on": "1"}, refused=BLIND,
                               allowed="owner"),
    "forum.post_edit": Case(args={**THREAD, "post_id": "forum_reply"},
                            refused=(*BLIND, "manager"), allowed="owner"),
    "forum.post_delete": Case("POST", args={**THREAD, "post_id": "forum_reply"},
                              refused=BLIND, allowed="owner"),
    "forum.post_history": Case(args={**THREAD, "post_id": "forum_reply"}, refused=BLIND,
                               allowed="owner"),
    "forum.attachment_download": Case(args={**THREAD, "attachment_id": "forum_attachment"},
                                      refused=BLIND, allowed="owner"),
}


def populate(world):
    owner = world["owner"]
    board = db.session.scalar(select(Board).where(Board.project_id == world["project"].id))
    thread = posts.create_thread(owner, board, title="机房改造方案讨论", body="请大家看一下方案。")
    reply = posts.reply(owner, thread, body="补充：附件是拓扑图。",
                        files=[("拓扑.txt", BytesIO(b"core-switch"))])
    world.update(forum_board=board, forum_thread=thread, forum_reply=reply,
                 forum_attachment=reply.attachments[0])
