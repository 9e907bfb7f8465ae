"""What a request may carry (sicrm.core.inputs and the bounded fields of core.forms):
ids, pages, dates and amounts at their edges, control characters, `next`."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.forms import AmountField, BoundedDateField, ConfirmForm
from sicrm.core.inputs import db_int, parse_amount, parse_date, strip_control
from sicrm.core.models import Organization
from sicrm.core.views.helpers import safe_next
from sicrm.forum.models import Post
from sicrm.forum.services import posts
from sicrm.workflow.forms import RoutingRuleForm
from tests.fixtures.factories import PASSWORD, make_org, make_user
from tests.fixtures.projects import make_project
from tests.forum.board_world import bw  # noqa: F401  (fixture)


@pytest.mark.parametrize("value, expected", [
    ("1200000", Decimal("1200000")), ("1,200,000", Decimal("1200000")),
    ("1 200 000", Decimal("1200000")), ("120万", Decimal("1200000")),
    ("1.2亿", Decimal("120000000")), ("１２０万", Decimal("1200000")),
    ("¥1,000.50", Decimal("1000.50")), ("120 万元", Decimal("1200000")),
    ("１，２００，０００", Decimal("1200000")),
])
def test_amounts_as_people_write_them(value, expected):
    assert parse_amount(value) == expected


@pytest.mark.parametrize("value", ["1e309", "1E5", "inf", "-inf", "nan", "NaN", "1,2,3",
                                   "12,34", "", "abc", "1.", "x" * 50, "0x10"])
def test_what_is_not_an_amount(value):
    with pytest.raises(ValueError):
        parse_amount(value)


def test_ids_outside_an_integer_column_are_none():
    assert db_int("42") == 42
    assert db_int(str(2**31 - 1)) == 2**31 - 1
    for value in ("2147483648", "99999999999999999999999", "0", "-1", "1e3", "abc", "",
                  None, "４２"[:0]):
        assert db_int(value) is None


def test_dates_outside_2000_to_2100_are_none():
    assert parse_date("2026-12-01") == date(2026, 12, 1)
    for value in ("0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01", "2026-13-01", "x"):
        assert parse_date(value) is None


def test_control_characters_are_stripped_but_line_breaks_kept():
    assert strip_control("a\x00b\x01c\x1b\x7f\td\r\ne") == "abc\td\r\ne"


class _Form(ConfirmForm):
    amount = AmountField("Amount")
    day = BoundedDateField("Day")


@pytest.mark.parametrize("raw, ok, data", [
    ("120万", True, Decimal("1200000.00")), ("1,200,000.5", True, Decimal("1200000.50")),
    ("99999999999999.99", True, Decimal("99999999999999.99")),
    ("100000000000000", False, None), ("99999999999999999999", False, None),
    ("1e309", False, None), ("nan", False, None), ("inf", False, None),
    ("-5", False, None), ("1.234", False, None),
])
def test_amount_field_is_bounded_by_its_column(app, raw, ok, data):
    with app.test_request_context(method="POST"):
        form = _Form(formdata=MultiDict({"amount": raw}))
        assert form.validate() is ok
        assert form.amount.data == data
        if not ok:
            assert form.amount.errors and all(str(e) for e in form.amount.errors)


@pytest.mark.parametrize("raw, ok", [("2026-05-01", True), ("0001-01-01", False),
                                     ("9999-12-31", False), ("2101-01-01", False)])
def test_date_field_is_bounded(app, raw, ok):
    with app.test_request_context(method="POST"):
        form = _Form(formdata=MultiDict({"day": raw}))
        assert form.validate() is ok
        if not ok:
            assert "2000-01-01" in str(form.day.errors[0])


def test_amount_field_error_is_translated(app):
    with app.test_request_context(method="POST"):
        with force_locale("zh_CN"):
            form = _Form(formdata=MultiDict({"amount": "1e309"}))
            form.validate()
            assert "金额" in str(form.amount.errors[0])


def test_routing_rule_without_tasks_validates(app):
    with app.test_request_context(method="POST"):
        form = RoutingRuleForm(formdata=MultiDict({"name": "规则"}))
        form.department_id.choices = form.pm_user_id.choices = [("", "—")]
        assert form.validate(), form.errors
        assert form.task_specs == []
        form = RoutingRuleForm(formdata=MultiDict({"name": "规则",
                                                   "tasks": "勘察 | engineer | 99999999999"}))
        form.department_id.choices = form.pm_user_id.choices = [("", "—")]
        assert not form.validate()


@pytest.mark.parametrize("target", ["/ok\r\nSet-Cookie: x=1", "/a\nb", "\\\\evil.example",
                                    "/\\evil.example", "//evil.example", "https://evil/",
                                    "/x\x00"])
def test_unsafe_next_is_not_followed(target):
    assert safe_next(target) is None


def test_next_with_a_line_break_goes_home(client, sales):
    response = client.post("/login", data={"username": "sales", "password": PASSWORD,
                                           "next": "/organizations/\r\nSet-Cookie: a=b"})
    assert response.status_code == 302 and response.location == "/"
    response = client.post("/language", data={"locale": "en", "next": "/x\r\nLocation: //e"})
    assert response.status_code == 302 and response.location == "/"
    response = client.get("/login?next=%2Fa%0D%0Ab")
    assert response.status_code in (200, 302)


def test_huge_ids_and_pages(db, login_as, sales):
    make_org("某客户有限公司")
    db.session.commit()
    client = login_as(sales)
    assert client.get("/organizations/99999999999999999999").status_code == 404
    assert client.get("/organizations/2147483648").status_code == 404
    assert client.get("/organizations/?owner=99999999999999999999").status_code == 200
    last = client.get("/organizations/?page=99999999999999999999")
    assert last.status_code == 200 and "某客户有限公司".encode() in last.data
    assert client.get("/organizations/?page=5000").status_code == 200
    assert "某客户有限公司".encode() in client.get("/organizations/?page=5000").data
    assert client.get("/calendar/?day=9999-12-31").status_code == 200
    assert client.get("/projects/?customer=99999999999999999999").status_code == 200


def test_nul_and_control_characters_never_reach_the_database(app, db, bw):
    client = app.test_client(user=bw.admin)
    thread = posts.create_thread(bw.admin, bw.company_board, title="主题", body="首帖")
    db.session.commit()
    thread_id = thread.id
    response = client.post(f"/forum/threads/{thread_id}/reply",
                           data={"body": "回\x00复\x1b内容\n第二行"})
    assert response.status_code == 302
    bodies = db.session.scalars(select(Post.body).where(Post.thread_id == thread_id)).all()
    assert "回复内容\n第二行" in bodies
    response = client.post("/organizations/new", data={"name": "新\x00组织\x07有限公司",
                                                       "kinds": "customer"})
    assert response.status_code == 302
    assert db.session.scalar(select(Organization.name).where(
        Organization.name.like("新%"))) == "新组织有限公司"


def test_services_refuse_far_dates_too(db, people_for_dates):
    with pytest.raises(ServiceError) as refused:
        make_project(people_for_dates, start=date(1, 1, 1))
    assert refused.value.field == "start_date"
    with pytest.raises(ServiceError):
        make_project(people_for_dates, start=date(9999, 12, 31))


@pytest.fixture
def people_for_dates(db):
    return make_user("planner", roles=[R.SALES])
