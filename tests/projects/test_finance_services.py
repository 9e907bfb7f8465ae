"""Finance services without a request: budget, expenses and their approval, effort,
the payment plan with invoices and receipts, margin, the bid/no-bid signal and
overdue receivables."""
from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects.finance import queries
from sicrm.projects.finance.models import (
    BudgetLine,
    EffortEntry,
    Expense,
    ExpenseDecision,
    Instalment,
    Invoice,
    Receipt,
)
from sicrm.projects.finance.services import costs, revenue
from sicrm.projects.finance.services.costs import BudgetWarning
from sicrm.projects.history import describe
from sicrm.projects.models import ProjectEvent

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


def count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def expense(actor, project, amount="800", category="travel", **kwargs):
    return costs.submit_expense(actor, project, category=category, spent_on=YESTERDAY,
                                amount=amount, description=kwargs.pop("description", "出差北京"),
                                **kwargs)


# -- budget -------------------------------------------------------------------------


def test_budget_lines_are_set_changed_and_removed(fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"equipment": "500000", "travel": "20000.50"})
    lines = dict(_db.session.execute(select(BudgetLine.category, BudgetLine.planned)).all())
    assert lines == {"equipment": Decimal("500000.00"), "travel": Decimal("20000.50")}
    costs.set_budget(fin["pm"], p, {"equipment": "450000", "travel": ""})
    lines = dict(_db.session.execute(select(BudgetLine.category, BudgetLine.planned)).all())
    assert lines == {"equipment": Decimal("450000.00")}
    assert _db.session.scalar(select(func.count()).select_from(ProjectEvent).where(
        ProjectEvent.kind.like("budget%"))) == 0  # money stays out of the open history


@pytest.mark.parametrize("value", ["-1", "abc", "1.234", "1e20", "NaN"])
def test_bad_budget_amounts_are_refused(fin, value):
    with pytest.raises(ServiceError) as error:
        costs.set_budget(fin["pm"], fin["impl"], {"travel": value})
    assert error.value.field == "travel"


def test_unknown_category_is_refused(fin):
    with pytest.raises(ServiceError):
        costs.set_budget(fin["pm"], fin["impl"], {"yachts": "1"})


# -- expenses -----------------------------------------------------------------------


def test_an_expense_is_recorded_with_a_receipt(fin, app):
    e = expense(fin["engineer"], fin["impl"], receipt=(io.BytesIO(b"%PDF-1.4 receipt"),
                                                       "发票.pdf"))
    assert e.status == "submitted" and e.amount == Decimal("800.00")
    assert e.spent_by_id == fin["engineer"].id and e.submitted_by_id == fin["engineer"].id
    assert e.receipt_file.filename == "发票.pdf"
    text = describe(_db.session.scalars(select(ProjectEvent).where(
        ProjectEvent.kind == "expense_submitted")).one(), "en")
    assert "出差北京" in text and "800" not in text  # the history is open to observers


@pytest.mark.parametrize(("amount", "message"), [
    ("-5", "negative"), ("0", "greater than zero"), ("十块", "enter an amount"),
    ("", "enter an amount"), ("12.345", "two decimal")])
def test_bad_expense_amounts_are_refused(fin, amount, message):
    with pytest.raises(ServiceError) as error:
        expense(fin["engineer"], fin["impl"], amount=amount)
    assert error.value.field == "amount" and message in str(error.value.message)
    assert count(Expense) == 0


def test_expense_dates_category_and_description_are_checked(fin):
    with pytest.raises(ServiceError) as error:
        costs.submit_expense(fin["engineer"], fin["impl"], category="travel",
                             spent_on=TODAY + timedelta(days=1), amount="1", description="x")
    assert error.value.field == "spent_on"
    with pytest.raises(ServiceError) as error:
        expense(fin["engineer"], fin["impl"], category="yachts")
    assert error.value.field == "category"
    with pytest.raises(ServiceError) as error:
        expense(fin["engineer"], fin["impl"], description="   ")
    assert error.value.field == "description"


def test_a_bad_receipt_file_refuses_the_whole_expense(fin):
    with pytest.raises(ServiceError):
        expense(fin["engineer"], fin["impl"], receipt=(io.BytesIO(b"MZ\x00\x00"), "x.exe"))
    _db.session.rollback()
    assert count(Expense) == 0


def test_passing_the_budget_line_warns_until_confirmed(fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"travel": "1000"})
    expense(fin["engineer"], p, amount="600")
    with pytest.raises(BudgetWarning) as warning:
        expense(fin["engineer"], p, amount="500")
    assert warning.value.field == "confirm_over_budget"
    assert "1,100" in str(warning.value.message)
    assert count(Expense) == 1
    e = expense(fin["engineer"], p, amount="500", confirm_over_budget=True)
    assert e.over_budget is True
    # a category without a line, on a project with a budget, also warns
    with pytest.raises(BudgetWarning):
        expense(fin["engineer"], p, amount="1", category="entertainment")


def test_no_budget_at_all_means_no_warning(fin):
    e = expense(fin["engineer"], fin["impl"], amount="99999")
    assert e.over_budget is False


def test_rejected_expenses_do_not_count_against_the_budget(fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"travel": "1000"})
    e = expense(fin["engineer"], p, amount="900")
    costs.decide_expense(fin["pm"], e, "rejected", "发票不合规")
    assert expense(fin["engineer"], p, amount="900").over_budget is False


def test_the_pm_approves_small_expenses_alone(fin):
    e = expense(fin["engineer"], fin["impl"], amount="5000")  # at the threshold, not above
    costs.decide_expense(fin["pm"], e, "approved", "")
    assert e.status == "approved"
    decision = _db.session.scalars(select(ExpenseDecision)).one()
    assert (decision.level, decision.decision, decision.actor_id) == (
        "pm", "approved", fin["pm"].id)


def test_finance_approves_after_the_pm_above_the_threshold(fin, app):
    e = expense(fin["engineer"], fin["impl"], amount="5000.01")
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["finance"], e, "approved")  # the PM comes first
    costs.decide_expense(fin["pm"], e, "approved")
    assert e.status == "pm_approved"
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["manager"], e, "approved")  # not finance
    costs.decide_expense(fin["finance"], e, "approved", "已核")
    assert e.status == "approved"
    assert [(d.level, d.decision) for d in e.decisions] == [
        ("pm", "approved"), ("finance", "approved")]
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["finance"], e, "rejected", "x")  # already decided


def test_the_threshold_is_configurable(fin, app):
    app.config["SICRM_EXPENSE_FINANCE_THRESHOLD"] = "100"
    try:
        e = expense(fin["engineer"], fin["impl"], amount="150")
        costs.decide_expense(fin["pm"], e, "approved")
        assert e.status == "pm_approved"
    finally:
        app.config["SICRM_EXPENSE_FINANCE_THRESHOLD"] = "5000"


def test_nobody_approves_their_own_expense(fin):
    mine = expense(fin["pm"], fin["impl"])
    with pytest.raises(ServiceError) as error:
        costs.decide_expense(fin["pm"], mine, "approved")
    assert "yourself" in str(error.value.message)
    # spent by the PM but entered by someone else: still the PM's own
    theirs = expense(fin["engineer"], fin["impl"], spent_by=fin["pm"])
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["pm"], theirs, "approved")
    # the department manager approves the PM's expense
    costs.decide_expense(fin["manager"], mine, "approved")
    assert mine.status == "approved"


def test_finance_cannot_approve_its_own_large_expense(fin):
    e = expense(fin["engineer"], fin["impl"], amount="9000", spent_by=fin["finance"])
    costs.decide_expense(fin["pm"], e, "approved")
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["finance"], e, "approved")
    assert e.status == "pm_approved"


def test_others_cannot_approve_and_rejection_needs_a_reason(fin):
    e = expense(fin["engineer"], fin["impl"])
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["seller"], e, "approved")
    with pytest.raises(ServiceError) as error:
        costs.decide_expense(fin["pm"], e, "rejected", "  ")
    assert error.value.field == "note"
    with pytest.raises(ServiceError):
        costs.decide_expense(fin["pm"], e, "maybe")
    assert e.status == "submitted" and count(ExpenseDecision) == 0


def test_an_approved_expense_can_no_longer_be_changed_or_withdrawn(fin):
    e = expense(fin["engineer"], fin["impl"])
    costs.decide_expense(fin["pm"], e, "approved")
    with pytest.raises(ServiceError) as error:
        costs.update_expense(fin["engineer"], e, category="travel", spent_on=YESTERDAY,
                             amount="1", description="改小", spent_by=fin["engineer"])
    assert "approved" in str(error.value.message)
    with pytest.raises(ServiceError):
        costs.delete_expense(fin["engineer"], e)


def test_a_rejected_expense_is_corrected_and_submitted_again(fin):
    e = expense(fin["engineer"], fin["impl"])
    costs.decide_expense(fin["pm"], e, "rejected", "缺发票")
    costs.update_expense(fin["engineer"], e, category="travel", spent_on=YESTERDAY,
                         amount="750", description="出差北京（补发票）", spent_by=fin["engineer"])
    assert (e.status, e.amount) == ("submitted", Decimal("750.00"))
    costs.decide_expense(fin["pm"], e, "approved")
    assert [d.decision for d in e.decisions] == ["rejected", "approved"]


def test_a_pending_expense_is_withdrawn(fin):
    e = expense(fin["engineer"], fin["impl"])
    costs.delete_expense(fin["engineer"], e)
    assert count(Expense) == 0


def test_expenses_on_a_closed_project_are_refused(fin):
    p = fin["presales"]
    p.status = "lost"
    with pytest.raises(ServiceError):
        expense(fin["engineer"], p)


# -- effort -------------------------------------------------------------------------


def test_effort_is_valued_at_the_hourly_cost_of_the_day(fin, app):
    entry = costs.log_effort(fin["engineer"], fin["presales"], person=None,
                             work_date=YESTERDAY, hours="7.5", note="方案编写")
    assert entry.hourly_cost == Decimal("300.00") and entry.cost == Decimal("2250.00")
    app.config["SICRM_EFFORT_HOURLY_COST"] = "400"
    try:
        later = costs.log_effort(fin["engineer"], fin["presales"], person=None,
                                 work_date=TODAY, hours="1")
    finally:
        app.config["SICRM_EFFORT_HOURLY_COST"] = "300"
    assert later.hourly_cost == Decimal("400.00")
    assert queries.project_costs(fin["presales"].id).effort == Decimal("2650.00")


@pytest.mark.parametrize("hours", ["0", "-1", "25", "abc", "1.234"])
def test_bad_hours_are_refused(fin, hours):
    with pytest.raises(ServiceError) as error:
        costs.log_effort(fin["engineer"], fin["presales"], person=None, work_date=YESTERDAY,
                         hours=hours)
    assert error.value.field == "hours"


def test_a_day_holds_at_most_24_hours(fin):
    costs.log_effort(fin["engineer"], fin["presales"], person=None, work_date=YESTERDAY,
                     hours="20")
    with pytest.raises(ServiceError):
        costs.log_effort(fin["engineer"], fin["impl"], person=None, work_date=YESTERDAY,
                         hours="5")
    assert count(EffortEntry) == 1


# -- bid / no-bid -------------------------------------------------------------------


def test_the_bid_signal_warns_when_cost_passes_the_share_of_expected_value(fin):
    p = fin["presales"]  # 2,000,000 × 50 % = 1,000,000 expected; 5 % = 50,000
    signal = queries.bid_signal(p, queries.project_costs(p.id))
    assert signal.expected_value == Decimal("1000000.00") and signal.limit == Decimal(
        "50000.00")
    assert not signal.warn
    e = expense(fin["engineer"], p, amount="40000", category="entertainment")
    costs.decide_expense(fin["pm"], e, "approved")
    costs.decide_expense(fin["finance"], e, "approved")
    costs.log_effort(fin["engineer"], p, person=None, work_date=YESTERDAY, hours="20")
    signal = queries.bid_signal(p, queries.project_costs(p.id))
    assert signal.cost == Decimal("46000.00") and not signal.warn
    costs.log_effort(fin["engineer"], p, person=None, work_date=TODAY, hours="14")
    signal = queries.bid_signal(p, queries.project_costs(p.id))
    assert signal.cost == Decimal("50200.00") and signal.warn


def test_pending_expenses_do_not_count_in_the_bid_signal(fin):
    p = fin["presales"]
    expense(fin["engineer"], p, amount="90000", category="entertainment")
    assert not queries.bid_signal(p, queries.project_costs(p.id)).warn


def test_the_bid_signal_without_amount_or_probability(fin):
    p = fin["presales"]
    p.win_probability = None
    signal = queries.bid_signal(p, queries.project_costs(p.id))
    assert signal.expected_value is None and not signal.warn
    assert queries.bid_signal(fin["impl"], queries.project_costs(fin["impl"].id)) is None


# -- payment plan -------------------------------------------------------------------


def milestone(project):
    return project.stages[0].milestones[0]


def test_a_payment_plan_of_percentages_and_amounts(fin):
    p = fin["impl"]  # contract 1,000,000
    first = revenue.add_instalment(fin["pm"], p, name="签约款 30%", percent="30",
                                   due_date=YESTERDAY)
    second = revenue.add_instalment(fin["pm"], p, name="到货款", percent="60",
                                    milestone=milestone(p))
    third = revenue.add_instalment(fin["finance"], p, name="验收款", amount="100000",
                                   due_date=TODAY + timedelta(days=200))
    plan = queries.payment_plan(p)
    assert [r.amount for r in plan.rows if r.instalment is first] == [Decimal("300000.00")]
    assert second.due == milestone(p).planned_date
    assert plan.total("amount") == Decimal("1000000.00") and plan.planned_percent == 100
    assert third.amount == Decimal("100000.00")


def test_instalments_over_100_percent_are_refused(fin):
    p = fin["impl"]
    revenue.add_instalment(fin["pm"], p, name="预付款", percent="30", due_date=YESTERDAY)
    revenue.add_instalment(fin["pm"], p, name="到货款", percent="60", due_date=TODAY)
    with pytest.raises(ServiceError) as error:
        revenue.add_instalment(fin["pm"], p, name="验收款", percent="10.01", due_date=TODAY)
    assert "100" in str(error.value.message)
    with pytest.raises(ServiceError):  # 90 % + 100,001 of 1,000,000
        revenue.add_instalment(fin["pm"], p, name="尾款", amount="100001", due_date=TODAY)
    revenue.add_instalment(fin["pm"], p, name="尾款", amount="100000", due_date=TODAY)
    assert count(Instalment) == 3


@pytest.mark.parametrize(("fields", "field"), [
    ({"percent": "0"}, "percent"), ({"percent": "101"}, "percent"),
    ({"percent": "abc"}, "percent"), ({"amount": "-10"}, "amount"),
    ({"percent": "10", "amount": "10"}, "percent"), ({}, "percent"),
])
def test_bad_instalments_are_refused(fin, fields, field):
    with pytest.raises(ServiceError) as error:
        revenue.add_instalment(fin["pm"], fin["impl"], name="款", due_date=TODAY, **fields)
    assert error.value.field == field


def test_an_instalment_needs_a_due_date_or_a_milestone_of_its_project(fin):
    with pytest.raises(ServiceError) as error:
        revenue.add_instalment(fin["pm"], fin["impl"], name="款", percent="10")
    assert error.value.field == "due_date"
    with pytest.raises(ServiceError) as error:
        revenue.add_instalment(fin["pm"], fin["impl"], name="款", percent="10",
                               milestone=milestone(fin["presales"]))
    assert error.value.field == "milestone_id"


def test_the_payment_plan_belongs_to_the_implementation_project(fin):
    with pytest.raises(ServiceError):
        revenue.add_instalment(fin["pm"], fin["presales"], name="款", percent="10",
                               due_date=TODAY)


def test_invoices_and_receipts_against_an_instalment(fin):
    p = fin["impl"]
    i = revenue.add_instalment(fin["pm"], p, name="签约款", percent="30", due_date=YESTERDAY)
    revenue.issue_invoice(fin["finance"], i, number="No.00112233", issued_on=YESTERDAY,
                          amount="300000")
    with pytest.raises(ServiceError) as error:  # more than the instalment
        revenue.issue_invoice(fin["finance"], i, number="No.00112234", issued_on=TODAY,
                              amount="0.01")
    assert error.value.field == "amount"
    with pytest.raises(ServiceError) as error:  # same number
        revenue.issue_invoice(fin["finance"], i, number="No.00112233", issued_on=TODAY,
                              amount="1")
    assert error.value.field == "number"
    revenue.record_receipt(fin["finance"], i, received_on=TODAY, amount="200000")
    with pytest.raises(ServiceError):
        revenue.record_receipt(fin["finance"], i, received_on=TODAY, amount="100000.01")
    with pytest.raises(ServiceError):
        revenue.record_receipt(fin["finance"], i, received_on=TODAY, amount="-1")
    row = queries.payment_plan(p).rows[0]
    assert (row.invoiced, row.received, row.outstanding) == (
        Decimal("300000.00"), Decimal("200000.00"), Decimal("100000.00"))
    assert count(Invoice) == 1 and count(Receipt) == 1


def test_an_instalment_cannot_shrink_below_what_is_invoiced_or_be_removed(fin):
    p = fin["impl"]
    i = revenue.add_instalment(fin["pm"], p, name="签约款", percent="30", due_date=YESTERDAY)
    revenue.issue_invoice(fin["finance"], i, number="A1", issued_on=TODAY, amount="250000")
    with pytest.raises(ServiceError):
        revenue.update_instalment(fin["pm"], i, name="签约款", percent="20",
                                  due_date=YESTERDAY)
    revenue.update_instalment(fin["pm"], i, name="签约款", percent="25", due_date=YESTERDAY)
    with pytest.raises(ServiceError):
        revenue.delete_instalment(fin["pm"], i)


def test_overdue_instalments(fin):
    p = fin["impl"]
    late = revenue.add_instalment(fin["pm"], p, name="签约款", percent="30",
                                  due_date=TODAY - timedelta(days=10))
    paid = revenue.add_instalment(fin["pm"], p, name="预付款", amount="1000",
                                  due_date=TODAY - timedelta(days=5))
    revenue.record_receipt(fin["finance"], paid, received_on=TODAY, amount="1000")
    revenue.add_instalment(fin["pm"], p, name="验收款", percent="10",
                           due_date=TODAY)  # due today: not overdue yet
    by_milestone = revenue.add_instalment(fin["pm"], p, name="到货款", percent="50",
                                          milestone=milestone(p))
    revenue.record_receipt(fin["finance"], late, received_on=TODAY, amount="100000")
    found = queries.overdue_instalments(TODAY)
    assert [(o.id, o.project_id, o.due_date, o.outstanding, o.name) for o in found
            if o.id == late.id] == [(
        late.id, p.id, TODAY - timedelta(days=10), Decimal("200000.00"), "签约款")]
    assert [o.due_date for o in found] == sorted(o.due_date for o in found)
    ids = [o.id for o in found]
    assert paid.id not in ids
    # the milestone's planned date (in the past here) makes it overdue
    assert (by_milestone.id in ids) == (milestone(p).planned_date < TODAY)
    assert [o.id for o in queries.overdue_instalments(TODAY - timedelta(days=11))] == (
        [by_milestone.id] if milestone(p).planned_date < TODAY - timedelta(days=11) else [])


def test_margin_planned_and_actual(fin):
    p = fin["impl"]
    costs.set_budget(fin["pm"], p, {"equipment": "600000", "labour": "100000"})
    e = expense(fin["engineer"], p, amount="4000", category="travel",
                confirm_over_budget=True)
    costs.decide_expense(fin["pm"], e, "approved")
    costs.log_effort(fin["engineer"], p, person=None, work_date=YESTERDAY, hours="10")
    presales = expense(fin["engineer"], fin["presales"], amount="1000")
    costs.decide_expense(fin["pm"], presales, "approved")
    p.source_project_id = fin["presales"].id
    burn = queries.budget_burn(p.id)
    m = queries.margin(p, burn, queries.project_costs(p.id))
    assert m.revenue == Decimal("1000000.00")
    assert m.planned == Decimal("300000.00")
    assert m.actual == Decimal("993000.00")  # 1,000,000 − 4,000 − 3,000
    assert m.with_presales == Decimal("992000.00")
    travel = next(r for r in burn if r.category == "travel")
    assert travel.planned is None and travel.approved == Decimal("4000.00")
