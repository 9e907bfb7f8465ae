"""Partners on a project: typed roles, contacts, contract value; refusals; the
project tab and the organisation page."""
import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.core.org_sections import render_sections
from sicrm.extensions import db as _db
from sicrm.projects.models import ProjectEvent
from sicrm.projects.partners.models import ProjectPartner
from sicrm.projects.partners.services import competitors, partners, winloss
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_contact, make_org
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries
from tests.projects.test_winloss import pass_gates


@pytest.fixture
def setting(db, people):
    seller = people["seller"]
    project = make_project(seller, customer=make_org("某市公安局"), amount="2000000")
    vendor = make_org("华为技术有限公司")
    return {"seller": seller, "project": project, "vendor": vendor,
            "contact": make_contact(vendor, "张工"), "other_contact": make_contact(
                make_org("别家公司"), "李四")}


def _count(model=ProjectPartner) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def test_add_partner_with_contacts_and_value(setting):
    s = setting
    partner = partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor",
                                   status="contracted", contacts=[s["contact"]],
                                   responsibilities="核心交换机供货", contract_value="850000.5")
    assert partner.contract_value == Decimal("850000.50")
    assert [c.name for c in partner.contacts] == ["张工"]
    assert s["vendor"].is_partner
    event = _db.session.scalar(select(ProjectEvent).where(ProjectEvent.kind == "partner_added"))
    assert event.params["organization"] == "华为技术有限公司"


def test_same_organisation_may_hold_two_roles_but_not_one_twice(setting):
    s = setting
    partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor")
    partners.add_partner(s["seller"], s["project"], s["vendor"], role="agent")
    with pytest.raises(ServiceError) as error:
        partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor")
    assert error.value.field == "role" and "already a partner" in str(error.value.message)
    assert _count() == 2


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"contract_value": "-1"}, "contract_value", "cannot be negative"),
    ({"contract_value": "abc"}, "contract_value", "as a number"),
    ({"contract_value": "1e20"}, "contract_value", "between 0 and"),
    ({"role": "friend"}, "role", "partner role"),
    ({"status": "maybe"}, "status", "status"),
])
def test_bad_input_is_refused(setting, fields, field, message):
    s = setting
    with pytest.raises(ServiceError) as error:
        partners.add_partner(s["seller"], s["project"], s["vendor"],
                             **{"role": "vendor", **fields})
    assert error.value.field == field and message in str(error.value.message)
    assert _count() == 0


def test_customer_contacts_of_others_and_competitors_are_refused(setting):
    s = setting
    with pytest.raises(ServiceError, match="customer"):
        partners.add_partner(s["seller"], s["project"], s["project"].customer, role="other")
    with pytest.raises(ServiceError, match="contacts must belong"):
        partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor",
                             contacts=[s["other_contact"]])
    rival = make_org("对手公司")
    competitors.add_competitor(s["seller"], s["project"], rival)
    with pytest.raises(ServiceError, match="competitor on this project"):
        partners.add_partner(s["seller"], s["project"], rival, role="agent")
    assert _count() == 0


def test_update_and_remove(setting):
    s = setting
    partner = partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor")
    partners.add_partner(s["seller"], s["project"], s["vendor"], role="agent")
    with pytest.raises(ServiceError, match="already a partner"):
        partners.update_partner(s["seller"], partner, role="agent", status="prospective")
    partners.update_partner(s["seller"], partner, role="vendor", status="delivering",
                            contract_value=Decimal("12.30"), contacts=[s["contact"]])
    assert partner.status == "delivering" and partner.contract_value == Decimal("12.30")
    partners.remove_partner(s["seller"], partner)
    assert _count() == 1


def test_won_project_carries_partners_to_implementation(setting, people):
    s = setting
    partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor",
                         contacts=[s["contact"]], contract_value="100")
    pass_gates(s["seller"], s["project"])
    implementation = winloss.record_win(
        s["seller"], s["project"], signed_amount=Decimal("1900000"),
        signed_date=s["project"].start_date,
        implementation_version=make_version(kind="implementation"))
    carried = _db.session.scalars(select(ProjectPartner).where(
        ProjectPartner.project_id == implementation.id)).all()
    assert [(p.organization_id, p.role, [c.id for c in p.contacts]) for p in carried] == [
        (s["vendor"].id, "vendor", [s["contact"].id])]


# -- pages ---------------------------------------------------------------------------


def test_add_partner_page(login_as, setting):
    s = setting
    client = login_as(s["seller"])
    project_id = s["project"].id
    response = client.post(f"/projects/{project_id}/partners/new", data={
        "organization_id": s["vendor"].id, "role": "vendor", "status": "contracted",
        "contact_ids": [s["contact"].id], "contract_value": "-5"})
    assert response.status_code == 200 and b"The amount must be between" in response.data
    assert _count() == 0
    response = client.post(f"/projects/{project_id}/partners/new", data={
        "organization_id": s["vendor"].id, "role": "vendor", "status": "contracted",
        "contact_ids": [s["other_contact"].id], "contract_value": "5"})
    assert b"The contacts must belong" in response.data and _count() == 0
    response = client.post(f"/projects/{project_id}/partners/new", data={
        "organization_id": s["vendor"].id, "role": "vendor", "status": "contracted",
        "contact_ids": [s["contact"].id], "contract_value": "850000",
        "responsibilities": "核心交换机供货"})
    assert response.status_code == 302 and response.location.endswith("#tab-partners")
    page = client.get(f"/projects/{project_id}").data.decode()
    assert "华为技术有限公司" in page and "核心交换机供货" in page and "张工" in page
    assert "¥850,000.00" in page


def test_project_tab_query_count_does_not_grow(login_as, setting):
    s = setting
    client = login_as(s["seller"])
    project = s["project"]

    def count():
        _db.session.commit()
        client.get(f"/projects/{project.id}")
        with count_queries(_db.engine) as counter:
            assert client.get(f"/projects/{project.id}").status_code == 200
        return counter.count

    partners.add_partner(s["seller"], project, s["vendor"], role="vendor",
                         contacts=[s["contact"]])
    rival = competitors.add_competitor(s["seller"], project, make_org("对手0"),
                                       {"position": "even"})
    few = count()
    for index in range(4):
        org = make_org(f"伙伴{index}")
        partners.add_partner(s["seller"], project, org, role="subcontractor",
                             contacts=[make_contact(org, f"联系人{index}")])
        other = competitors.add_competitor(s["seller"], project, make_org(f"对手{index + 1}"),
                                           {"position": "weak"})
        competitors.assess(s["seller"], other, position="strong", strengths="价格低")
        competitors.assess(s["seller"], rival, position="leading")
    assert count() == few


def test_organisation_page_shows_partner_roles(app, login_as, setting, people):
    s = setting
    seller = s["seller"]
    partners.add_partner(seller, s["project"], s["vendor"], role="vendor",
                         contract_value="100")
    won = make_project(seller, customer=make_org("客户乙"))
    partners.add_partner(seller, won, s["vendor"], role="vendor", contract_value="50")
    partners.add_partner(seller, won, s["vendor"], role="agent", contract_value="25")
    lost = make_project(seller, customer=make_org("客户丙"))
    partners.add_partner(seller, lost, s["vendor"], role="subcontractor")
    won.status = "won"
    lifecycle.mark_lost(seller, lost, status="lost", reason="price")
    hidden = make_project(people["outsider"], customer=make_org("客户丁"))
    partners.add_partner(people["outsider"], hidden, s["vendor"], role="vendor",
                         contract_value="999")
    html = login_as(seller).get(f"/organizations/{s['vendor'].id}").data.decode()
    assert 'id="org-partner-roles"' in html
    assert "3 projects" in html  # the outsider's project is not counted
    assert "¥175.00" in html and "¥999" not in html
    assert "<strong>50%</strong>" in html  # won 1 of 2 decided
    admin_html = login_as(people["admin"]).get(f"/organizations/{s['vendor'].id}").data.decode()
    assert "4 projects" in admin_html and "¥1,174.00" in admin_html
    nothing = make_org("无关公司")
    _db.session.commit()
    with app.test_request_context():  # other packages' sections (schedule) build links
        sections = render_sections(seller, nothing)
    assert not [html for html in sections if "org-partner-roles" in html
                or "org-competitor-record" in html]



def test_organisation_page_query_count_does_not_grow(login_as, setting):
    s = setting
    client = login_as(s["seller"])
    url = f"/organizations/{s['vendor'].id}"

    def count():
        _db.session.commit()
        client.get(url)
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    partners.add_partner(s["seller"], s["project"], s["vendor"], role="vendor")
    competitors.add_competitor(s["seller"], make_project(s["seller"]), s["vendor"],
                               {"position": "even"})
    few = count()
    for index in range(4):
        project = make_project(s["seller"], customer=make_org(f"客户{index}"))
        partners.add_partner(s["seller"], project, s["vendor"], role="agent",
                             contract_value=str(index))
        competitors.add_competitor(s["seller"], make_project(s["seller"]), s["vendor"],
                                   {"position": "strong"})
    assert count() == few


def test_a_partner_carried_to_the_implementation_counts_once(login_as, setting, people):
    s = setting
    seller = s["seller"]
    partners.add_partner(seller, s["project"], s["vendor"], role="vendor",
                         contract_value="800000")
    pass_gates(seller, s["project"])
    implementation = winloss.record_win(
        people["manager"], s["project"], signed_amount="1900000",
        signed_date=s["project"].start_date,
        implementation_version=make_version(kind="implementation", name="实施"))
    carried = _db.session.scalars(select(ProjectPartner).where(
        ProjectPartner.project_id == implementation.id)).all()
    assert [(p.organization_id, p.contract_value) for p in carried] == [
        (s["vendor"].id, Decimal("800000.00"))]
    for user in (seller, people["admin"]):
        html = login_as(user).get(f"/organizations/{s['vendor'].id}").data.decode()
        section = html[html.index('id="org-partner-roles"'):]
        assert re.search(r"\b1 project\b", section) and "2 projects" not in section
        assert "¥800,000.00" in html and "¥1,600,000.00" not in html
        assert "<strong>100%</strong>" in html  # the engagement was won
    # a value changed on the implementation is the one counted
    partners.update_partner(seller, carried[0], role="vendor", status="contracted",
                            contract_value="750000")
    html = login_as(people["admin"]).get(f"/organizations/{s['vendor'].id}").data.decode()
    assert "¥750,000.00" in html and "¥1,550,000.00" not in html
