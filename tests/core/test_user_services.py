import pytest
from sqlalchemy import func, select

from sicrm.core import permissions as P
from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import LoginFailure, User
from sicrm.core.services import departments
from sicrm.core.services import users as services
from sicrm.core.services.passwords import verify_password
from tests.fixtures.factories import PASSWORD, make_department, make_user


def test_create_user_hashes_with_argon2_and_sets_roles(db, admin):
    user = services.create_user(admin, username=" Zhang.Wei ", full_name="张伟",
                                password="abc12345", roles=[R.SALES, R.PRESALES])
    assert user.username == "zhang.wei"
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, "abc12345")
    assert user.roles == {R.SALES, R.PRESALES}


@pytest.mark.parametrize("password", ["short1", "12345678", "abcdefgh"])
def test_weak_passwords_are_refused(db, admin, password):
    with pytest.raises(ServiceError) as error:
        services.create_user(admin, username="x", full_name="X", password=password)
    assert error.value.field == "password"


def test_duplicate_username_and_unknown_role_are_refused(db, admin):
    with pytest.raises(ServiceError) as error:
        services.create_user(admin, username="ADMIN", full_name="X", password="abc12345")
    assert error.value.field == "username"
    with pytest.raises(ServiceError):
        services.create_user(admin, username="y", full_name="Y", password="abc12345",
                             roles=["wizard"])
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "y")) == 0


def test_admin_cannot_lock_themself_out(db, admin):
    with pytest.raises(ServiceError):
        services.set_active(admin, admin, False)
    with pytest.raises(ServiceError):
        services.update_user(admin, admin, roles=[R.SALES])
    assert admin.active and R.ADMIN in admin.roles


def test_authenticate(db, sales):
    assert services.authenticate("SALES", PASSWORD) == sales
    assert sales.last_login_dt is not None


def test_failed_logins_lock_the_username_and_messages_do_not_tell_existence(app, db, sales):
    messages = {}
    for name in ("sales", "nobody-here"):
        with pytest.raises(services.LoginRefused) as error:
            services.authenticate(name, "wrong-password")
        messages[name] = str(error.value.message)
    assert messages["sales"] == messages["nobody-here"]

    for _ in range(app.config["SICRM_LOGIN_MAX_FAILURES"] - 1):
        with pytest.raises(services.LoginRefused):
            services.authenticate("sales", "wrong-password")
    # locked now: even the right password is refused, for a while
    with pytest.raises(services.LoginRefused) as error:
        services.authenticate("sales", PASSWORD)
    assert "Too many" in str(error.value.message)
    # an unknown name is locked the same way, so locking reveals nothing either
    for _ in range(app.config["SICRM_LOGIN_MAX_FAILURES"]):
        with pytest.raises(services.LoginRefused):
            services.authenticate("nobody-here", "x")
    with pytest.raises(services.LoginRefused) as error:
        services.authenticate("nobody-here", "x")
    assert "Too many" in str(error.value.message)


def test_inactive_user_cannot_log_in(db, sales):
    sales.active = False
    with pytest.raises(services.LoginRefused) as error:
        services.authenticate("sales", PASSWORD)
    assert "Invalid" in str(error.value.message)


def test_reset_password_clears_lock_and_forces_change(app, db, admin, sales):
    for _ in range(app.config["SICRM_LOGIN_MAX_FAILURES"]):
        with pytest.raises(services.LoginRefused):
            services.authenticate("sales", "wrong")
    services.reset_password(admin, sales, "temp9876")
    assert sales.must_change_password
    assert db.session.scalar(select(func.count(LoginFailure.id))) == 0
    assert services.authenticate("sales", "temp9876") == sales


def test_change_own_password(db, sales):
    with pytest.raises(ServiceError) as error:
        services.change_own_password(sales, "wrong", "newpass123")
    assert error.value.field == "current_password"
    services.change_own_password(sales, PASSWORD, "newpass123")
    assert verify_password(sales.password_hash, "newpass123")


def test_department_tree_refuses_cycles(db, admin):
    top = make_department("总部")
    child = make_department("销售部", parent=top)
    grandchild = make_department("华北组", parent=child)
    with pytest.raises(ServiceError):
        departments.update_department(admin, top, name="总部", parent_id=grandchild.id)
    with pytest.raises(ServiceError):
        departments.create_department(admin, name="销售部", parent_id=top.id)
    with pytest.raises(ServiceError):
        departments.delete_department(admin, child)
    assert [(d.name, depth) for d, depth in departments.department_tree()] == [
        ("总部", 0), ("销售部", 1), ("华北组", 2)]


def test_managers_manage_users_below_them(db):
    top = make_department("总部")
    sales_dept = make_department("销售部", parent=top)
    north = make_department("华北组", parent=sales_dept)
    head = make_user("head")
    sales_dept.head = head
    manager = make_user("mgr", roles=[R.DEPT_MANAGER], department=north)
    rep = make_user("rep", department=north)
    other = make_user("other", department=top)
    db.session.flush()
    assert P.manages_user(head, rep)
    assert P.manages_user(manager, rep)
    assert not P.manages_user(head, other)
    assert not P.manages_user(rep, manager)
