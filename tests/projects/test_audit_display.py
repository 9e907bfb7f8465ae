"""The audit log in people's words (issue 12, #16): record kinds, field labels, names
for ids and codes' labels in the reader's language, times in local time, and a fixed
number of queries however many entries refer to however many records."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from sicrm.core.models import AuditLog
from sicrm.extensions import db as _db
from sicrm.projects.finance.services import costs
from tests.fixtures.factories import make_org
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries


@pytest.fixture
def logged(db, people):
    customer = make_org("审计客户有限公司")
    project = make_project(people["seller"], customer=customer, name="审计项目",
                           pm=people["pm"], department=people["north"], amount="1200000",
                           start=date(2026, 3, 2))
    costs.set_budget(people["pm"], project, {"travel": "5000"})
    expense = costs.submit_expense(people["seller"], project, category="travel",
                                   spent_on=date(2026, 3, 3), amount="100",
                                   description="出差高铁票")
    expense.status = "pm_approved"
    _db.session.flush()
    # every entry at 01:30 UTC: 09:30 in Asia/Shanghai
    _db.session.execute(update(AuditLog).values(created_dt=datetime(2026, 3, 4, 1, 30)))
    return {"project": project, **people}


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_audit_log_speaks_english(login_as, logged):
    html = login_as(logged["admin"]).get("/admin/audit").data.decode()
    text = _text(html)
    for raw in ("BudgetLine", "pm_id", "pm_approved", "customer_id", "Expense travel",
                " travel ", "submitted_by_id"):
        assert raw not in text, raw  # (option values of the filter are codes)
    assert "Budget line" in text and "Travel" in text
    assert "Project manager" in text and "李经理" in text  # pm_id: a name, not an id
    assert "审计客户有限公司" in text  # customer_id
    assert "Waiting for finance" in text  # status: pm_approved
    assert "Owning department" in text and "华北组" in text
    assert "¥1,200,000.00" in text  # an amount as money
    assert "Mar 2, 2026" in text  # start_date as a date
    assert "9:30" in text and "1:30 AM" not in text  # local time (SICRM_TIMEZONE)
    assert re.search(r"#\d+", text) is None  # no bare ids


def test_audit_log_speaks_chinese(login_as, logged):
    logged["admin"].locale = "zh_CN"
    html = login_as(logged["admin"]).get("/admin/audit").data.decode()
    text = _text(html)
    assert "BudgetLine" not in text and "pm_approved" not in text
    assert "预算" in text and "差旅" in text
    assert "项目经理" in text and "李经理" in text
    assert "待财务审批" in text
    assert "09:30" in text


def test_filter_lists_every_record_kind(login_as, logged):
    html = login_as(logged["admin"]).get("/admin/audit").data.decode()
    assert 'value="BudgetLine"' in html and 'value="Project"' in html
    only = login_as(logged["admin"]).get("/admin/audit?type=BudgetLine").data.decode()
    assert "Budget line" in only and "审计项目" not in _text(only).replace("审计项目 ", "x")


def test_audit_log_query_count_does_not_grow(login_as, logged, people):
    client = login_as(logged["admin"])

    def count():
        _db.session.commit()
        client.get("/admin/audit")
        with count_queries(_db.engine) as counter:
            assert client.get("/admin/audit").status_code == 200
        return counter.count

    few = count()
    for index in range(5):
        project = make_project(people["seller"], customer=make_org(f"客户{index}"),
                               name=f"更多{index}", pm=people["manager"],
                               department=people["dept"], start=date(2026, 3, 2))
        costs.set_budget(people["manager"], project, {"equipment": "100"})
    assert count() == few
    assert _db.session.scalar(select(AuditLog.id).order_by(AuditLog.id.desc()).limit(1))


def test_words_with_several_meanings_keep_theirs(login_as, db, people):
    """A contact's title is a job title (职务) and an organisation's level a customer
    level (客户级别) in the audit log too, not a document's title (标题) or a level."""
    from tests.fixtures.factories import make_contact

    org = make_org("级别客户有限公司")
    org.level = "key"
    make_contact(org, "赵处长").title = "处长"
    db.session.flush()
    people["admin"].locale = "zh_CN"
    text = _text(login_as(people["admin"]).get("/admin/audit").data.decode())
    assert "职务" in text and "客户级别" in text
