from datetime import date

from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.calendar import WorkCalendar
from sicrm.core.models import Department, User
from tests.fixtures.factories import PASSWORD, make_department, make_user

NEW_USER = {"username": "liuyang", "full_name": "刘洋", "password": "abc12345",
            "roles": ["presales"], "active": "y", "email": "liuyang@example.com"}


def _users(db):
    return db.session.scalar(select(func.count(User.id)))


def test_admin_creates_user_who_must_change_password(login_as, client, db, admin):
    response = login_as(admin).post("/admin/users/new", data=NEW_USER)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "liuyang"))
    assert user.roles == {R.PRESALES} and user.must_change_password
    response = client.post("/login", data={"username": "liuyang", "password": "abc12345"})
    assert response.location == "/account/password"


def test_user_form_refuses_bad_input_and_keeps_it(login_as, db, admin, sales):
    client = login_as(admin)
    before = _users(db)
    cases = [
        ({**NEW_USER, "username": "SALES"}, b"This username is already taken."),
        ({**NEW_USER, "username": "bad name!"}, b"Use letters, digits"),
        ({**NEW_USER, "email": "not-an-email"}, b"Please enter a valid e-mail address."),
        ({**NEW_USER, "password": ""}, b"An initial password is required."),
        ({**NEW_USER, "password": "12345678"}, b"mix letters with digits"),
        ({**NEW_USER, "roles": ["wizard"]}, b"is not a valid choice"),
        ({**NEW_USER, "full_name": "名" * 101}, b"at most 100 characters"),
    ]
    for data, message in cases:
        response = client.post("/admin/users/new", data=data)
        assert response.status_code == 200
        assert message in response.data, (data, message)
        assert "刘洋".encode() in response.data or data["full_name"] != "刘洋"
    assert _users(db) == before


def test_deactivated_user_cannot_log_in_or_keep_using_the_app(login_as, client, db, admin,
                                                              sales):
    sales_client = login_as(sales)
    assert sales_client.get("/organizations/").status_code == 200
    response = login_as(admin).post(f"/admin/users/{sales.id}/active", data={"active": "0"})
    assert response.status_code == 302
    assert sales_client.get("/organizations/").status_code == 302  # session no longer valid
    response = client.post("/login", data={"username": "sales", "password": PASSWORD})
    assert b"Invalid username or password." in response.data


def test_admin_cannot_deactivate_themself(login_as, db, admin):
    login_as(admin).post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    db.session.refresh(admin)
    assert admin.active


def test_reset_password(login_as, client, db, admin, sales):
    response = login_as(admin).post(f"/admin/users/{sales.id}/password",
                                    data={"new_password": "temp54321"})
    assert response.status_code == 302
    response = client.post("/login", data={"username": "sales", "password": "temp54321"})
    assert response.location == "/account/password"


def test_edit_user_roles_and_department(login_as, db, admin, sales):
    dept = make_department("售前技术部")
    response = login_as(admin).post(f"/admin/users/{sales.id}", data={
        "username": "ignored", "full_name": "张伟", "roles": ["sales", "presales"],
        "department_id": str(dept.id), "active": "y"})
    assert response.status_code == 302
    db.session.refresh(sales)
    assert sales.username == "sales"  # not editable
    assert sales.roles == {R.SALES, R.PRESALES} and sales.department_id == dept.id


def test_department_tree_admin(login_as, db, admin):
    client = login_as(admin)
    head = make_user("boss")
    assert client.post("/admin/departments/new", data={
        "name": "总经理办公室", "head_id": str(head.id)}).status_code == 302
    top = db.session.scalar(select(Department).where(Department.name == "总经理办公室"))
    assert top.head_id == head.id
    assert client.post("/admin/departments/new", data={
        "name": "销售部", "parent_id": str(top.id)}).status_code == 302
    child = db.session.scalar(select(Department).where(Department.name == "销售部"))
    # moving the parent under its own child is refused with a message
    response = client.post(f"/admin/departments/{top.id}", data={
        "name": "总经理办公室", "parent_id": str(child.id)})
    assert b"cannot be placed under itself" in response.data
    page = client.get("/admin/departments/").data.decode()
    assert page.index("总经理办公室") < page.index("销售部")
    # a department with sub-departments cannot be deleted
    client.post(f"/admin/departments/{top.id}/delete")
    def names():
        return db.session.scalars(select(Department.name)).all()

    assert sorted(names()) == ["总经理办公室", "销售部"]
    client.post(f"/admin/departments/{child.id}/delete")
    assert names() == ["总经理办公室"]


def test_audit_log_lists_changes_with_who(login_as, db, admin):
    client = login_as(admin)
    client.post("/admin/users/new", data=NEW_USER)
    page = client.get("/admin/audit?type=User").data.decode()
    assert "刘洋 (liuyang)" in page and "created" in page
    assert "admin" in page  # the actor


def test_unknown_ids_give_404(login_as, admin):
    client = login_as(admin)
    for method, url in [
        ("GET", "/organizations/9999"), ("GET", "/organizations/9999/edit"),
        ("POST", "/organizations/9999/delete"), ("GET", "/organizations/9999/contacts/new"),
        ("GET", "/contacts/9999/edit"), ("POST", "/contacts/9999/delete"),
        ("GET", "/admin/users/9999"), ("POST", "/admin/users/9999/password"),
        ("POST", "/admin/users/9999/active"), ("GET", "/admin/departments/9999"),
        ("POST", "/admin/departments/9999/delete"), ("GET", "/no/such/page"),
    ]:
        assert client.open(url, method=method).status_code == 404, url


def test_calendar_exceptions(login_as, db, admin):
    client = login_as(admin)
    assert WorkCalendar().is_workday(date(2030, 5, 6))
    response = client.post("/admin/calendar", data={"day": "2030-05-06", "kind": "off",
                                                    "note": "公司年会"})
    assert response.status_code == 302
    assert not WorkCalendar().is_workday(date(2030, 5, 6))
    response = client.post("/admin/calendar", data={"day": "2030-05-06", "kind": "work"})
    assert b"already has an entry" in response.data
    response = client.post("/admin/calendar", data={"day": "not a date", "kind": "off"})
    assert response.status_code == 200 and b"Please enter a date." in response.data
    assert "公司年会" in client.get("/admin/calendar").data.decode()
