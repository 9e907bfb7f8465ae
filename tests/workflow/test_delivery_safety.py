"""Delivery under attack and at odd hours: webhook addresses reach only public hosts
(or the administrators' allow-list), checked again when connecting; no redirects and
no echoed answers; test messages are rate-limited; a slow target does not stall the
others; messages wait for the delivery hours; links follow the served address; an
e-mail sent again after a crash keeps its Message-ID."""
from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from sicrm.core import base_url as base_url_module
from sicrm.core import notifications
from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification, OutboxMessage, utcnow
from sicrm.extensions import db as _db
from sicrm.workflow.delivery.services import hours, netguard, outbox, queue_email, webhooks
from sicrm.workflow.delivery.services.common import absolute_url
from sicrm.workflow.delivery.services.mail import outbox_message_id
from sicrm.workflow.models import WebhookTarget
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project


@pytest.fixture
def setup(db):
    dept = make_department("华北区")
    pm = make_user("pm", roles=[R.PROJECT_MANAGER], department=dept)
    project = make_project(pm, department=dept, name="某某园区安防项目")
    admin = make_user("admin", roles=[R.ADMIN])
    return {"dept": dept, "pm": pm, "project": project, "admin": admin}


def _target(kind, url, **owner):
    target = WebhookTarget(name=f"{kind} robot", kind=kind, url=url, **owner)
    _db.session.add(target)
    _db.session.flush()
    return target


def _rows():
    return _db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


# -- addresses -------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:25/",
    "http://localhost:8080/hook",
    "http://foo.localhost/hook",
    "http://intranet/hook",
    "http://2130706433/",            # 127.0.0.1 as one decimal number
    "http://0x7f000001/",            # … in hexadecimal
    "http://0177.0.0.1/",            # … in octal
    "http://127.1/",                 # … shortened
    "http://0x7f.0.0.1/",
    "http://10.1.2.3/hook",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",            # carrier-grade NAT
    "http://224.0.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://user:pass@qyapi.weixin.qq.com/hook",
    "http://qyapi.weixin.qq.com@127.0.0.1/hook",
    "http://[::1/",                  # an invalid IPv6 host
    "http://[not-an-ip]/",
    "http://example.com:99999/",
    "gopher://example.com/",
])
def test_addresses_webhooks_may_not_reach(db, url):
    with pytest.raises(ServiceError) as error:
        netguard.check_url(url)
    assert error.value.field == "url"
    assert str(error.value.message)


@pytest.mark.parametrize("url", [
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    "https://oapi.dingtalk.com/robot/send?access_token=x",
    "https://open.feishu.cn/open-apis/bot/v2/hook/abc",
    "http://8.8.8.8:8080/hook",
    "https://[2606:4700:4700::1111]/hook",
])
def test_public_addresses_pass(db, url):
    assert netguard.check_url(url) == url


def test_the_allow_list_admits_an_internal_host_but_never_credentials(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_WEBHOOK_ALLOWED_HOSTS",
                        "127.0.0.1, *.corp.example, robots")
    assert netguard.check_url("http://127.0.0.1:9000/hook")
    assert netguard.check_url("http://hooks.corp.example/x")
    assert netguard.check_url("http://robots/x")
    with pytest.raises(ServiceError):
        netguard.check_url("http://user:pw@127.0.0.1:9000/hook")
    with pytest.raises(ServiceError):
        netguard.check_url("http://127.0.0.2/hook")


def test_invalid_ipv6_host_is_a_translated_form_error_not_a_500(db, setup, login_as):
    client = login_as(setup["admin"])
    response = client.post(f"/projects/{setup['project'].id}/webhooks/new", data={
        "name": "群", "kind": "webhook", "url": "http://[::1/hook", "active": "y"})
    assert response.status_code == 200
    assert "This is not a valid web address." in response.get_data(as_text=True)
    setup["admin"].locale = "zh_CN"
    _db.session.commit()
    response = login_as(setup["admin"]).post(
        f"/projects/{setup['project'].id}/webhooks/new",
        data={"name": "群", "kind": "webhook", "url": "http://[::1/hook", "active": "y"})
    assert response.status_code == 200
    assert "不是有效的网址" in response.get_data(as_text=True)
    assert _db.session.scalars(select(WebhookTarget)).all() == []


def test_a_project_editor_neither_creates_nor_readdresses_targets(db, setup, login_as):
    project = setup["project"]
    target = _target("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=S3CRET",
                     project_id=project.id)
    _target("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=DEPTKEY",
            department_id=setup["dept"].id)
    _db.session.commit()
    client = login_as(setup["pm"])
    assert client.post(f"/projects/{project.id}/webhooks/new", data={
        "name": "x", "kind": "webhook", "url": "http://8.8.8.8/", "active": "y"}) \
        .status_code == 403
    page = client.get(f"/projects/{project.id}/webhooks/").get_data(as_text=True)
    assert "S3CRET" not in page and "DEPTKEY" not in page  # keys are not shown
    assert "https://oapi.dingtalk.com/…" in page
    assert f"/projects/{project.id}/webhooks/new" not in page  # no link to a 403
    form = client.get(f"/webhooks/{target.id}").get_data(as_text=True)
    assert "S3CRET" not in form and 'name="url"' not in form
    with pytest.raises(ServiceError):
        webhooks.update_target(setup["pm"], target, name="x", kind="wecom",
                               url="http://8.8.8.8/")
    with pytest.raises(ServiceError):
        webhooks.create_target(setup["pm"], name="x", kind="wecom", url="http://8.8.8.8/",
                               project_id=project.id)
    admin_page = login_as(setup["admin"]).get(f"/projects/{project.id}/webhooks/") \
        .get_data(as_text=True)
    assert "S3CRET" in admin_page


def test_an_address_that_resolves_inward_is_refused_when_sending(db, setup, http_server,
                                                                 monkeypatch):
    """DNS rebinding: the name looked public when saved; when sending it resolves to
    loopback, which is not on the allow-list for that name."""
    import urllib3.util.connection as connection

    real = connection.socket.getaddrinfo

    def rebound(host, *args, **kwargs):
        return real("127.0.0.1" if host == "hooks.rebind.example" else host, *args, **kwargs)

    monkeypatch.setattr(connection.socket, "getaddrinfo", rebound)
    url = f"http://hooks.rebind.example:{http_server.port}/hook"
    target = webhooks.create_target(setup["admin"], name="r", kind="webhook", url=url,
                                    project_id=setup["project"].id)
    webhooks.queue_to_target(target, "t", "x")
    _db.session.commit()
    assert outbox.drain()["dead"] == 1
    assert http_server.requests == []
    [row] = _rows()
    assert "blocked address" in row.last_error


def test_a_stored_internal_address_is_refused_when_sending(app, db, setup, http_server,
                                                           monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_WEBHOOK_ALLOWED_HOSTS", "")
    target = _target("webhook", http_server.url("/hook"), project_id=setup["project"].id)
    webhooks.queue_to_target(target, "t", "x")
    _db.session.commit()
    assert outbox.drain()["dead"] == 1
    assert http_server.requests == []
    assert "address refused" in _rows()[0].last_error


def test_redirects_are_not_followed_and_answers_not_echoed(db, setup, http_server, login_as):
    target = _target("webhook", http_server.url("/hook"), project_id=setup["project"].id)
    other = _target("webhook", http_server.url("/b"), project_id=setup["project"].id)
    http_server.answers = [(302, b"", {"Location": http_server.url("/elsewhere")}),
                           (500, b"220 mail.internal ESMTP Postfix (Debian)")]
    webhooks.queue_to_target(target, "t", "x")
    webhooks.queue_to_target(other, "t", "x")
    _db.session.commit()
    counts = outbox.drain()
    assert (counts["dead"], counts["failed"]) == (1, 1)
    assert [r["path"] for r in http_server.requests] == ["/hook", "/b"]  # none to /elsewhere
    redirected, failed = _rows()
    assert redirected.last_error == "HTTP 302: redirects are not followed"
    assert failed.last_error == "HTTP 500"
    page = login_as(setup["admin"]).get("/admin/outbox/").get_data(as_text=True)
    assert "ESMTP" not in page and "HTTP 500" in page


# -- test messages and slow targets ----------------------------------------------------


def test_send_test_message_is_limited_to_one_per_target_per_minute(db, setup, login_as,
                                                                   http_server):
    target = _target("wecom", http_server.url("/t"), project_id=setup["project"].id)
    _db.session.commit()
    client = login_as(setup["pm"])
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, 10, tzinfo=UTC), tick=False):
        assert client.post(f"/webhooks/{target.id}/test").status_code == 302
        response = client.post(f"/webhooks/{target.id}/test", follow_redirects=True)
        assert "less than a minute ago" in response.get_data(as_text=True)
        assert len(_rows()) == 1
    with time_machine.travel(datetime(2026, 12, 2, 3, 0, 50, tzinfo=UTC), tick=False):
        with pytest.raises(ServiceError):  # the next minute, but not a minute later
            webhooks.queue_test(setup["pm"], target)
    with time_machine.travel(datetime(2026, 12, 2, 3, 1, 11, tzinfo=UTC), tick=False):
        assert client.post(f"/webhooks/{target.id}/test").status_code == 302
    assert len(_rows()) == 2


@pytest.fixture
def slow_server():
    """An HTTP server on loopback that answers after 3 seconds."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            hits.append(self.path)
            time.sleep(3)
            try:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.hits = hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}/slow"
    yield server
    server.shutdown()
    server.server_close()


def test_a_slow_target_does_not_stall_the_others(app, db, setup, http_server, slow_server,
                                                 monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_WEBHOOK_TIMEOUT", 1)
    slow = _target("webhook", slow_server.url, project_id=setup["project"].id)
    fast = _target("webhook", http_server.url("/fast"), project_id=setup["project"].id)
    for number in range(5):
        webhooks.queue_to_target(slow, f"s{number}", "x")
    for number in range(3):
        webhooks.queue_to_target(fast, f"f{number}", "x")
    _db.session.commit()
    started = time.monotonic()
    counts = outbox.drain()
    elapsed = time.monotonic() - started
    assert counts == {"sent": 3, "failed": 1, "dead": 0}
    assert elapsed < 2.5  # one timeout, not five
    assert len(slow_server.hits) == 1 and len(http_server.requests) == 3
    statuses = [r.status for r in _rows() if r.recipient == str(slow.id)]
    assert statuses == ["failed", "pending", "pending", "pending", "pending"]
    assert "timed out" in _rows()[0].last_error


def test_one_pass_sends_a_bounded_batch_per_target(db, setup, http_server):
    busy = _target("webhook", http_server.url("/busy"), project_id=setup["project"].id)
    quiet = _target("webhook", http_server.url("/quiet"), project_id=setup["project"].id)
    for number in range(5):
        webhooks.queue_to_target(busy, f"b{number}", "x")
    webhooks.queue_to_target(quiet, "q", "x")
    _db.session.commit()
    assert outbox.drain(per_target=2)["sent"] == 3
    assert sorted(r["path"] for r in http_server.requests) == ["/busy", "/busy", "/quiet"]
    assert outbox.drain(per_target=2)["sent"] == 2
    assert outbox.drain(per_target=2)["sent"] == 1


# -- delivery hours --------------------------------------------------------------------

#: 04:08 in Beijing, 2 December 2026
NIGHT = datetime(2026, 12, 1, 20, 8, tzinfo=UTC)
MORNING = datetime(2026, 12, 2, 0, 0)  # 08:00 in Beijing, naive UTC


@pytest.fixture
def night_hours(app, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_DELIVERY_HOURS", "08:00-21:00")
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "Asia/Shanghai")


def test_parse_delivery_hours(db):
    assert hours.parse("08:00-21:00") == (480, 1260)
    assert hours.parse("") is None and hours.parse("00:00-24:00") is None
    assert hours.parse("22:00-06:30") == (1320, 390)
    for bad in ("8-21", "08:00-25:00", "08:75-21:00", "morning"):
        with pytest.raises(ValueError):
            hours.parse(bad)


def test_not_before(app, db, night_hours, monkeypatch):
    assert hours.not_before(NIGHT.replace(tzinfo=None)) == MORNING
    noon = datetime(2026, 12, 2, 4, 0)  # 12:00 local
    assert hours.not_before(noon) == noon
    late = datetime(2026, 12, 2, 13, 0)  # 21:00 local: closed until tomorrow 08:00
    assert hours.not_before(late) == MORNING + timedelta(days=1)
    monkeypatch.setitem(app.config, "SICRM_DELIVERY_HOURS", "22:00-06:00")
    assert hours.not_before(NIGHT.replace(tzinfo=None)) == NIGHT.replace(tzinfo=None)
    assert hours.not_before(noon) == datetime(2026, 12, 2, 14, 0)  # 22:00 local


def test_robot_and_email_alarms_at_night_wait_for_the_morning(db, setup, night_hours,
                                                               http_server, smtp_server):
    target = _target("wecom", http_server.url("/group"), project_id=setup["project"].id)
    user = make_user("zhang", email="zhang@example.com")
    _db.session.commit()
    with time_machine.travel(NIGHT, tick=False):
        webhooks.queue_for_project(setup["project"], "Alarm", "late", dedupe_key="alarm:1")
        notifications.notify([user], "gate_approved", "/projects/1",
                             project="某某", stage="立项")
        _db.session.commit()
        rows = _rows()
        assert {r.channel for r in rows} == {"wecom", "email"}
        assert all(r.next_attempt_dt == MORNING for r in rows)
        # the notification centre is not held
        assert _db.session.scalar(select(Notification.read_dt)) is None
        assert outbox.drain() == {"sent": 0, "failed": 0, "dead": 0}
        # a test message asked for by a person goes at once
        webhooks.queue_test(setup["admin"], target)
        _db.session.commit()
        assert outbox.drain()["sent"] == 1
    assert len(http_server.requests) == 1 and smtp_server.messages == []
    assert outbox.drain(now=MORNING)["sent"] == 2
    assert len(http_server.requests) == 2 and len(smtp_server.messages) == 1


def test_a_retry_that_would_fall_into_the_night_waits_for_the_morning(
        app, db, setup, night_hours, http_server, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_OUTBOX_RETRY_SECONDS", 120)
    target = _target("webhook", http_server.url("/x"), project_id=setup["project"].id)
    before_closing = datetime(2026, 12, 2, 12, 59)  # 20:59 local
    with time_machine.travel(before_closing.replace(tzinfo=UTC), tick=False):
        webhooks.queue_to_target(target, "t", "x")
        _db.session.commit()
    http_server.answers = [(503, b"busy")]
    assert outbox.drain(now=before_closing)["failed"] == 1
    assert _rows()[0].next_attempt_dt == MORNING + timedelta(days=1)


# -- links and Message-IDs -------------------------------------------------------------


@pytest.fixture
def no_base_url(app, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_BASE_URL", "")
    path = Path(app.config["INSTANCE_DIR"]) / base_url_module.FILE_NAME
    path.unlink(missing_ok=True)
    base_url_module._recorded.clear()
    yield path
    path.unlink(missing_ok=True)
    base_url_module._recorded.clear()


def test_links_follow_the_address_the_web_is_served_under(app, db, setup, login_as,
                                                          no_base_url, monkeypatch):
    assert absolute_url("/alarms/1") == "http://localhost:5000/alarms/1"  # nothing served yet
    # an anonymous probe with a forged Host header is not trusted with it
    app.test_client().get("/auth/login", base_url="http://evil.example:80")
    assert not no_base_url.exists()
    login_as(setup["pm"]).get("/", base_url="http://localhost:8123")
    assert no_base_url.read_text().strip() == "http://localhost:8123"
    # the scheduler has no request: it reads what the web recorded
    assert absolute_url("/alarms/1") == "http://localhost:8123/alarms/1"
    monkeypatch.setitem(app.config, "SICRM_BASE_URL", "https://crm.example.com/")
    assert absolute_url("/alarms/1") == "https://crm.example.com/alarms/1"  # the setting wins


def test_an_email_sent_again_after_a_crash_keeps_its_message_id(db, smtp_server):
    user = make_user("zhang", email="zhang@example.com")
    row = queue_email(user, "Subject", "Body")
    _db.session.commit()
    assert outbox.drain()["sent"] == 1
    # the drainer was killed after the SMTP answer, before its "sent" commit
    row = _db.session.get(OutboxMessage, row.id)
    row.status, row.next_attempt_dt = "sending", utcnow() + outbox.LEASE
    _db.session.commit()
    assert outbox.drain(now=utcnow() + outbox.LEASE + timedelta(seconds=1))["sent"] == 1
    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"] == outbox_message_id(row.id)
    other = queue_email(user, "Other", "Body")
    assert outbox_message_id(other.id) != first["Message-ID"]
