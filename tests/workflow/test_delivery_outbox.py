"""The outbox and e-mail: notify() queues in the same transaction, drain() sends over
real SMTP on loopback, retries with back-off, gives up after N attempts, and never
sends a message twice, even with two drainers at once."""
from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core import roles as R
from sicrm.core.models import Notification, OutboxMessage, utcnow
from sicrm.extensions import db
from sicrm.workflow.delivery.cli import delivery
from sicrm.workflow.delivery.services import outbox, queue_email
from sicrm.workflow.delivery.services.mail import smtp_configured
from sicrm.workflow.models import WebhookTarget
from tests.fixtures.delivery import free_port
from tests.fixtures.factories import make_user

PARAMS = {"project": "某某数据中心", "stage": "立项"}


def _rows():
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_notify_queues_an_email_in_the_users_language_and_drain_sends_it(db, smtp_server):
    zh = make_user("zhang", email="zhang@example.com", locale="zh_CN")
    en = make_user("smith", email="smith@example.com", locale="en")
    make_user("nomail")  # no address: nothing queued for them
    notifications.notify([zh, en], "gate_approved", "/projects/7", **PARAMS)
    db.session.commit()
    assert smtp_server.messages == []  # queued, not sent: web requests only write rows
    rows = _rows()
    assert [(r.recipient, r.status) for r in rows] == [
        ("zhang@example.com", "pending"), ("smith@example.com", "pending")]

    assert outbox.drain() == {"sent": 2, "failed": 0, "dead": 0}
    by_to = {m["To"]: m for m in smtp_server.messages}
    chinese, english = by_to["zhang@example.com"], by_to["smith@example.com"]
    assert chinese["Subject"] == "[sicrm] 某某数据中心：阶段“立项”的评审点已通过。"
    assert english["Subject"] == "[sicrm] 某某数据中心: the gate “立项” was approved."
    assert chinese["From"] == "sicrm@example.com"
    plain = english.get_body(("plain",)).get_content()
    html = english.get_body(("html",)).get_content()
    assert "the gate “立项” was approved." in plain
    assert "https://crm.example.com/projects/7" in plain
    assert 'href="https://crm.example.com/projects/7"' in html
    assert "https://crm.example.com/notifications/preferences" in plain
    assert "阶段“立项”的评审点已通过" in chinese.get_body(("plain",)).get_content()
    assert all(r.status == "sent" and r.sent_dt and r.attempts == 1 for r in _rows())
    assert outbox.drain() == {"sent": 0, "failed": 0, "dead": 0}  # nothing sent twice
    assert len(smtp_server.messages) == 2


def test_rolled_back_notification_queues_nothing(db, smtp_server):
    user = make_user("zhang", email="zhang@example.com")
    db.session.commit()
    notifications.notify([user], "gate_approved", "/projects/7", **PARAMS)
    db.session.rollback()
    assert _rows() == [] and db.session.scalars(select(Notification)).all() == []


def test_no_email_is_queued_while_smtp_is_not_configured(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_SMTP_HOST", "")
    user = make_user("zhang", email="zhang@example.com")
    assert not smtp_configured()
    notifications.notify([user], "gate_approved", "/projects/7", **PARAMS)
    assert queue_email(user, "s", "b") is None
    db.session.commit()
    assert _rows() == []
    assert db.session.scalars(select(Notification)).one().user_id == user.id


def test_queue_email_with_a_dedupe_key_queues_once(db, smtp_server):
    user = make_user("zhang", email="zhang@example.com")
    assert queue_email(user, "Reminder", "Due soon", "/projects/1", dedupe_key="a:1") is not None
    assert queue_email(user, "Reminder", "Due soon", "/projects/1", dedupe_key="a:1") is None
    db.session.commit()
    [row] = _rows()
    assert row.url == "https://crm.example.com/projects/1" and row.user_id == user.id


def test_failing_smtp_retries_with_backoff_then_dies_and_an_admin_retry_sends(
        app, db, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_OUTBOX_MAX_ATTEMPTS", 3)
    monkeypatch.setitem(app.config, "SICRM_OUTBOX_RETRY_SECONDS", 60)
    user = make_user("zhang", email="zhang@example.com")
    queue_email(user, "Subject", "Body")
    db.session.commit()
    smtp_server.refuse = "451 4.3.0 try again later"
    start = utcnow()

    assert outbox.drain(now=start) == {"sent": 0, "failed": 1, "dead": 0}
    [row] = _rows()
    assert row.status == "failed" and row.attempts == 1
    assert "451" in row.last_error
    assert row.next_attempt_dt == start + timedelta(seconds=60)
    assert outbox.drain(now=start + timedelta(seconds=59)) == {"sent": 0, "failed": 0,
                                                               "dead": 0}  # not due yet
    second = start + timedelta(seconds=60)
    assert outbox.drain(now=second)["failed"] == 1
    db.session.refresh(row)
    assert row.next_attempt_dt == second + timedelta(seconds=120)  # doubled
    assert outbox.drain(now=second + timedelta(seconds=120))["dead"] == 1
    db.session.refresh(row)
    assert (row.status, row.attempts) == ("dead", 3)
    assert outbox.drain(now=start + timedelta(days=1))["dead"] == 0  # dead stays dead
    assert smtp_server.messages == []

    smtp_server.refuse = None
    outbox.retry_message(user, row)
    db.session.commit()
    assert outbox.drain() == {"sent": 1, "failed": 0, "dead": 0}
    assert [m["Subject"] for m in smtp_server.messages] == ["Subject"]


def test_an_unreachable_server_fails_without_losing_the_message(app, db, smtp_server,
                                                               monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_SMTP_PORT", free_port())  # nobody listens
    user = make_user("zhang", email="zhang@example.com")
    queue_email(user, "Subject", "Body")
    db.session.commit()
    assert outbox.drain()["failed"] == 1
    [row] = _rows()
    assert row.status == "failed" and "Connection" in row.last_error


def test_permanently_refused_recipient_is_dead_at_once(db, smtp_server):
    smtp_server.refuse_rcpt = "550 5.1.1 no such user"
    user = make_user("zhang", email="nobody@example.com")
    queue_email(user, "Subject", "Body")
    db.session.commit()
    assert outbox.drain() == {"sent": 0, "failed": 0, "dead": 1}
    [row] = _rows()
    assert row.attempts == 1 and "550" in row.last_error


def test_a_stale_claim_is_taken_again_after_its_lease(db, smtp_server):
    user = make_user("zhang", email="zhang@example.com")
    row = queue_email(user, "Subject", "Body")
    row.status, row.attempts = "sending", 1
    row.next_attempt_dt = utcnow() + outbox.LEASE  # a drainer claimed it, then died
    db.session.commit()
    assert outbox.drain()["sent"] == 0
    assert outbox.drain(now=utcnow() + outbox.LEASE + timedelta(seconds=1))["sent"] == 1
    assert len(smtp_server.messages) == 1


def test_retry_all_resets_failed_and_dead_only(db, smtp_server):
    user = make_user("zhang", email="zhang@example.com")
    statuses = ["failed", "dead", "sent", "pending"]
    for status in statuses:
        row = queue_email(user, status, "Body")
        row.status, row.attempts = status, 3
        row.next_attempt_dt = utcnow() + timedelta(hours=1)
    db.session.commit()
    assert outbox.retry_all(user) == 2
    db.session.commit()
    assert outbox.drain()["sent"] == 2
    assert sorted(m["Subject"] for m in smtp_server.messages) == ["dead", "failed"]


def test_two_drainers_at_once_send_each_message_once(app, db, http_server):
    http_server.delay = 0.05
    target = WebhookTarget(name="群", kind="webhook", url=http_server.url(), active=True)
    db.session.add(target)
    db.session.flush()
    for number in range(12):
        db.session.add(OutboxMessage(channel="webhook", recipient=str(target.id),
                                     subject=f"m{number}", body="b"))
    db.session.commit()
    results = []

    def run():
        with app.app_context():
            results.append(outbox.drain())
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    titles = sorted(r["body"]["title"] for r in http_server.requests)
    assert titles == sorted(f"m{n}" for n in range(12))  # each once, none twice
    assert sum(r["sent"] for r in results) == 12
    assert all(row.status == "sent" for row in _rows())


def test_admin_role_is_irrelevant_to_queueing(db, smtp_server):
    """notify() queues for every recipient whatever their role; inactive users get
    nothing."""
    active = make_user("a", email="a@example.com", roles=[R.ADMIN])
    inactive = make_user("b", email="b@example.com", active=False)
    notifications.notify([active, inactive], "gate_approved", None, **PARAMS)
    db.session.commit()
    assert [r.recipient for r in _rows()] == ["a@example.com"]


def test_cli_test_email_sends_through_smtp(app, db, smtp_server):
    make_user("zhang", email="zhang@example.com", locale="en")
    db.session.commit()
    result = app.test_cli_runner().invoke(delivery, ["test-email", "zhang"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("sent: ok")
    assert [m["Subject"] for m in smtp_server.messages] == ["sicrm test message"]
    assert app.test_cli_runner().invoke(delivery, ["test-email", "nobody"]).exit_code != 0
