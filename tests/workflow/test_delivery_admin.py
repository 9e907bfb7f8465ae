"""The administrator's page of failed and dead deliveries: last error, retry one,
retry all, and a constant number of queries however long the page."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.core.models import OutboxMessage
from sicrm.extensions import db as _db
from sicrm.workflow.models import WebhookTarget
from tests.fixtures.factories import make_user
from tests.fixtures.queries import count_queries


def _failed(count, user=None, target=None, status="dead"):
    for number in range(count):
        if target is not None and number % 2:
            message = OutboxMessage(channel=target.kind, recipient=str(target.id),
                                    subject=f"hook {number}", body="b")
        else:
            message = OutboxMessage(channel="email", recipient="a@example.com",
                                    user_id=user.id if user else None,
                                    subject=f"mail {number}", body="b")
        message.status, message.attempts = status, 8
        message.last_error = f"SMTPDataError: (451, b'try later {number}')"
        _db.session.add(message)
    _db.session.flush()


def test_admin_sees_failures_with_their_last_error_and_retries(db, admin, login_as):
    user = make_user("zhang", full_name="张三", email="a@example.com")
    target = WebhookTarget(name="安防群", kind="wecom", url="https://a.b/c")
    _db.session.add(target)
    _db.session.flush()
    _failed(2, user, target)
    sent = OutboxMessage(channel="email", recipient="x@example.com", subject="fine",
                         body="b", status="sent")
    _db.session.add(sent)
    db.session.commit()
    client = login_as(admin)
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "try later 0" in page and "张三 &lt;a@example.com&gt;" in page and "安防群" in page
    assert "fine" not in page  # sent ones are not problems
    assert "fine" in client.get("/admin/outbox/?status=sent").get_data(as_text=True)

    first = _db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.subject == "mail 0")).one()
    assert client.post(f"/admin/outbox/{first.id}/retry").status_code == 302
    _db.session.refresh(first)
    assert (first.status, first.attempts) == ("pending", 0)
    assert client.post(f"/admin/outbox/{sent.id}/retry").status_code == 302  # refused
    _db.session.refresh(sent)
    assert sent.status == "sent"

    assert client.post("/admin/outbox/retry-all").status_code == 302
    statuses = {m.subject: m.status for m in _db.session.scalars(select(OutboxMessage))}
    assert statuses == {"mail 0": "pending", "hook 1": "pending", "fine": "sent"}


def test_failed_deliveries_page_has_no_n_plus_one(db, admin, login_as):
    target = WebhookTarget(name="群", kind="dingtalk", url="https://a.b/c?access_token=1")
    _db.session.add(target)
    _db.session.flush()
    client = login_as(admin)
    counts = []
    for size in (2, 18):
        _db.session.execute(OutboxMessage.__table__.delete())
        users = [make_user(email=f"u{size}{n}@example.com") for n in range(size)]
        for user in users:
            _failed(1, user, target)
            _failed(2, None, target, status="failed")
        db.session.commit()
        with count_queries(_db.engine) as counter:
            response = client.get("/admin/outbox/")
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
