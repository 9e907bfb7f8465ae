"""Logging in under attack: a stranger's failures slow only the stranger (per
username and client, a growing back-off), the account's owner at another client
still gets in, and each client has a request limit on the login route (429 with
Retry-After and a translated page)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from sicrm.core.models import LoginFailure
from sicrm.extensions import limiter
from tests.fixtures.factories import PASSWORD

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}
NOW = datetime(2026, 12, 1, 10, 0, 0)


def _login(client, password, environ, username="admin"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base=environ)


@time_machine.travel(NOW, tick=False)
def test_a_stranger_cannot_lock_the_owner_out(app, client, admin):
    for _ in range(12):
        _login(client, "wrong-pass1", ATTACKER)
    refused = _login(client, PASSWORD, ATTACKER)  # the attacker waits, right password or not
    assert refused.status_code == 200 and "Too many failed attempts" in refused.text
    owner = app.test_client()
    response = _login(owner, PASSWORD, OWNER)
    assert response.status_code == 302 and response.location == "/"


def test_the_back_off_grows_with_each_failure_and_then_lets_the_client_try(app, client, admin):
    limit = app.config["SICRM_LOGIN_MAX_FAILURES"]
    backoff = app.config["SICRM_LOGIN_BACKOFF_SECONDS"]
    with time_machine.travel(NOW, tick=False) as clock:
        for _ in range(limit):
            assert "Invalid username" in _login(client, "wrong-pass1", ATTACKER).text
        assert f"try again in {backoff} seconds" in _login(client, "x", ATTACKER).text
        clock.shift(timedelta(seconds=backoff + 1))
        assert "Invalid username" in _login(client, "wrong-pass1", ATTACKER).text
        assert f"try again in {2 * backoff} seconds" in _login(client, "x", ATTACKER).text
        clock.shift(timedelta(seconds=2 * backoff + 1))
        response = _login(client, PASSWORD, ATTACKER)  # the owner, after all
        assert response.status_code == 302


@time_machine.travel(NOW, tick=False)
def test_the_wait_is_capped_at_the_lock_window(app, db, client, admin):
    db.session.add_all([LoginFailure(username_key="admin", ip=ATTACKER["REMOTE_ADDR"],
                                     created_dt=NOW - timedelta(minutes=1))
                        for _ in range(40)])
    text = _login(client, PASSWORD, ATTACKER).text
    assert "Too many failed attempts" in text
    assert f"{app.config['SICRM_LOGIN_LOCK_MINUTES'] - 1} minutes" in text


@pytest.fixture
def limits_on(app):
    app.config.update(SICRM_RATELIMIT_ENABLED=True, SICRM_LOGIN_RATE_LIMIT="3 per minute")
    limiter.reset()
    yield
    app.config.update(SICRM_RATELIMIT_ENABLED=False)
    limiter.reset()


def test_each_client_has_a_request_limit_on_login(app, client, admin, limits_on):
    for _ in range(3):
        assert _login(client, "wrong-pass1", ATTACKER, username="ghost").status_code == 200
    blocked = client.post("/login", data={"username": "admin", "password": PASSWORD},
                          environ_base=ATTACKER, headers={"Accept-Language": "zh-CN"})
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    assert "请求过于频繁" in blocked.text
    assert client.get("/login", environ_base=ATTACKER).status_code == 200  # only attempts
    other = app.test_client()  # another client is not affected
    assert _login(other, PASSWORD, OWNER).status_code == 302


def test_logins_that_succeed_do_not_use_up_the_limit(app, admin, limits_on):
    """An office behind one address: many people logging in at nine are not refused."""
    for _ in range(5):
        assert _login(app.test_client(), PASSWORD, OWNER).status_code == 302


def test_the_suite_is_not_rate_limited(app, client, admin):
    assert app.config["SICRM_RATELIMIT_ENABLED"] is False
    for _ in range(15):
        assert _login(client, "wrong-pass1", ATTACKER, username="ghost").status_code == 200
