"""Competitors on a presales project, assessed stage by stage with their history."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects.partners.models import CompetitorAssessment, ProjectCompetitor
from sicrm.projects.partners.services import competitors, partners
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_org
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries


@pytest.fixture
def setting(db, people):
    seller = people["seller"]
    project = make_project(seller, customer=make_org("某省人民医院"), start=date(2030, 1, 7))
    return {"seller": seller, "project": project, "rival": make_org("神州某某系统集成有限公司")}


def _counts():
    return (_db.session.scalar(select(func.count()).select_from(ProjectCompetitor)),
            _db.session.scalar(select(func.count()).select_from(CompetitorAssessment)))


def test_link_with_first_assessment_then_history_per_stage(setting):
    s = setting
    project = s["project"]
    competitor = competitors.add_competitor(
        s["seller"], project, s["rival"],
        {"position": "strong", "solution": "超融合", "products": "华三", "price_low": "1800000",
         "price_high": "2100000", "relationship_notes": "与信息科关系好",
         "strengths": "本地服务", "weaknesses": "资质不足", "strategy": "强调等保资质"})
    assert s["rival"].is_competitor
    lead = project.current_stage
    lifecycle.finish_stage(s["seller"], project, on=date(2030, 1, 9))
    competitors.assess(s["seller"], competitor, position="leading", price_low=Decimal("1700000"))
    competitors.assess(s["seller"], competitor, position="even")  # same stage, later
    rows = _db.session.scalars(select(CompetitorAssessment).order_by(
        CompetitorAssessment.id)).all()
    assert [(r.stage_id, r.position) for r in rows] == [
        (lead.id, "strong"), (project.current_stage_id, "leading"),
        (project.current_stage_id, "even")]
    assert rows[0].price_high == Decimal("2100000.00") and rows[0].strategy == "强调等保资质"
    # an earlier stage the project reached may still be assessed
    competitors.assess(s["seller"], competitor, position="weak", stage=lead)
    with pytest.raises(ServiceError, match="has reached"):
        competitors.assess(s["seller"], competitor, position="weak", stage=project.stages[-1])


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"price_low": "-1"}, "price_low", "cannot be negative"),
    ({"price_high": "十万"}, "price_high", "as a number"),
    ({"price_low": "300", "price_high": "200"}, "price_high", "lowest price cannot be above"),
    ({"position": "winning"}, "position", "position"),
])
def test_bad_assessments_are_refused(setting, fields, field, message):
    s = setting
    competitor = competitors.add_competitor(s["seller"], s["project"], s["rival"])
    with pytest.raises(ServiceError) as error:
        competitors.assess(s["seller"], competitor, **{"position": "even", **fields})
    assert error.value.field == field and message in str(error.value.message)
    assert _counts() == (1, 0)


def test_customer_duplicates_partners_and_implementation_are_refused(setting, people):
    s = setting
    project = s["project"]
    with pytest.raises(ServiceError, match="customer cannot be a competitor"):
        competitors.add_competitor(s["seller"], project, project.customer)
    competitors.add_competitor(s["seller"], project, s["rival"])
    with pytest.raises(ServiceError, match="already a competitor"):
        competitors.add_competitor(s["seller"], project, s["rival"])
    agent = make_org("代理商")
    partners.add_partner(s["seller"], project, agent, role="agent")
    with pytest.raises(ServiceError, match="is a partner"):
        competitors.add_competitor(s["seller"], project, agent)
    implementation = make_project(s["seller"], version=make_version(kind="implementation"))
    with pytest.raises(ServiceError, match="presales"):
        competitors.add_competitor(s["seller"], implementation, make_org("别家"))
    # a first assessment that is refused takes the link with it (one transaction)
    assert _counts() == (1, 0)


def test_winner_cannot_be_removed(setting):
    s = setting
    competitor = competitors.add_competitor(s["seller"], s["project"], s["rival"],
                                            {"position": "leading"})
    lifecycle.mark_lost(s["seller"], s["project"], status="lost", reason="price",
                        winner=s["rival"])
    with pytest.raises(ServiceError, match="won the project"):
        competitors.remove_competitor(s["seller"], competitor)
    s["project"].winner_id = None
    competitors.remove_competitor(s["seller"], competitor)
    assert _counts() == (0, 0)


# -- pages ---------------------------------------------------------------------------


def test_add_and_assess_pages(login_as, setting):
    s = setting
    client = login_as(s["seller"])
    pid = s["project"].id
    response = client.post(f"/projects/{pid}/competitors/new", data={
        "organization_id": s["project"].customer_id, "position": "even"})
    assert b"The customer cannot be a competitor" in response.data and _counts() == (0, 0)
    response = client.post(f"/projects/{pid}/competitors/new", data={
        "organization_id": s["rival"].id, "position": "strong", "price_low": "500",
        "price_high": "100"})
    assert b"The lowest price cannot be above the highest." in response.data
    assert _counts() == (0, 0)  # refused: the link is not kept either
    response = client.post(f"/projects/{pid}/competitors/new", data={
        "organization_id": s["rival"].id, "position": "strong", "price_low": "100",
        "price_high": "500", "strategy": "主打本地化服务"})
    assert response.status_code == 302 and _counts() == (1, 1)
    competitor = _db.session.scalar(select(ProjectCompetitor))
    form = client.get(f"/projects/{pid}/competitors/{competitor.id}/assess").data.decode()
    assert "主打本地化服务" in form  # prefilled from the last assessment
    response = client.post(f"/projects/{pid}/competitors/{competitor.id}/assess", data={
        "position": "leading", "price_low": "abc"})
    assert response.status_code == 200 and _counts() == (1, 1)
    client.post(f"/projects/{pid}/competitors/{competitor.id}/assess",
                data={"position": "leading"})
    page = client.get(f"/projects/{pid}").data.decode()
    assert 'id="competitor-stages"' in page and "Leading" in page
    history = client.get(f"/projects/{pid}/competitors/{competitor.id}").data.decode()
    assert history.count('class="card shadow-sm"') == 2


def test_history_query_count_does_not_grow(login_as, setting, people):
    s = setting
    competitor = competitors.add_competitor(s["seller"], s["project"], s["rival"],
                                            {"position": "even"})
    client = login_as(s["seller"])
    url = f"/projects/{s['project'].id}/competitors/{competitor.id}"

    def count():
        _db.session.commit()
        client.get(url)
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    few = count()
    for person in (people["manager"], people["pm"], people["admin"]):
        competitors.assess(person, competitor, position="strong")
    assert count() == few
