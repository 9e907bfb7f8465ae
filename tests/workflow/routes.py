"""Route-permission table for workflow (see tests/test_route_permissions.py)."""
from datetime import date

from sicrm.extensions import db
from sicrm.projects.services.lifecycle import finish_stage
from sicrm.workflow.models import RoutingRule
from sicrm.workflow.services import reviews
from tests.fixtures.projects import PRESALES, make_project, make_version
from tests.fixtures.routes import Case

RULE_FORM = {"name": "安防项目", "position": "1", "active": "y", "match_category": "安防",
             "tasks": "现场勘察 | engineer | 3"}

ROUTES = {
    "workflow.gate_submit": Case("POST", args={"project_id": "gate_project"},
                                 refused=("outsider", "engineer"), allowed="owner"),
    "workflow.inbox": Case(allowed="engineer"),
    "workflow.review_view": Case(args={"review_id": "review"}, refused=("outsider",),
                                 allowed="manager"),
    "workflow.review_decide": Case("POST", args={"review_id": "review"},
                                   data={"decision": "approve"},
                                   refused=("outsider", "owner"), allowed="manager"),
    "workflow.rule_list": Case(refused=("executive", "manager")),
    "workflow.rule_create": Case("POST", data=RULE_FORM, refused=("executive", "manager")),
    "workflow.rule_edit": Case("POST", args={"rule_id": "rule"}, data=RULE_FORM,
                               refused=("executive", "manager")),
    "workflow.rule_delete": Case("POST", args={"rule_id": "rule"},
                                 refused=("executive", "manager")),
}


def _definition():
    stages = [dict(stage) for stage in PRESALES["stages"]]
    stages[1] = {**stages[1], "documents": []}
    return {"stages": stages}


def populate(world):
    version = make_version(_definition(), name="流程测试模板")
    owner = world["owner"]
    for name in ("gate_project", "reviewed_project"):
        world[name] = make_project(owner, version=version, customer=world["org"],
                                   start=date(2026, 3, 2), name=name)
        finish_stage(owner, world[name], on=date(2026, 3, 3))
    world["review"] = reviews.submit(owner, world["reviewed_project"], checked=[0])
    world["rule"] = RoutingRule(name="旧规则", tasks=[])
    db.session.add(world["rule"])
    db.session.flush()
