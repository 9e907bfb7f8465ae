from sqlalchemy import func, select

from sicrm.core.models import LoginFailure, Organization
from tests.fixtures.factories import PASSWORD


def _login(client, username, password):
    return client.post("/login", data={"username": username, "password": password})


def test_login_and_logout(client, sales):
    response = _login(client, "sales", PASSWORD)
    assert response.status_code == 302 and response.location == "/"
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert "SameSite=Lax" in response.headers["Set-Cookie"]
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_login_follows_only_local_next(client, sales):
    response = client.post("/login", data={"username": "sales", "password": PASSWORD,
                                           "next": "https://evil.example/"})
    assert response.location == "/"
    client.post("/logout")
    response = client.post("/login", data={"username": "sales", "password": PASSWORD,
                                           "next": "/organizations/"})
    assert response.location == "/organizations/"


def test_failed_login_shows_one_message_and_is_counted(client, db, sales):
    wrong_user = _login(client, "ghost", "whatever1")
    wrong_password = _login(client, "sales", "whatever1")
    assert wrong_user.status_code == wrong_password.status_code == 200
    assert b"Invalid username or password." in wrong_user.data
    assert b"Invalid username or password." in wrong_password.data
    assert db.session.scalar(select(func.count(LoginFailure.id))) == 2


def test_login_is_locked_after_repeated_failures(app, client, sales):
    for _ in range(app.config["SICRM_LOGIN_MAX_FAILURES"]):
        _login(client, "sales", "wrong-pass1")
    response = _login(client, "sales", PASSWORD)
    assert b"Too many failed attempts" in response.data
    assert client.get("/").status_code == 302  # still not logged in


def test_missing_csrf_token_is_refused_without_writing(client, db, sales, csrf, login_as):
    user_client = login_as(sales)
    before = db.session.scalar(select(func.count(Organization.id)))
    response = user_client.post("/organizations/new", data={"name": "无令牌科技有限公司"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Organization.id))) == before


def test_user_who_must_change_password_is_sent_there(client, db, sales, login_as):
    sales.must_change_password = True
    db.session.flush()
    user_client = login_as(sales)
    response = user_client.get("/organizations/")
    assert response.status_code == 302 and response.location == "/account/password"
    response = user_client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "brandnew42", "confirm": "brandnew42"})
    assert response.status_code == 302
    assert user_client.get("/organizations/").status_code == 200


def test_change_password_errors_are_shown(login_as, sales):
    client = login_as(sales)
    response = client.post("/account/password", data={
        "current_password": "wrong", "new_password": "brandnew42", "confirm": "brandnew42"})
    assert b"The current password is wrong." in response.data
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "brandnew42", "confirm": "other"})
    assert b"The passwords do not match." in response.data


def test_language_from_accept_language_switcher_and_preference(client, db, sales, login_as):
    assert "登录".encode() in client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).data
    assert b"Log in to sicrm" in client.get("/login", headers={"Accept-Language": "en-US"}).data
    # the switcher wins over the browser for this session
    client.post("/language", data={"locale": "en", "next": "/login"})
    assert b"Log in to sicrm" in client.get("/login", headers={"Accept-Language": "zh-CN"}).data
    # a logged-in user's choice is saved to their preference
    user_client = login_as(sales)
    user_client.post("/language", data={"locale": "zh_CN"})
    db.session.refresh(sales)
    assert sales.locale == "zh_CN"
    assert "组织".encode() in user_client.get("/organizations/", headers={"Accept-Language": "en"}).data


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"] is True
    assert response.json["version"]


def test_error_pages_in_both_languages(login_as, sales):
    client = login_as(sales)
    response = client.get("/organizations/999999", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and b"Not found" in response.data
    client.post("/language", data={"locale": "zh_CN"})
    response = client.get("/organizations/999999")
    assert response.status_code == 404 and "未找到".encode() in response.data
    response = client.get("/admin/users/")
    assert response.status_code == 403 and "无权".encode() in response.data
