"""The organisation page lists the projects it is the customer of, its pipeline and
won amounts, and its receivables for those who may see the revenue (issue 12, #6)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.projects.finance.services import revenue
from tests.fixtures.factories import make_org, make_user
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries

START = date.today() - timedelta(days=60)


@pytest.fixture
def world(db, people):
    customer = make_org("客户甲")
    people["finance"] = make_user("finance", roles=[R.FINANCE])
    people["team_engineer"] = make_user("team_engineer", roles=[R.ENGINEER])
    seller, pm = people["seller"], people["pm"]
    open_one = make_project(seller, customer=customer, name="开放商机", amount="2000000",
                            pm=pm, start=START)
    won = make_project(seller, customer=customer, name="已赢项目", amount="600000",
                       start=START)
    won.status, won.signed_amount = "won", 500000
    impl = make_project(seller, version=make_version(kind="implementation"), customer=customer,
                        name="实施项目", amount="500000", pm=pm, start=START,
                        team=[(people["team_engineer"], "engineer")])
    hidden = make_project(people["outsider"], customer=customer, name="别人的项目",
                          amount="999999", start=START)
    instalment = revenue.add_instalment(pm, impl, name="预付款", percent="40",
                                        due_date=date.today() - timedelta(days=5))
    revenue.record_receipt(people["finance"], instalment, received_on=date.today(),
                           amount="50000")
    _db.session.flush()
    return {"customer": customer, "open": open_one, "won": won, "impl": impl,
            "hidden": hidden, **people}


def _total(html: str, name: str) -> str | None:
    """The amount shown in the element marked data-total=name, without the currency."""
    found = re.search(rf'data-total="{name}">[^<0-9]*([0-9][0-9,.]*)<', html)
    return found.group(1) if found else None


def _page(login_as, user, org):
    response = login_as(user).get(f"/organizations/{org.id}")
    assert response.status_code == 200
    return response.data.decode()


def test_customer_page_lists_visible_projects_with_stage_amount_pm(login_as, world):
    html = _page(login_as, world["seller"], world["customer"])
    assert 'id="org-customer-projects"' in html
    for key in ("open", "won", "impl"):
        assert world[key].code in html and world[key].name in html
    assert world["hidden"].code not in html and "别人的项目" not in html
    assert "李经理" in html  # the PM
    assert "Lead" in html  # the current stage, in the reader's language
    assert "3 projects" in html
    # pipeline: the open presales project; won: the signed amount, not the estimate,
    # and the implementation project is not counted again
    assert _total(html, "pipeline") == "2,000,000.00"
    assert _total(html, "won") == "500,000.00"
    assert "¥999,999.00" not in html


def test_customer_section_in_chinese(login_as, world):
    world["seller"].locale = "zh_CN"
    html = _page(login_as, world["seller"], world["customer"])
    assert "作为客户" in html and "线索" in html


def test_reader_without_projects_sees_no_customer_section(login_as, world):
    html = _page(login_as, world["engineer"], world["customer"])
    assert 'id="org-customer-projects"' not in html and world["open"].code not in html


def test_receivables_follow_the_revenue_rule(login_as, world):
    finance = _page(login_as, world["finance"], world["customer"])
    assert 'id="org-receivables"' in finance
    assert _total(finance, "planned") == "200,000.00"  # 40 % of 500,000
    assert _total(finance, "received") == "50,000.00"
    assert _total(finance, "overdue") == "150,000.00"
    pm = _page(login_as, world["pm"], world["customer"])
    assert 'id="org-receivables"' in pm  # the PM sees the revenue of the project
    engineer = _page(login_as, world["team_engineer"], world["customer"])
    assert world["impl"].code in engineer  # sees the project …
    assert 'id="org-receivables"' not in engineer and "¥50,000.00" not in engineer  # … not money


def test_customer_page_query_count_does_not_grow(login_as, world):
    client = login_as(world["seller"])
    url = f"/organizations/{world['customer'].id}"

    def count():
        _db.session.commit()
        client.get(url)
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    few = count()
    version = make_version(kind="implementation")
    for index in range(6):
        project = make_project(world["seller"], version=version, customer=world["customer"],
                               name=f"更多{index}", amount="1000", pm=world["pm"], start=START)
        revenue.add_instalment(world["pm"], project, name="款", percent="100",
                               due_date=date.today())
    many = count()
    assert many == few
    assert "更多5" in client.get(url).data.decode()
