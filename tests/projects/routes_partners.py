"""Route-permission table for projects.partners (see tests/test_route_permissions.py).

world["pw_project"]: a presales project created by "owner" (team role sales, in 华北组
under 销售部 whose head is "manager") with a partner and an assessed competitor;
world["pw_lost"]: one lost, whose analysis its managers edit. "outsider" and
"engineer" are not on their teams."""
from sicrm.projects.partners.services import competitors, partners, winloss
from tests.fixtures.factories import make_org
from tests.fixtures.projects import make_project
from tests.fixtures.routes import Case

PROJECT = {"project_id": "pw_project"}
PARTNER = {**PROJECT, "partner_id": "pw_partner"}
COMPETITOR = {**PROJECT, "competitor_id": "pw_competitor"}
REFUSED_VIEW = ("outsider", "engineer")

ROUTES: dict[str, Case] = {
    "partners.partner_add": Case(args=PROJECT, refused=REFUSED_VIEW, allowed="owner"),
    "partners.partner_edit": Case(args=PARTNER, refused=REFUSED_VIEW, allowed="owner"),
    "partners.partner_remove": Case("POST", args=PARTNER, refused=REFUSED_VIEW,
                                    allowed="owner"),
    "partners.competitor_add": Case(args=PROJECT, refused=REFUSED_VIEW, allowed="owner"),
    "partners.competitor_history": Case(args=COMPETITOR, refused=REFUSED_VIEW,
                                        allowed="owner"),
    "partners.competitor_assess": Case("POST", args=COMPETITOR, data={"position": "strong"},
                                       refused=REFUSED_VIEW, allowed="owner"),
    "partners.competitor_remove": Case("POST", args=COMPETITOR, refused=REFUSED_VIEW,
                                       allowed="owner"),
    "partners.analysis_edit": Case("POST", args={"project_id": "pw_lost"},
                                   data={"reason": "technology", "note": "方案落后"},
                                   refused=("outsider", "engineer", "owner"),
                                   allowed="manager"),
    "partners.report": Case(allowed="engineer"),
    "partners.reason_list": Case("POST", data={"code": "bid_error", "name_zh": "投标失误",
                                               "position": "5", "active": "y"},
                                 refused=("executive", "manager", "owner")),
}


def populate(world):
    owner = world["owner"]
    project = make_project(owner, customer=make_org("伙伴测试客户有限公司"), name="伙伴测试项目")
    world["pw_project"] = project
    world["pw_partner"] = partners.add_partner(owner, project, make_org("华为技术有限公司"),
                                               role="vendor", contract_value="1000000")
    world["pw_competitor"] = competitors.add_competitor(
        owner, project, make_org("某竞争集成商有限公司"), {"position": "even"})
    lost = make_project(owner, customer=make_org("丢单客户有限公司"), name="丢单项目")
    winloss.record_loss(owner, lost, status="lost", reason="price",
                        winner=world["pw_competitor"].organization)
    world["pw_lost"] = lost
