import pytest
from sqlalchemy import select

from sicrm.core.errors import DuplicateWarning, ServiceError
from sicrm.core.models import AuditLog, Organization
from sicrm.core.services import organizations as services
from tests.fixtures.factories import credit_code, make_org


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("华为技术有限公司", "华为技术"),
        ("华为技术股份有限公司", "华为技术有限公司"),
        ("华为技术（中国）有限公司", "华为技术有限公司"),
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
        ("ＡＢＣ科技有限责任公司", "ABC科技"),
        ("海尔集团公司", "海尔"),
    ],
)
def test_name_key_ignores_legal_forms(a, b):
    assert services.name_key(a) == services.name_key(b)


def test_name_key_keeps_distinct_names_apart():
    assert services.name_key("华为技术有限公司") != services.name_key("华三技术有限公司")


def test_credit_code_is_validated():
    assert services.check_credit_code(" 91110000600037341l ") == "91110000600037341L"
    with pytest.raises(ServiceError) as error:
        services.check_credit_code("91110000600037341X")
    assert error.value.field == "credit_code"
    with pytest.raises(ServiceError):
        services.check_credit_code("12345")


def test_create_warns_about_similar_names_and_writes_nothing(db, sales):
    make_org("北京华讯网络技术有限公司")
    with pytest.raises(DuplicateWarning) as warning:
        services.create_organization(sales, name="北京华讯网络技术股份有限公司")
    assert [o.name for o in warning.value.candidates] == ["北京华讯网络技术有限公司"]
    assert db.session.scalar(select(Organization).where(
        Organization.name == "北京华讯网络技术股份有限公司")) is None


def test_create_with_confirmation_goes_ahead(db, sales):
    make_org("北京华讯网络技术有限公司")
    org = services.create_organization(
        sales, confirm_duplicates=True, name="北京华讯网络技术股份有限公司")
    assert org.id and org.owner_id == sales.id


def test_duplicate_found_by_containment(db, sales):
    make_org("中国移动通信集团广东有限公司")
    found = services.find_duplicates("广东移动通信")
    assert found == []  # no containment either way
    found = services.find_duplicates("中国移动通信集团广东")
    assert [o.name for o in found] == ["中国移动通信集团广东有限公司"]


def test_same_credit_code_is_refused_even_when_confirmed(db, sales):
    code = credit_code()
    make_org("甲公司", credit_code=code)
    with pytest.raises(ServiceError) as error:
        services.create_organization(sales, confirm_duplicates=True, name="乙公司",
                                     credit_code=code)
    assert error.value.field == "credit_code"


def test_unknown_choice_is_refused(db, sales):
    with pytest.raises(ServiceError) as error:
        services.create_organization(sales, name="某某科技", industry="astrology")
    assert error.value.field == "industry"


def test_create_update_delete_are_audited_with_before_and_after(db, sales):
    org = services.create_organization(sales, name="杭州海康测试有限公司", industry="finance",
                                       is_customer=True)
    services.update_organization(sales, org, industry="energy", city="杭州")
    contact = services.create_contact(sales, org, name="张三", mobile="13800000000")
    services.delete_organization(sales, org)
    entries = db.session.scalars(select(AuditLog).where(
        AuditLog.object_type.in_(["Organization", "Contact"])).order_by(AuditLog.id)).all()
    actions = [(e.object_type, e.action) for e in entries]
    assert actions == [
        ("Organization", "create"), ("Organization", "update"),
        ("Contact", "create"), ("Contact", "delete"), ("Organization", "delete"),
    ]
    assert all(e.actor_id == sales.id for e in entries)
    update = entries[1]
    assert update.changes == {"industry": ["finance", "energy"], "city": [None, "杭州"]}
    assert entries[2].parent_type == "Organization" and entries[2].parent_id == org.id
    assert entries[4].changes["name"] == ["杭州海康测试有限公司", None]
    assert contact.id == entries[2].object_id


def test_contact_validation(db, sales):
    org = make_org()
    with pytest.raises(ServiceError) as error:
        services.create_contact(sales, org, name="李四", mobile="call me")
    assert error.value.field == "mobile"
    with pytest.raises(ServiceError):
        services.create_contact(sales, org, name="  ")
    contact = services.create_contact(sales, org, name="李四", phone="010-6234 5678转123",
                                      relationship_strength=4, decision_role="influencer")
    assert contact.relationship_strength == 4
