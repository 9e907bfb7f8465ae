"""Win/loss analysis: filled when marking won or lost, edited afterwards; reasons an
administrator configures; the report."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects.partners import reasons
from sicrm.projects.partners.models import WinLossAnalysis
from sicrm.projects.partners.services import competitors, winloss
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries


def pass_gates(actor, project) -> None:
    """Finish stages until every gate of the project has passed."""
    while not lifecycle.gates_passed(project):
        stage = project.current_stage
        lifecycle.finish_stage(actor, project, gate_passed=bool(stage.gate),
                               on=stage.actual_start)


def _analyses() -> int:
    return _db.session.scalar(select(func.count()).select_from(WinLossAnalysis))


def test_record_loss_writes_project_and_analysis(db, people):
    seller = people["seller"]
    project = make_project(seller)
    rival = make_org("对手甲")
    analysis = winloss.record_loss(seller, project, status="lost", reason="price", winner=rival,
                                   note="报价高出 8%", other_reasons=["relationship", "price"],
                                   our_price="1080000", winning_price=Decimal("1000000"))
    assert (project.status, project.outcome_reason, project.winner_id, project.outcome_note) == (
        "lost", "price", rival.id, "报价高出 8%")
    assert analysis.other_reasons == ["relationship"]  # the main reason is not repeated
    assert analysis.gap == Decimal("80000.00")


@pytest.mark.parametrize(("fields", "field"), [
    ({"our_price": "-1"}, "our_price"),
    ({"winning_price": "x"}, "winning_price"),
    ({"reason": "nonsense"}, "reason"),
    ({"other_reasons": ["nonsense"]}, "other_reasons"),
])
def test_refused_loss_changes_nothing(db, people, fields, field):
    seller = people["seller"]
    project = make_project(seller)
    _db.session.commit()
    with pytest.raises(ServiceError) as error:
        winloss.record_loss(seller, project, **{"status": "lost", "reason": "price", **fields})
    assert error.value.field == field
    _db.session.rollback()
    assert project.status == "active" and _analyses() == 0


def test_customer_cannot_be_the_winner_and_we_have_no_winner_when_won(db, people):
    seller = people["seller"]
    project = make_project(seller)
    _db.session.commit()
    with pytest.raises(ServiceError, match="customer cannot have won"):
        winloss.record_loss(seller, project, status="lost", reason="price",
                            winner=project.customer)
    _db.session.rollback()
    won = make_project(seller)
    pass_gates(seller, won)
    winloss.record_win(seller, won, reason="technology", lessons="方案领先",
                       signed_amount=Decimal("500"), signed_date=date(2026, 3, 2),
                       implementation_version=make_version(kind="implementation"))
    assert won.outcome_reason == "technology" and won.outcome_note == "方案领先"
    analysis = winloss.analysis_of(won)
    assert analysis.our_price == analysis.winning_price == Decimal("500")
    with pytest.raises(ServiceError, match="leave"):
        winloss.save_analysis(seller, won, reason="price", winner=make_org("某对手"))


def test_reasons_are_configurable(db, people):
    admin, seller = people["admin"], people["seller"]
    winloss.save_reason(admin, "bid_error", name_zh="投标文件失误", name_en="Bid error",
                        position=5)
    winloss.save_reason(admin, "timing", name_zh="时机", position=80, active=False)
    codes = [code for code, _ in reasons.reason_choices("en")]
    assert codes[0] == "bid_error" and "timing" not in codes
    assert reasons.reason_labels("zh_CN")["timing"] == "时机"
    project = make_project(seller)
    with pytest.raises(ServiceError):
        lifecycle.mark_lost(seller, project, status="lost", reason="timing")
    winloss.record_loss(seller, project, status="lost", reason="bid_error")
    # the reason recorded stays valid when editing, even once switched off
    winloss.save_reason(admin, "bid_error", name_zh="投标文件失误", active=False)
    winloss.save_analysis(seller, project, reason="bid_error", lessons="复核标书")
    with pytest.raises(ServiceError, match="32 letters"):
        winloss.save_reason(admin, "Bad Code", name_zh="x")


def test_lost_page_records_the_analysis(login_as, db, people):
    manager = people["manager"]
    project = make_project(people["seller"])
    rival = make_org("对手乙", is_competitor=True)
    client = login_as(manager)
    page = client.get(f"/projects/{project.id}/lost").data.decode()
    assert "Winning price (CNY)" in page and "Other reasons" in page
    response = client.post(f"/projects/{project.id}/lost", data={
        "status": "lost", "reason": "price", "winner_id": rival.id, "our_price": "-3",
        "note": "x"})
    assert response.status_code == 200 and _analyses() == 0
    response = client.post(f"/projects/{project.id}/lost", data={
        "status": "lost", "reason": "price", "winner_id": rival.id, "our_price": "110",
        "winning_price": "100", "other_reasons": ["relationship"], "note": "低价中标"})
    assert response.status_code == 302
    _db.session.expire_all()
    assert project.status == "lost" and winloss.analysis_of(project).our_price == Decimal("110")
    tab = client.get(f"/projects/{project.id}").data.decode()
    assert 'id="price-gap"' in tab and "+10.0%" in tab and "Customer relationship" in tab
    edit = client.post(f"/projects/{project.id}/win-loss", data={
        "reason": "technology", "winner_id": rival.id, "our_price": "110",
        "winning_price": "105", "note": "技术评分落后"})
    assert edit.status_code == 302
    _db.session.expire_all()
    assert project.outcome_reason == "technology"
    assert winloss.analysis_of(project).winning_price == Decimal("105")


def _decided_set(people):
    """Seller's department: won a, b (industries finance, healthcare), lost c to X
    (dearer by 20%) and d to Y (cheaper by 10%), abandoned e; another department: f lost
    to X, not visible to the seller."""
    seller = people["seller"]
    x, y = make_org("对手X"), make_org("对手Y")
    made = {}
    for name, industry in (("a", "finance"), ("b", "healthcare"), ("c", "finance"),
                           ("d", "finance"), ("e", "finance")):
        made[name] = make_project(seller, name=f"项目{name}", industry=industry)
    for name in "ab":
        competitors.add_competitor(seller, made[name], x, {"position": "weak"})
        pass_gates(seller, made[name])
        winloss.record_win(seller, made[name], reason="technology",
                           signed_amount=Decimal("100"), signed_date=date(2026, 3, 2),
                           implementation_version=make_version(kind="implementation"))
    winloss.record_loss(seller, made["c"], status="lost", reason="price", winner=x,
                        our_price="120", winning_price="100")
    competitors.add_competitor(seller, made["d"], x, {"position": "even"})
    winloss.record_loss(seller, made["d"], status="lost", reason="relationship", winner=y,
                        our_price="90", winning_price="100")
    winloss.record_loss(seller, made["e"], status="abandoned", reason="budget_cut")
    east = make_user("east", roles=[R.SALES], department=make_department("华东组"))
    made["f"] = make_project(east, name="项目f", industry="finance")
    winloss.record_loss(east, made["f"], status="lost", reason="price", winner=x)
    return made


def test_report_figures(login_as, db, people):
    _decided_set(people)
    html = login_as(people["seller"]).get("/projects/win-loss").data.decode()
    assert '<div class="fs-4" id="win-rate">50.0%</div>' in html  # 2 won of 4 decided
    competitor_rows = html[html.index('id="by-competitor"'):]
    x_row = competitor_rows[competitor_rows.index("对手X"):competitor_rows.index("</tr>",
                                                                         competitor_rows.index("对手X"))]
    # met X on a, b (won), c (lost to X), d (lost to Y): 2 of 4 = 50%; f is not visible
    assert "50.0%" in x_row
    assert "+5.0%" in html  # average of +20% and −10%
    assert '<li data-code="price">Price: 1</li>' in html
    assert '<li data-code="budget_cut">Budget cut: 1</li>' in html
    assert 'id="chart-competitors"' in html and 'id="chart-industries"' in html
    finance = login_as(people["seller"]).get("/projects/win-loss?industry=finance").data.decode()
    assert '<div class="fs-4" id="win-rate">33.3%</div>' in finance  # a won; c, d lost
    admin = login_as(people["admin"]).get("/projects/win-loss").data.decode()
    assert '<div class="fs-4" id="win-rate">40.0%</div>' in admin  # f counts for the admin
    reasons_list = admin[admin.index('id="loss-reasons"'):]
    assert reasons_list.index("Price: 2") < reasons_list.index("Budget cut: 1")


def test_report_query_count_does_not_grow(login_as, db, people):
    client = login_as(people["seller"])

    def count():
        _db.session.commit()
        client.get("/projects/win-loss")
        with count_queries(_db.engine) as counter:
            assert client.get("/projects/win-loss").status_code == 200
        return counter.count

    seller = people["seller"]
    winloss.record_loss(seller, make_project(seller), status="lost", reason="price",
                        winner=make_org("对手0"))
    few = count()
    for index in range(5):
        project = make_project(seller, industry="energy")
        competitors.add_competitor(seller, project, make_org(f"对手{index + 1}"))
        winloss.record_loss(seller, project, status="lost", reason="timing",
                            our_price="10", winning_price="9")
    assert count() == few


def test_reasons_page(login_as, db, people):
    client = login_as(people["admin"])
    response = client.post("/projects/win-loss/reasons", data={
        "code": "bid_error", "name_zh": "投标失误", "name_en": "Bid error", "position": "0",
        "active": "y"})
    assert response.status_code == 302
    page = client.get("/projects/win-loss/reasons").data.decode()
    assert 'data-code="bid_error"' in page and page.index("bid_error") < page.index(
        'data-code="price"')
    *others, last = list(reasons.reason_labels("en"))
    for code in others:
        winloss.save_reason(people["admin"], code, name_zh=code, active=False)
    _db.session.commit()
    response = client.post("/projects/win-loss/reasons", data={
        "code": last, "name_zh": "最后一个", "position": "1"})
    assert b"At least one reason must stay offered." in response.data
    _db.session.expire_all()
    assert reasons.reason_choices("en") == [(last, reasons.reason_labels("en")[last])]
