"""Demo projects at every point of the lifecycle, made through the real services
(gates reviewed, one won into implementation, one lost), so the app looks alive.
Runs only when there are no projects yet and the demo company exists."""
from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import func, select

from sicrm.core.models import Department, Organization, User, utcnow
from sicrm.extensions import db
from sicrm.projects.documents import services as documents
from sicrm.projects.models import TASK_OPEN_STATUSES, Project, Task, TaskEvent
from sicrm.projects.services import lifecycle
from sicrm.projects.services.creation import create_project
from sicrm.projects.services.documents import missing_documents
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.templates_lib.queries import current_version
from sicrm.workflow.services import reviews, routing


def _version(key: str) -> TemplateVersion | None:
    template = db.session.scalar(select(ProjectTemplate).where(ProjectTemplate.builtin_key == key))
    return current_version(template) if template else None


def _hand_in(actor, project: Project) -> None:
    """Upload each missing required document and have its approvers approve it."""
    for requirement in missing_documents(project.current_stage):
        text = f"{requirement.name}（演示文件）\n项目：{project.code} {project.name}\n"
        version = documents.create_document(
            actor, project, title=None, category="other", requirement=requirement,
            stream=io.BytesIO(text.encode()), filename=f"{requirement.name}.txt",
            note="初稿。", submit=True)
        for approver in documents.approvers(version.document):
            if version.status != "in_review":
                break
            if approver.id != actor.id:
                documents.decide(approver, version, "approve", "同意。")


def _pass_gate(actor, project: Project, on: date) -> None:
    """Hand in, submit and approve the current gate; the stage ends on `on`."""
    stage = project.current_stage
    _hand_in(actor, project)
    review = reviews.submit(actor, project,
                            checked=list(range(len(project.current_stage.gate["checklist"]))),
                            note="请各位领导审批。")
    for reviewer in list(review.reviewers):
        if review.status != "pending":
            break
        reviews.decide(reviewer.user, review, "approve", "同意。")
    lifecycle.set_stage_end(actor, project, stage, on)


def _finish(actor, project: Project, *days: date) -> None:
    for day in days:
        lifecycle.finish_stage(actor, project, on=day)


def _work_done(projects, today: date) -> None:
    """The teams did their work: tasks of the current stages due more than a week
    before `today` are done by their assignees (the last week's stay open, so the
    demo shows a few late ones rather than every template task since summer)."""
    for project in projects:
        stage = project.current_stage
        if stage is None:
            continue
        for task in db.session.scalars(select(Task).where(
                Task.stage_id == stage.id, Task.status.in_(TASK_OPEN_STATUSES),
                Task.due_date < today - timedelta(days=7))):
            task.status, task.done_dt = "done", utcnow()
            task.done_by_id = task.assignee_id
            db.session.add(TaskEvent(task_id=task.id, kind="done", actor_id=task.assignee_id,
                                     params={}))


def load_demo_projects() -> int:
    if db.session.scalar(select(func.count(Project.id))):
        return 0
    users = {u.username: u for u in db.session.scalars(select(User))}
    orgs = {o.short_name or o.name: o for o in db.session.scalars(select(Organization))}
    presales, implementation, bid = (_version("standard_presales"),
                                     _version("standard_implementation"), _version("government_bid"))
    needed = ("sales", "sales2", "presales", "pm", "engineer", "admin")
    if not all((presales, implementation, bid)) or any(name not in users for name in needed):
        return 0
    security = db.session.scalar(select(Department).where(Department.name == "安防事业部"))
    if security is not None:
        routing.create_rule(users["admin"], name="安防项目归安防事业部", match_category="安防",
                            department_id=security.id,
                            tasks=[{"title": "现场勘察", "owner_role": "engineer", "offset": 3}])
    sales, sales2 = users["sales"], users["sales2"]
    team = [(users["presales"], "presales")]

    def new(actor, version, customer, name, start, **fields):
        return create_project(actor, template_version=version, customer=orgs[customer],
                              name=name, start_date=start, team=fields.pop("team", team),
                              **fields)

    created = 0
    # 1. passed 立项, now in 需求调研 → 方案与演示
    p1 = new(sales, presales, "北京公安", "视频监控联网共享平台建设项目", date(2026, 8, 3),
             amount="3800000", win_probability=60, category="安防",
             expected_sign_date=date(2026, 12, 30), team=team + [(users["engineer"], "engineer")])
    _finish(sales, p1, date(2026, 8, 21))
    _pass_gate(sales, p1, date(2026, 9, 4))
    _finish(sales, p1, date(2026, 10, 9))
    # 2. waiting for 合同评审
    p2 = new(sales, presales, "工行北分", "数据中心网络改造项目", date(2026, 6, 1),
             amount="5600000", win_probability=75, expected_sign_date=date(2026, 12, 15))
    _finish(sales, p2, date(2026, 6, 12))
    _pass_gate(sales, p2, date(2026, 6, 26))
    _finish(sales, p2, date(2026, 7, 24), date(2026, 8, 28), date(2026, 10, 30))
    _hand_in(sales, p2)
    reviews.submit(sales, p2, checked=list(range(len(p2.current_stage.gate["checklist"]))),
                   note="合同条款已与客户法务确认。")
    # 3. won → implementation in progress
    p3 = new(sales2, presales, "广东移动", "云资源池扩容项目", date(2026, 3, 2),
             amount="12000000", win_probability=80, team=team + [(users["pm"], "pm")])
    _finish(sales2, p3, date(2026, 3, 13))
    _pass_gate(sales2, p3, date(2026, 3, 27))
    _finish(sales2, p3, date(2026, 4, 24), date(2026, 5, 29), date(2026, 7, 17))
    _pass_gate(sales2, p3, date(2026, 8, 14))
    impl = lifecycle.mark_won(sales2, p3, signed_amount="11500000", signed_date=date(2026, 9, 1),
                              implementation_version=implementation, pm=users["pm"],
                              start_date=date(2026, 9, 7))
    _finish(users["pm"], impl, date(2026, 9, 18))
    # 4. lost to a competitor
    p4 = new(sales2, presales, "浙大一院", "医院信息集成平台项目", date(2026, 4, 1),
             amount="2600000", win_probability=30)
    _finish(sales2, p4, date(2026, 4, 10))
    lifecycle.mark_lost(sales2, p4, status="lost", reason="price", winner=orgs["东软"],
                        note="对手报价低约 18%。")
    # 5. a government procurement bid, just announced
    p5 = new(sales, bid, "上海大数据中心", "政务云安全能力提升项目", date(2026, 11, 9),
             amount="4500000", win_probability=40, expected_sign_date=date(2027, 2, 28))
    # 6. a fresh lead
    p6 = new(sales, presales, "清华大学", "校园网无线覆盖升级", date(2026, 11, 16),
             amount="900000", win_probability=20)
    _work_done([p1, p2, impl, p5, p6], date.today())
    created = db.session.scalar(select(func.count(Project.id)))
    db.session.flush()
    return created
