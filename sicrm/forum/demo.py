"""Demo discussion board: the company board 公告与交流, a department board, and a few
threads on the demo projects' boards (a mention, a solved question). Called by
`sicrm demo` after the demo projects; idempotent: once there are threads it adds none."""
from __future__ import annotations

from sqlalchemy import exists, select

from sicrm.core.models import Department, User
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum.models import Board, Thread
from sicrm.forum.services import boards, posts, reading
from sicrm.projects.models import Project

COMPANY_BOARD = "公告与交流"
DEPARTMENT = "工程实施部"
#: demo projects given a thread
PROJECT_THREADS = 3


def _users() -> dict[str, User]:
    return {u.username: u for u in db.session.scalars(select(User))}


def _board(kind: str, name: str, admin: User, department: Department | None = None,
           description: str | None = None) -> tuple[Board, int]:
    board = db.session.scalar(select(Board).where(Board.kind == kind, Board.name == name))
    if board is not None:
        return board, 0
    return boards.create_board(admin, kind=kind, name=name, department=department,
                               description=description), 1


def load_demo_forum() -> int:
    users = _users()
    admin = users.get("admin")
    if admin is None:
        return 0
    created = boards.create_missing_project_boards()
    company, n = _board("company", COMPANY_BOARD, admin,
                        description="公司通知、制度发布与日常交流")
    created += n
    department = db.session.scalar(select(Department).where(Department.name == DEPARTMENT))
    dept_board = None
    if department is not None:
        dept_board, n = _board("department", f"{DEPARTMENT}技术交流", admin, department,
                               description="实施经验、配置技巧与故障处理")
        created += n
    if db.session.scalar(select(exists().where(Thread.id.is_not(None)))):
        return created
    if "ceo" in users:
        boards.update_board(admin, company, name=company.name,
                            description=company.description, moderators=[users["ceo"]])
    created += _company_threads(company, users)
    if dept_board is not None:
        created += _department_threads(dept_board, users)
    created += _project_threads(users)
    return created


def _company_threads(board: Board, users: dict[str, User]) -> int:
    ceo = users.get("ceo") or users["admin"]
    notice = posts.create_thread(
        users["admin"], board, title="关于2027年春节放假及值班安排的通知",
        body="各部门：\n\n根据国务院办公厅通知，2027年春节放假安排如下：\n\n"
             "| 日期 | 安排 |\n|---|---|\n| 2月6日—2月12日 | 放假 |\n| 2月14日（周日） | 上班 |\n\n"
             "项目现场值班表请各项目经理于**1月20日前**报工程实施部汇总。")
    posts.set_pinned(users["admin"], notice, True)
    welcome = posts.create_thread(
        ceo, board, title="论坛上线：项目讨论请尽量放在项目版块",
        body="论坛已经上线。项目相关的讨论请发在对应项目的版块里，只有能看到项目的同事才能看到；"
             "讨论结论可以直接转成任务或日程。")
    count = 2
    if "sales_mgr" in users:
        posts.reply(users["sales_mgr"], welcome, body="收到，销售部本周开始使用。")
        count += 1
    return count


def _department_threads(board: Board, users: dict[str, User]) -> int:
    engineer, manager = users.get("engineer"), users.get("impl_mgr")
    if engineer is None or manager is None or not P.can_view_board(engineer, board):
        return 0
    question = posts.create_thread(
        engineer, board, title="华为 S6730 堆叠后上行口不通，求助",
        body="两台 S6730 做了堆叠，上行口 `XGE0/0/1` 和 `XGE1/0/1` 配成 Eth-Trunk 后对端不通。\n\n"
             "```\ninterface Eth-Trunk1\n mode lacp-static\n port link-type trunk\n```\n\n"
             "有遇到过的吗？")
    answer = posts.reply(manager, question,
                         body="对端也要配成 LACP 静态模式，另外检查两边的 `lacp priority`，"
                              "堆叠后成员口编号会变成 1/0/x，注意核对。")
    posts.reply(engineer, question, body="对端是手工模式，改成 LACP 后通了，谢谢吴经理！")
    posts.set_solution(engineer, question, answer)
    return 3


def _project_threads(users: dict[str, User]) -> int:
    projects = db.session.scalars(select(Project).where(Project.status == "active")
                                  .order_by(Project.id)).all()
    count = made = 0
    for project in projects:
        if made == PROJECT_THREADS:
            break
        board = boards.ensure_project_board(project)
        team = [project.pm] + [m.user for m in project.members]
        author = next((u for u in team if u is not None and P.can_view_board(u, board)), None)
        if author is None:
            continue
        made += 1
        colleague = next((m.user for m in project.members
                          if m.user_id != author.id and P.can_view_board(m.user, board)), None)
        mention = f"@{colleague.username} " if colleague is not None else ""
        thread = posts.create_thread(
            author, board, title=f"{project.name}：本周进度与风险",
            body=f"本周进度：\n\n1. 现场勘查已完成\n2. 设备清单已提交客户确认\n\n"
                 f"风险：客户机房改造可能延期一周。{mention}请评估对割接窗口的影响。",
            stage=project.current_stage)
        count += 1
        if colleague is not None:
            posts.reply(colleague, thread, body="已评估：割接窗口顺延到下下周六凌晨，影响可控。")
            reading.watch(colleague, thread=thread)
            count += 1
    return count
