"""Sessions end when they should: a session cookie copied to another browser stops
working after logout, a password change, deactivation and an administrator's reset;
the browser that changed its password goes on."""
from __future__ import annotations

import pytest

from tests.fixtures.factories import PASSWORD

NEW_PASSWORD = "n3w-Passw0rd"


def _logged_in(app, username, password=PASSWORD):
    browser = app.test_client()
    response = browser.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302 and response.location == "/"
    return browser


def _copy(app, browser):
    """A second browser holding a copy of the first one's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", browser.get_cookie("session").value)
    assert thief.get("/").status_code == 200  # the copy works while the session lives
    return thief


def _refused(browser) -> bool:
    response = browser.get("/")
    return response.status_code == 302 and "/login" in response.location


def test_logout_ends_every_copy_of_the_session(app, db, sales):
    browser = _logged_in(app, "sales")
    thief = _copy(app, browser)
    other_browser = _logged_in(app, "sales")
    response = browser.post("/logout", follow_redirects=True)
    assert "every other browser" in response.get_data(as_text=True)
    assert _refused(browser) and _refused(thief)
    assert _refused(other_browser)  # logout ends all of the user's sessions (documented)
    assert _logged_in(app, "sales").get("/").status_code == 200  # logging in again works


def test_a_password_change_ends_other_sessions_but_not_this_one(app, db, sales):
    browser = _logged_in(app, "sales")
    thief = _copy(app, browser)
    response = browser.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert browser.get("/").status_code == 200  # the fresh session of the changer
    assert browser.get("/organizations/").status_code == 200
    assert _refused(thief)


@pytest.mark.parametrize("action", ["deactivate", "reset"])
def test_an_administrator_ends_the_sessions_of_a_user(app, db, admin, sales, login_as, action):
    browser = _logged_in(app, "sales")
    thief = _copy(app, browser)
    admin_client = login_as(admin)
    if action == "deactivate":
        response = admin_client.post(f"/admin/users/{sales.id}/active", data={"active": "0"})
    else:
        response = admin_client.post(f"/admin/users/{sales.id}/password",
                                     data={"new_password": NEW_PASSWORD})
    assert response.status_code == 302
    db.session.refresh(sales)
    assert sales.session_generation == 1
    assert _refused(browser) and _refused(thief)


def test_a_session_id_of_the_old_form_or_garbage_is_refused(app, db, sales):
    for value in (str(sales.id), f"{sales.id}:x", "x:0", ""):
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"] = value
        assert _refused(browser), value
