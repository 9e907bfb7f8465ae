"""Finance pages through the browser's eyes: the project page's finance tab, who sees
what, the budget warning and its confirmation, approvals from "waiting for me",
payments recorded by finance, refusals shown, and query counts that do not grow."""
from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from sicrm.core.views import uploads
from sicrm.extensions import db as _db
from sicrm.projects.finance.models import (
    EffortEntry,
    Expense,
    Instalment,
    Invoice,
    Receipt,
)
from sicrm.projects.finance.services import costs, revenue
from tests.fixtures.kept import kept_tokens
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries
from tests.projects.finance_world import START

YESTERDAY = date.today() - timedelta(days=1)


def count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def expense(actor, project, amount="800", **kwargs):
    return costs.submit_expense(actor, project, category=kwargs.pop("category", "travel"),
                                spent_on=YESTERDAY, amount=amount,
                                description=kwargs.pop("description", "出差北京"), **kwargs)


def page(client, project) -> str:
    response = client.get(f"/projects/{project.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_finance_tab_shows_burn_expenses_and_plan(login_as, fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"travel": "1000"})
    expense(fin["engineer"], p, amount="600", description="机票")
    revenue.add_instalment(fin["pm"], p, name="签约款", percent="30", due_date=YESTERDAY)
    html = page(login_as(fin["pm"]), p)
    assert 'id="finance-tab"' in html and 'id="burn-table"' in html
    assert "机票" in html and "Waiting for the PM" in html and ">Approve<" in html
    assert "签约款" in html and "Overdue" in html and 'id="fin-margin"' in html


def test_engineers_see_costs_not_revenue_and_observers_see_nothing(login_as, fin):
    p = fin["impl"]
    revenue.add_instalment(fin["pm"], p, name="签约款", percent="30", due_date=YESTERDAY)
    html = page(login_as(fin["engineer"]), p)
    assert 'id="finance-panel"' in html and 'id="add-expense"' in html
    assert "签约款" not in html and 'id="fin-margin"' not in html
    html = page(login_as(fin["observer"]), p)
    assert 'id="finance-tab"' not in html and 'id="finance-panel"' not in html
    assert login_as(fin["observer"]).get(f"/projects/{p.id}/finance").status_code == 403


def test_finance_sees_any_project_finance_page(login_as, fin):
    p = fin["impl"]
    revenue.add_instalment(fin["pm"], p, name="签约款", percent="30", due_date=YESTERDAY)
    client = login_as(fin["finance"])
    assert client.get(f"/projects/{p.id}").status_code == 403  # not the project page
    html = client.get(f"/projects/{p.id}/finance").get_data(as_text=True)
    assert "签约款" in html and "Record invoice" in html and 'id="add-expense"' not in html


def test_passing_the_budget_asks_for_confirmation(login_as, fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"travel": "1000"})
    client = login_as(fin["engineer"])
    form = {"category": "travel", "spent_on": YESTERDAY.isoformat(), "amount": "1200",
            "description": "出差", "spent_by_id": str(fin["engineer"].id)}
    response = client.post(f"/projects/{p.id}/finance/expenses/new", data=form)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="budget-warning"' in html and "over its budget" in html
    assert count(Expense) == 0
    response = client.post(f"/projects/{p.id}/finance/expenses/new",
                           data={**form, "confirm_over_budget": "y"})
    assert response.status_code == 302 and response.location.endswith("#tab-finance")
    assert _db.session.scalars(select(Expense)).one().over_budget is True


def test_an_expense_with_a_receipt_and_bad_amounts(login_as, fin):
    p = fin["impl"]
    client = login_as(fin["engineer"])
    form = {"category": "equipment", "spent_on": YESTERDAY.isoformat(),
            "description": "交换机", "spent_by_id": str(fin["engineer"].id)}
    for bad in ("-100", "abc"):
        response = client.post(f"/projects/{p.id}/finance/expenses/new",
                               data={**form, "amount": bad})
        assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    assert count(Expense) == 0
    response = client.post(f"/projects/{p.id}/finance/expenses/new", data={
        **form, "amount": "3,500.50", "receipt": (io.BytesIO(b"%PDF-1.4 x"), "发票.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    e = _db.session.scalars(select(Expense)).one()
    assert e.amount == Decimal("3500.50")
    download = client.get(f"/projects/{p.id}/finance/expenses/{e.id}/receipt")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")


def test_a_person_outside_the_choices_is_refused(login_as, fin):
    client = login_as(fin["engineer"])  # may only name themselves
    response = client.post(f"/projects/{fin['impl'].id}/finance/expenses/new", data={
        "category": "travel", "spent_on": YESTERDAY.isoformat(), "amount": "10",
        "description": "x", "spent_by_id": str(fin["pm"].id)})
    assert response.status_code == 200 and count(Expense) == 0


def test_waiting_for_me_and_approval_in_two_levels(login_as, fin):
    p = fin["impl"]
    big = expense(fin["engineer"], p, amount="8000", description="服务器")
    own = expense(fin["pm"], p, amount="100", description="自己的")
    pm = login_as(fin["pm"])
    html = pm.get("/finance/approvals").get_data(as_text=True)
    assert "服务器" in html and "自己的" not in html
    assert login_as(fin["finance"]).get("/finance/approvals").get_data(
        as_text=True).count('<tr id="expense-') == 0
    response = pm.post(f"/projects/{p.id}/finance/expenses/{big.id}/decide?next=approvals",
                       data={"decision": "approved"})
    assert response.location.endswith("/finance/approvals")
    html = login_as(fin["finance"]).get("/finance/approvals").get_data(as_text=True)
    assert "服务器" in html and "Approved by the PM" in html
    # the manager approves the PM's own
    assert "自己的" in login_as(fin["manager"]).get("/finance/approvals").get_data(as_text=True)
    login_as(fin["finance"]).post(f"/projects/{p.id}/finance/expenses/{big.id}/decide",
                                  data={"decision": "rejected", "note": ""})
    _db.session.refresh(big)
    assert big.status == "pm_approved"  # a rejection without a reason is refused
    login_as(fin["finance"]).post(f"/projects/{p.id}/finance/expenses/{big.id}/decide",
                                  data={"decision": "rejected", "note": "超标"})
    _db.session.refresh(big)
    assert big.status == "rejected"
    assert own.status == "submitted"


def test_an_approved_expense_cannot_be_edited(login_as, fin):
    p = fin["impl"]
    e = expense(fin["engineer"], p)
    costs.decide_expense(fin["pm"], e, "approved")
    client = login_as(fin["engineer"])
    assert client.get(f"/projects/{p.id}/finance/expenses/{e.id}/edit").status_code == 403
    assert client.post(f"/projects/{p.id}/finance/expenses/{e.id}/delete").status_code == 403


def test_effort_logged_from_the_tab(login_as, fin):
    p = fin["presales"]
    client = login_as(fin["engineer"])
    response = client.post(f"/projects/{p.id}/finance/effort", data={
        "user_id": str(fin["engineer"].id), "work_date": YESTERDAY.isoformat(),
        "hours": "30"})
    assert response.status_code == 302 and count(EffortEntry) == 0
    client.post(f"/projects/{p.id}/finance/effort", data={
        "user_id": str(fin["engineer"].id), "work_date": YESTERDAY.isoformat(),
        "hours": "6.5", "note": "标书"})
    assert _db.session.scalars(select(EffortEntry)).one().hours == Decimal("6.50")


def test_the_bid_warning_shows_on_the_project_page(login_as, fin, app):
    p = fin["presales"]
    app.config["SICRM_BID_COST_SHARE"] = "0.001"  # 1,000 of 1,000,000 expected
    try:
        costs.log_effort(fin["engineer"], p, person=None, work_date=YESTERDAY, hours="4")
        html = page(login_as(fin["pm"]), p)
    finally:
        app.config["SICRM_BID_COST_SHARE"] = "0.05"
    assert 'id="bid-signal"' in html and "Is this bid still worth it?" in html
    assert "text-bg-danger" in html.split('id="finance-tab"')[1].split("</li>")[0]
    html = page(login_as(fin["pm"]), p)
    assert "Is this bid still worth it?" not in html


def test_payment_plan_invoices_and_receipts_through_the_pages(login_as, fin):
    p = fin["impl"]
    pm = login_as(fin["pm"])
    response = pm.post(f"/projects/{p.id}/finance/instalments/new", data={
        "name": "签约款", "percent": "30", "due_date": YESTERDAY.isoformat()})
    assert response.status_code == 302
    response = pm.post(f"/projects/{p.id}/finance/instalments/new", data={
        "name": "到货款", "percent": "80", "due_date": YESTERDAY.isoformat()})
    assert response.status_code == 200 and "100 %" in response.get_data(as_text=True)
    i = _db.session.scalars(select(Instalment)).one()
    money = login_as(fin["finance"])
    money.post(f"/projects/{p.id}/finance/instalments/{i.id}/invoices", data={
        "number": "04412345", "issued_on": YESTERDAY.isoformat(), "amount": "300000"})
    money.post(f"/projects/{p.id}/finance/instalments/{i.id}/receipts", data={
        "received_on": YESTERDAY.isoformat(), "amount": "300000.01"})  # too much
    money.post(f"/projects/{p.id}/finance/instalments/{i.id}/receipts", data={
        "received_on": YESTERDAY.isoformat(), "amount": "120000"})
    assert count(Invoice) == 1 and count(Receipt) == 1
    html = money.get("/finance/receivables").get_data(as_text=True)
    assert "签约款" in html and "180,000.00" in html


def test_the_finance_tab_reads_in_chinese(login_as, fin):
    p = fin["impl"]
    fin["pm"].locale = "zh_CN"
    costs.set_budget(fin["pm"], p, {"travel": "1000"})
    html = page(login_as(fin["pm"]), p)
    assert "¥1,000.00" in html


def test_finance_pages_do_not_grow_in_queries(login_as, fin, db):
    big = fin["impl"]
    small = make_project(fin["seller"], version=make_version(kind="implementation"),
                         start=START, pm=fin["pm"], department=fin["north"], amount="500",
                         team=[(fin["engineer"], "engineer")], name="小项目")
    for target in (small, big):
        costs.set_budget(fin["pm"], target, {"travel": "100000", "equipment": "100"})
    expense(fin["engineer"], small)
    revenue.add_instalment(fin["pm"], small, name="款", percent="10", due_date=YESTERDAY)
    for i in range(12):
        e = expense(fin["engineer"], big, amount=str(100 + i),
                    receipt=(io.BytesIO(b"%PDF-1.4"), f"r{i}.pdf"))
        if i % 2:
            costs.decide_expense(fin["pm"], e, "approved")
        elif i % 3 == 0:
            costs.decide_expense(fin["pm"], e, "rejected", "不对")
        costs.log_effort(fin["engineer"], big, person=None,
                         work_date=YESTERDAY - timedelta(days=i), hours="1")
    for n in range(4):
        inst = revenue.add_instalment(fin["pm"], big, name=f"款{n}", percent="10",
                                      due_date=YESTERDAY)
        revenue.issue_invoice(fin["finance"], inst, number=f"F{n}", issued_on=YESTERDAY,
                              amount="1000")
        revenue.record_receipt(fin["finance"], inst, received_on=YESTERDAY, amount="500")
    client = login_as(fin["pm"])

    def queries_for(url, who=client):
        who.get(url)
        with count_queries(db.engine) as counter:
            assert who.get(url).status_code == 200
        return counter.count

    assert queries_for(f"/projects/{big.id}/finance") == queries_for(
        f"/projects/{small.id}/finance")
    assert queries_for(f"/projects/{big.id}") == queries_for(f"/projects/{small.id}")
    finance = login_as(fin["finance"])
    few = queries_for("/finance/approvals", finance)
    for _ in range(10):
        e = expense(fin["engineer"], big, amount="9000", confirm_over_budget=True)
        costs.decide_expense(fin["pm"], e, "approved")
    assert queries_for("/finance/approvals", finance) == few
    receivable = queries_for("/finance/receivables", finance)
    revenue.add_instalment(fin["pm"], small, name="款2", percent="10", due_date=YESTERDAY)
    assert queries_for("/finance/receivables", finance) == receivable


def test_the_forms_render_with_their_current_values(login_as, fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"travel": "1234.50"}, {"travel": "两次出差"})
    e = expense(fin["engineer"], p, amount="99.90", description="打车")
    i = revenue.add_instalment(fin["pm"], p, name="签约款", percent="30",
                               milestone=p.stages[0].milestones[0])
    pm = login_as(fin["pm"])
    html = pm.get(f"/projects/{p.id}/finance/budget").get_data(as_text=True)
    assert 'value="1234.50"' in html and "两次出差" in html
    html = login_as(fin["engineer"]).get(
        f"/projects/{p.id}/finance/expenses/{e.id}/edit").get_data(as_text=True)
    assert 'value="99.90"' in html and "打车" in html
    html = pm.get(f"/projects/{p.id}/finance/instalments/{i.id}/edit").get_data(as_text=True)
    assert 'value="30"' in html and "selected" in html.split('name="milestone_id"')[1][:800]
    assert pm.get(f"/projects/{p.id}/finance/expenses/new").status_code == 200
    assert pm.get(f"/projects/{p.id}/finance/instalments/new").status_code == 200


def test_the_receipt_survives_the_budget_confirmation(login_as, fin):
    """The over-budget question shows the form again: the receipt chosen in the first
    step is kept (named on the page) and saved with the confirmed expense."""
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"travel": "1000"})
    client = login_as(fin["engineer"])
    form = {"category": "travel", "spent_on": YESTERDAY.isoformat(), "amount": "1200",
            "description": "出差", "spent_by_id": str(fin["engineer"].id)}
    response = client.post(f"/projects/{p.id}/finance/expenses/new", data={
        **form, "receipt": (io.BytesIO(b"%PDF-1.4 ticket"), "车票.pdf")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="budget-warning"' in html
    assert "车票.pdf kept" in html and count(Expense) == 0
    [token] = kept_tokens(html, "receipt")
    # another user cannot use the token
    other = login_as(fin["pm"])
    other.post(f"/projects/{p.id}/finance/expenses/new", data={
        **form, "confirm_over_budget": "y", "receipt_kept": token})
    assert _db.session.scalars(select(Expense)).one().receipt_file_id is None
    _db.session.delete(_db.session.scalars(select(Expense)).one())
    _db.session.commit()
    response = client.post(f"/projects/{p.id}/finance/expenses/new", data={
        **form, "confirm_over_budget": "y", "receipt_kept": token})
    assert response.status_code == 302
    expense = _db.session.scalars(select(Expense)).one()
    assert expense.receipt_file.filename == "车票.pdf"
    download = client.get(f"/projects/{p.id}/finance/expenses/{expense.id}/receipt")
    assert download.data == b"%PDF-1.4 ticket"


def test_a_refused_receipt_is_not_kept_and_an_expired_one_is_said(login_as, fin,
                                                                    monkeypatch):
    p = fin["impl"]
    client = login_as(fin["engineer"])
    form = {"category": "travel", "spent_on": YESTERDAY.isoformat(), "amount": "10",
            "description": "出差", "spent_by_id": str(fin["engineer"].id)}
    response = client.post(f"/projects/{p.id}/finance/expenses/new", data={
        **form, "receipt": (io.BytesIO(b"MZ not a pdf"), "发票.pdf")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert "does not match its type" in html and not kept_tokens(html, "receipt")
    response = client.post(f"/projects/{p.id}/finance/expenses/new", data={
        **form, "description": "", "receipt": (io.BytesIO(b"%PDF-1.4 x"), "发票.pdf")},
        content_type="multipart/form-data")
    [token] = kept_tokens(response.get_data(as_text=True), "receipt")
    monkeypatch.setattr(uploads, "max_age", lambda: -1)  # every token is now too old
    response = client.post(f"/projects/{p.id}/finance/expenses/new",
                           data={**form, "receipt_kept": token})
    assert "发票.pdf” was kept too long" in response.get_data(as_text=True)
    assert count(Expense) == 0
