"""Contacts (issue 12, #14) with projects and the schedule: the contact's page shows
the projects and events it plays a part in, and phone numbers and e-mail are shown
only to those who work with the customer (the core rule, fed by projects)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sicrm.core import roles as R
from sicrm.core.services import organizations as services
from sicrm.extensions import db as _db
from sicrm.forum.schedule import services as schedule
from sicrm.projects.partners.services import partners
from tests.fixtures.factories import make_contact, make_org, make_user
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries


def test_contact_page_links_and_sections(login_as, db, people):
    seller = people["seller"]
    customer, vendor = make_org("客户甲"), make_org("原厂乙")
    contact = make_contact(vendor, "张工", title="技术总监", mobile="13800001111")
    project = make_project(seller, customer=customer, name="数据中心项目")
    partners.add_partner(seller, project, vendor, role="vendor", contacts=[contact])
    start = datetime.now().replace(microsecond=0) + timedelta(days=2)
    schedule.create_event(seller, schedule.EventData(
        title="技术交流会", start=start, end=start + timedelta(hours=1),
        contact_ids=[contact.id], organization_id=vendor.id), project=project)
    client = login_as(seller)
    assert f"/contacts/{contact.id}" in client.get("/contacts/").data.decode()
    assert f"/contacts/{contact.id}" in client.get(f"/organizations/{vendor.id}").data.decode()
    html = client.get(f"/contacts/{contact.id}").data.decode()
    assert "张工" in html and "技术总监" in html and f"/organizations/{vendor.id}" in html
    assert 'id="contact-projects"' in html and project.code in html
    assert 'id="contact-schedule"' in html and "技术交流会" in html
    # someone who sees neither the project nor the event sees the contact, not them
    outsider = login_as(people["engineer"]).get(f"/contacts/{contact.id}").data.decode()
    assert "张工" in outsider and project.code not in outsider and "技术交流会" not in outsider
    assert login_as(people["engineer"]).get("/contacts/999999").status_code == 404


# -- who sees phone numbers --------------------------------------------------------------


@pytest.fixture
def customer_world(db, people):
    customer = make_org("客户丙", owner=people["seller"])
    contact = make_contact(customer, "赵主任", mobile="13812348888", phone="010-66668888",
                           email="zhao@example.cn")
    services.update_contact(people["seller"], contact, mobile="13812349999")  # history
    people["insider"] = make_user("insider", roles=[R.ENGINEER], full_name="项目内工程师")
    people["presales"] = make_user("presales_x", roles=[R.PRESALES])
    project = make_project(people["seller"], customer=customer, name="客户丙项目",
                           team=[(people["insider"], "engineer")])
    return {"customer": customer, "contact": contact, "project": project, **people}


PRIVATE = ("13812349999", "13812348888", "66668888", "zhao@example.cn")


def _pages(client, world):
    org, contact = world["customer"], world["contact"]
    return {
        "organisation": client.get(f"/organizations/{org.id}").data.decode(),
        "list": client.get("/contacts/").data.decode(),
        "contact": client.get(f"/contacts/{contact.id}").data.decode(),
        "search": client.get("/contacts/?q=赵").data.decode(),
    }


def test_engineer_outside_the_customers_projects_sees_no_phone(login_as, customer_world):
    pages = _pages(login_as(customer_world["engineer"]), customer_world)
    for name, html in pages.items():
        assert "赵主任" in html, name
        for private in PRIVATE:
            assert private not in html, (name, private)  # also not in the history
    assert "contact-hidden" in pages["contact"]
    # nor can a number be found by searching for it
    found = login_as(customer_world["engineer"]).get("/contacts/?q=1381234").data.decode()
    assert "赵主任" not in found
    presales = _pages(login_as(customer_world["presales"]), customer_world)
    assert "13812349999" not in presales["contact"]


@pytest.mark.parametrize("who", ["insider", "seller", "manager", "admin"])
def test_team_member_sales_managers_and_admins_see_phones(login_as, customer_world, who):
    pages = _pages(login_as(customer_world[who]), customer_world)
    for name, html in pages.items():
        assert "13812349999" in html, (who, name)
    assert "zhao@example.cn" in pages["contact"] and "66668888" in pages["contact"]


def test_partner_contacts_phone_on_the_project_page(login_as, customer_world):
    world = customer_world
    vendor = make_org("原厂丁")
    contact = make_contact(vendor, "钱经理", mobile="13700007777")
    partners.add_partner(world["seller"], world["project"], vendor, role="vendor",
                         contacts=[contact])
    url = f"/projects/{world['project'].id}"
    assert "13700007777" in login_as(world["insider"]).get(url).data.decode()
    # an executive-level viewer sees it; a department-shared viewer without the rule
    # would not (covered by the rule's own test above)
    assert "13700007777" in login_as(world["admin"]).get(url).data.decode()
    assert "13700007777" in login_as(world["insider"]).get(
        f"/contacts/{contact.id}").data.decode()
    assert "13700007777" not in login_as(world["engineer"]).get(
        f"/contacts/{contact.id}").data.decode()


def test_contact_list_query_count_does_not_grow(login_as, customer_world):
    client = login_as(customer_world["insider"])

    def count():
        _db.session.commit()
        client.get("/contacts/")
        with count_queries(_db.engine) as counter:
            assert client.get("/contacts/").status_code == 200
        return counter.count

    make_contact(make_org("无关客户"), "无关联系人")  # one the insider does not work with
    few = count()
    for index in range(6):
        org = make_org(f"更多客户{index}")
        make_contact(org, f"联系人{index}", mobile=f"1390000000{index}")
        make_project(customer_world["seller"], customer=org, name=f"项目{index}",
                     team=[(customer_world["insider"], "engineer")] if index % 2 else ())
    assert count() == few
    html = client.get("/contacts/").data.decode()
    assert "13900000001" in html and "13900000000" not in html
