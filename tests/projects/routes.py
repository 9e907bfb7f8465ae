"""Route-permission table for projects (see tests/test_route_permissions.py).

world["project"]: a presales project created by "owner" (sales, team role sales, in
华北组 under 销售部 whose head is "manager"); "outsider" and "engineer" are not on
its team. Editing (team roles) → owner; managing (PM, managers, executives) → manager."""
from datetime import date
from io import BytesIO

from sqlalchemy import select

from sicrm.core.services.files import store_file
from sicrm.extensions import db
from sicrm.projects.documents.services import create_document
from sicrm.projects.models import Milestone, SavedFilter, SharingRule
from tests.fixtures.factories import make_org
from tests.fixtures.projects import make_project
from tests.fixtures.routes import Case

CREATE_FORM = {"name": "新项目", "start_date": "2030-01-07"}
PROJECT = {"project_id": "project"}
REFUSED_VIEW = ("outsider", "engineer")
REFUSED_MANAGE = ("outsider", "engineer", "owner")
MILESTONE = {**PROJECT, "milestone_id": "milestone"}
MILESTONE_FORM = {"name": "样机到货", "planned_date": "2026-03-10"}

ROUTES: dict[str, Case] = {
    "projects.project_list": Case(allowed="engineer"),
    "projects.project_create": Case("POST", data=CREATE_FORM, refused=("engineer", "finance"),
                                    allowed="owner"),
    "projects.filter_save": Case("POST", data={"name": "我的", "args": "kind=presales"},
                                 allowed="engineer"),
    "projects.filter_delete": Case("POST", args={"filter_id": "saved_filter"},
                                   refused=("outsider", "manager"), allowed="owner"),
    "projects.board": Case(allowed="engineer"),
    "projects.funnel": Case(allowed="engineer"),
    "projects.project_view": Case(args=PROJECT, refused=REFUSED_VIEW, allowed="owner"),
    "projects.project_edit": Case("POST", args=PROJECT, data={"name": "改名的项目"},
                                  refused=REFUSED_VIEW, allowed="owner"),
    "projects.stage_finish": Case("POST", args=PROJECT, refused=REFUSED_VIEW, allowed="owner"),
    "projects.start_date_set": Case("POST", args=PROJECT, data={"start_date": "2030-01-14"},
                                    refused=REFUSED_MANAGE, allowed="manager"),
    "projects.stage_end_set": Case("POST", args={**PROJECT, "stage_id": "stage"},
                                   data={"end": "2030-01-14"}, refused=REFUSED_MANAGE,
                                   allowed="manager"),
    "projects.milestone_done": Case("POST", args={**PROJECT, "milestone_id": "milestone"},
                                    refused=REFUSED_VIEW, allowed="owner"),
    "projects.my_milestones": Case(allowed="engineer"),
    "projects.milestone_list": Case(args=PROJECT, refused=REFUSED_VIEW, allowed="owner"),
    "projects.milestone_add": Case("POST", args=PROJECT, data=MILESTONE_FORM,
                                   refused=REFUSED_VIEW, allowed="owner"),
    "projects.milestone_edit": Case("POST", args=MILESTONE, data=MILESTONE_FORM,
                                    refused=REFUSED_VIEW, allowed="owner"),
    "projects.milestone_cancel": Case("POST", args=MILESTONE, data={"reason": "客户取消"},
                                      refused=REFUSED_MANAGE, allowed="manager"),
    "projects.milestone_reopen": Case("POST", args={**PROJECT, "milestone_id": "done_milestone"},
                                      refused=REFUSED_MANAGE, allowed="manager"),
    "projects.mark_won": Case(args=PROJECT, refused=REFUSED_MANAGE, allowed="manager"),
    "projects.mark_lost": Case(args=PROJECT, refused=REFUSED_MANAGE, allowed="manager"),
    "projects.member_set": Case("POST", args=PROJECT, data={"role": "engineer"},
                                refused=REFUSED_MANAGE, allowed="manager"),
    "projects.member_remove": Case("POST", args={**PROJECT, "user_id": "owner"},
                                   refused=REFUSED_MANAGE, allowed="manager"),
    "projects.document_format": Case(args={**PROJECT, "document_id": "document"},
                                     refused=REFUSED_VIEW, allowed="owner"),
    "projects.sharing_rules": Case("POST", data={"department_id": "", "category": "安防"},
                                   refused=("executive", "manager")),
    "projects.sharing_rule_delete": Case("POST", args={"rule_id": "sharing_rule"},
                                         refused=("executive", "manager")),
    "projects.template_history": Case(args={"template_id": "history_template"},
                                      refused=("engineer", "owner", "outsider"),
                                      allowed="manager"),
    "projects.template_history_adopt": Case("POST", args={"template_id": "history_template"},
                                            data={"stage": ["lead"]},
                                            refused=("engineer", "owner", "outsider"),
                                            allowed="manager"),
    "projects.save_as_template": Case("POST", args=PROJECT, data={"name_zh": "经验模板"},
                                      refused=("engineer", "owner", "outsider"),
                                      allowed="manager"),
}


def populate(world):
    owner = world["owner"]
    # its own customer: deleting world["org"] is tested by the core table
    project = make_project(owner, customer=make_org("项目客户有限公司"))
    world["project"] = project
    world["stage"] = project.stages[0]
    world["milestone"] = db.session.scalar(select(Milestone).where(
        Milestone.project_id == project.id, Milestone.owner_id == owner.id)
        .order_by(Milestone.id))
    world["done_milestone"] = Milestone(
        project_id=project.id, stage_id=project.stages[0].id, name="已完成", status="done",
        planned_date=date(2026, 3, 3), done_date=date(2026, 3, 3), owner_id=owner.id)
    db.session.add(world["done_milestone"])
    document = project.stages[1].required_documents[0]
    create_document(owner, project, title=None, category="management", requirement=document,
                    stream=BytesIO(b"form"), filename="立项申请表.txt")
    document.format_file_id = store_file(None, BytesIO(b"template"), "格式.txt").id
    world["document"] = document
    world["saved_filter"] = SavedFilter(user_id=owner.id, name="我的过滤", args={"kind": "presales"})
    db.session.add(world["saved_filter"])
    world["history_template"] = project.template_version.template
    world["sharing_rule"] = SharingRule(department_id=world["empty_dept"].id, category="安防")
    db.session.add(world["sharing_rule"])
    db.session.flush()
