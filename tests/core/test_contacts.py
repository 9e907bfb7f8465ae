"""Contacts (issue 12, #14): phone numbers validated, duplicates warned, search by
pinyin initials, a page of their own, and numbers shown only to those who work with
the customer."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import DuplicateWarning, ServiceError
from sicrm.core.models import Contact
from sicrm.core.phones import PhoneError, check_phone, phone_digits
from sicrm.core.services import organizations as services
from sicrm.extensions import db as _db
from tests.fixtures.factories import make_contact, make_org

MOBILES = ["13912345678", "139 1234 5678", "139-1234-5678", "+86 139 1234 5678",
           "+8613912345678", "0086 13912345678", "１３９１２３４５６７８",
           "+852 9123 4567", "+853 6612 3456", "+886 912 345 678", "+1 650 253 0000"]
LANDLINES = ["010-12345678", "0755-1234567", "(010) 12345678", "010-12345678-123",
             "010-12345678 转 123", "0755 1234567 ext 12", "+86 10 12345678",
             "+86 (0)755 1234567", "400-123-4567", "+886 (0)2 2345 6789", "+852 2123 4567"]
WRONG = ["12345", "1391234567", "23912345678", "12345678", "010-1234", "0755-123456",
         "not a phone", "+852 1234", "+886 12345", "13912345678 转 12", "+1 23"]


@pytest.mark.parametrize("number", MOBILES)
def test_mobile_forms_accepted(number):
    assert check_phone(number, mobile=True)
    assert check_phone(number)


@pytest.mark.parametrize("number", LANDLINES)
def test_landline_forms_accepted_as_office_phone(number):
    assert check_phone(number) == " ".join(number.split())


@pytest.mark.parametrize("number", WRONG)
def test_wrong_numbers_refused(number):
    with pytest.raises(PhoneError):
        check_phone(number)


def test_landline_in_the_mobile_field_is_refused():
    with pytest.raises(PhoneError, match="landline"):
        check_phone("010-12345678", mobile=True)


def test_numbers_compare_by_digits():
    assert phone_digits("+86 139-1234-5678") == phone_digits("13912345678")
    assert phone_digits("+86 10 12345678") == phone_digits("010-12345678 转 9")
    assert phone_digits("+852 9123 4567") != phone_digits("91234567")


def test_service_refuses_a_bad_mobile_with_the_field(db, sales):
    org = make_org()
    with pytest.raises(ServiceError) as refused:
        services.create_contact(sales, org, name="王芳", mobile="1391234567")
    assert refused.value.field == "mobile"
    assert _db.session.scalar(select(func.count(Contact.id))) == 0


def test_phone_message_is_translated(login_as, db, sales):
    sales.locale = "zh_CN"
    org = make_org(owner=sales)
    html = login_as(sales).post(f"/organizations/{org.id}/contacts/new", data={
        "name": "王芳", "mobile": "1391234567", "relationship_strength": "0"}).data.decode()
    assert "大陆手机号码为 11 位" in html
    assert _db.session.scalar(select(func.count(Contact.id))) == 0


# -- duplicates ------------------------------------------------------------------------


def test_same_name_or_phone_in_the_organisation_is_warned(db, sales):
    org, other = make_org(), make_org()
    make_contact(org, "王芳", mobile="13912345678")
    with pytest.raises(DuplicateWarning):
        services.create_contact(sales, org, name=" 王芳 ")
    with pytest.raises(DuplicateWarning) as warned:
        services.create_contact(sales, org, name="王小芳", mobile="+86 139-1234-5678")
    assert [c.name for c in warned.value.candidates] == ["王芳"]
    assert services.create_contact(sales, other, name="王芳")  # another organisation
    assert services.create_contact(sales, org, name="王芳", confirm_duplicates=True)


def test_duplicate_warning_then_confirm_in_the_form(login_as, db, sales):
    org = make_org(owner=sales)
    existing = make_contact(org, "王芳", mobile="13912345678")
    client = login_as(sales)
    data = {"name": "王芳", "mobile": "139 1234 5678", "relationship_strength": "0"}
    response = client.post(f"/organizations/{org.id}/contacts/new", data=data)
    html = response.data.decode()
    assert response.status_code == 200 and 'id="duplicate-warning"' in html
    assert f"/contacts/{existing.id}" in html and 'name="confirm_duplicates"' in html
    assert _db.session.scalar(select(func.count(Contact.id))) == 1
    response = client.post(f"/organizations/{org.id}/contacts/new",
                           data={**data, "confirm_duplicates": "y"})
    assert response.status_code == 302
    assert _db.session.scalar(select(func.count(Contact.id))) == 2


def test_editing_into_a_duplicate_is_warned(login_as, db, sales):
    org = make_org(owner=sales)
    make_contact(org, "王芳")
    other = make_contact(org, "李强")
    client = login_as(sales)
    html = client.post(f"/contacts/{other.id}/edit", data={
        "name": "王芳", "relationship_strength": "0"}).data.decode()
    assert 'id="duplicate-warning"' in html
    _db.session.expire_all()
    assert _db.session.get(Contact, other.id).name == "李强"
    # saving without changing name or phone is not warned again
    assert client.post(f"/contacts/{other.id}/edit", data={
        "name": "李强", "title": "主任", "relationship_strength": "0"}).status_code == 302


# -- search and the contact page --------------------------------------------------------


def test_search_by_pinyin_and_initials(login_as, db, sales):
    org = make_org("中国移动通信集团")
    services.create_contact(sales, org, name="王芳")
    services.create_contact(sales, org, name="李强")
    client = login_as(sales)
    for query in ("wf", "WF", "wangfang", "王芳"):
        html = client.get(f"/contacts/?q={query}").data.decode()
        assert "王芳" in html and "李强" not in html, query
    html = client.get("/contacts/?q=zgyd").data.decode()  # the organisation's initials
    assert "王芳" in html and "李强" in html
