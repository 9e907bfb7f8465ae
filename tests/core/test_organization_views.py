from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.models import AuditLog, Contact, Organization
from tests.fixtures.factories import credit_code, make_contact, make_org, make_user
from tests.fixtures.queries import count_queries

ORG = {"name": "深圳市云帆信息技术有限公司", "kinds": ["customer", "partner"],
       "industry": "finance", "province": "44", "city": "深圳", "level": "key"}


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_organization(login_as, db, sales):
    client = login_as(sales)
    response = client.post("/organizations/new", data={**ORG, "credit_code": credit_code(7)})
    assert response.status_code == 302
    org = db.session.scalar(select(Organization).where(Organization.name == ORG["name"]))
    assert org.kinds == ["customer", "partner"]
    assert org.owner_id == sales.id and org.credit_code == credit_code(7)
    page = client.get(response.location)
    assert ORG["name"].encode() in page.data


def test_duplicate_warning_then_confirm(login_as, db, sales):
    make_org("深圳市云帆信息技术股份有限公司")
    client = login_as(sales)
    response = client.post("/organizations/new", data=ORG)
    assert response.status_code == 200
    assert b'id="duplicate-warning"' in response.data
    assert "深圳市云帆信息技术股份有限公司".encode() in response.data
    assert ORG["city"].encode() in response.data  # what the user typed is kept
    assert _count(db, Organization) == 1
    response = client.post("/organizations/new", data={**ORG, "confirm_duplicates": "y"})
    assert response.status_code == 302
    assert _count(db, Organization) == 2


def test_live_duplicate_check(login_as, sales):
    make_org("北京中科软件有限公司")
    client = login_as(sales)
    found = client.get("/organizations/duplicates?name=北京中科软件股份有限公司").json
    assert [d["name"] for d in found["duplicates"]] == ["北京中科软件有限公司"]
    assert client.get("/organizations/duplicates?name=完全不同").json == {"duplicates": []}


def test_bad_input_is_refused_with_messages_and_nothing_written(login_as, db, sales):
    client = login_as(sales)
    before = _count(db, AuditLog)
    cases = [
        ({**ORG, "credit_code": "91110000600037341X"}, b"not a valid unified social credit code"),
        ({**ORG, "name": ""}, b"This field is required."),
        ({**ORG, "name": "长" * 201}, b"at most 200 characters"),
        ({**ORG, "industry": "astrology"}, b"Not a valid choice"),
        ({**ORG, "website": "not a url"}, b"Please enter a full address"),
        ({**ORG, "owner_id": "abc"}, b"Invalid Choice"),
    ]
    for data, message in cases:
        response = client.post("/organizations/new", data=data)
        assert response.status_code == 200, data
        assert message in response.data, (data, message)
    assert _count(db, Organization) == 0
    assert _count(db, AuditLog) == before


def test_edit_shows_history_on_the_record(login_as, db, sales):
    org = make_org("上海测试数据有限公司", owner=sales, industry="finance")
    client = login_as(sales)
    response = client.post(f"/organizations/{org.id}/edit", data={
        "name": org.name, "kinds": ["customer"], "industry": "energy", "owner_id": sales.id})
    assert response.status_code == 302
    page = client.get(f"/organizations/{org.id}").data.decode()
    assert "<del>Banking and finance</del>" in page and "<ins>Energy</ins>" in page


def test_contacts_crud(login_as, db, sales):
    org = make_org(owner=sales)
    client = login_as(sales)
    response = client.post(f"/organizations/{org.id}/contacts/new", data={
        "name": "王芳", "title": "信息中心主任", "mobile": "13912345678",
        "decision_role": "decision_maker", "relationship_strength": "4"})
    assert response.status_code == 302
    contact = db.session.scalar(select(Contact).where(Contact.name == "王芳"))
    assert contact.decision_role == "decision_maker" and contact.relationship_strength == 4
    response = client.post(f"/contacts/{contact.id}/edit", data={
        "name": "王芳", "mobile": "not a phone", "relationship_strength": "4"})
    assert b"may only contain digits" in response.data
    response = client.post(f"/contacts/{contact.id}/delete")
    assert response.status_code == 302
    assert _count(db, Contact) == 0


def test_delete_organization_needs_admin(login_as, db, sales, admin):
    org = make_org(owner=sales)
    make_contact(org)
    assert login_as(sales).post(f"/organizations/{org.id}/delete").status_code == 403
    assert login_as(admin).post(f"/organizations/{org.id}/delete").status_code == 302
    assert _count(db, Organization) == 0 and _count(db, Contact) == 0


def test_list_search_filter_sort_and_paging(login_as, db, sales):
    make_org("甲乙金融科技有限公司", industry="finance", province="11")
    make_org("丙丁能源有限公司", industry="energy", province="31", is_competitor=True)
    for i in range(25):
        make_org(f"批量公司{i:02d}")
    client = login_as(sales)
    page = client.get("/organizations/?q=金融").data.decode()
    assert "甲乙金融科技有限公司" in page and "丙丁能源" not in page
    page = client.get("/organizations/?industry=energy").data.decode()
    assert "丙丁能源有限公司" in page and "甲乙金融" not in page
    page = client.get("/organizations/?kind=competitor").data.decode()
    assert "丙丁能源有限公司" in page and "甲乙金融" not in page
    first = client.get("/organizations/?sort=name").data.decode()
    second = client.get("/organizations/?sort=name&page=2").data.decode()
    assert "批量公司00" in first and "批量公司00" not in second
    assert "27" in first  # "1–20 of 27"
    empty = client.get("/organizations/?q=不存在的名字").data.decode()
    assert "No organisation matches these filters." in empty


def test_list_pages_do_not_grow_in_queries(login_as, db, sales):
    client = login_as(sales)

    def queries_for(url):
        client.get(url)  # warm caches
        with count_queries(db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    owners = [make_user(roles=[R.SALES]) for _ in range(3)]
    for i in range(3):
        org = make_org(owner=owners[i % 3])
        make_contact(org)
    small = {url: queries_for(url) for url in ("/organizations/", "/contacts/")}
    owners += [make_user(roles=[R.SALES]) for _ in range(10)]
    for i in range(40):
        org = make_org(owner=owners[i % len(owners)])
        make_contact(org)
        make_contact(org)
    large = {url: queries_for(url) for url in ("/organizations/", "/contacts/")}
    assert large == small


def test_admin_pages_do_not_grow_in_queries(login_as, db, admin, department):
    client = login_as(admin)

    def queries_for(url):
        with count_queries(db.engine) as counter:
            assert client.get(url).status_code == 200
        return counter.count

    for i in range(3):
        make_user(roles=[R.SALES, R.ENGINEER], department=department)
    small = [queries_for(u) for u in ("/admin/users/", "/admin/audit", "/admin/departments/")]
    for i in range(30):
        make_user(roles=[R.SALES, R.ENGINEER], department=department)
        make_org()
    large = [queries_for(u) for u in ("/admin/users/", "/admin/audit", "/admin/departments/")]
    assert large == small


def test_list_sorts_by_pinyin_and_finds_by_initials(login_as, db, sales):
    for name in ("中国移动通信集团广东有限公司", "北京市公安局", "阿里云计算有限公司"):
        make_org(name)
    client = login_as(sales)
    page = client.get("/organizations/?sort=name").data.decode()
    # a (阿) < b (北) < z (中), whatever the code points say
    assert page.index("阿里云") < page.index("北京市公安局") < page.index("中国移动")
    page = client.get("/organizations/?q=zgyd").data.decode()
    assert "中国移动通信集团广东有限公司" in page and "北京市公安局" not in page
    page = client.get("/organizations/?q=beijing").data.decode()
    assert "北京市公安局" in page and "中国移动" not in page
