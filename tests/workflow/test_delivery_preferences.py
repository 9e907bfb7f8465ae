"""Per-user channels per kind of notification, and the daily digest."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification, NotificationPreference, OutboxMessage
from sicrm.extensions import db as _db
from sicrm.workflow.delivery.services import outbox, preferences
from sicrm.workflow.delivery.services.digest import send_digests
from tests.fixtures.factories import make_user

PARAMS = {"project": "某某数据中心", "stage": "立项"}


def _prefer(user, kind, channels, digest=False):
    _db.session.add(NotificationPreference(user_id=user.id, kind=kind, channels=channels,
                                           digest=digest))
    _db.session.flush()


def _emails():
    return _db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_defaults_app_and_email_only_with_an_address_and_smtp(app, db, smtp_server,
                                                             monkeypatch):
    with_mail = make_user("a", email="a@example.com")
    without = make_user("b")
    assert preferences.preference(with_mail, "gate_approved") == (["app", "email"], False)
    assert preferences.preference(without, "gate_approved") == (["app"], False)
    monkeypatch.setitem(app.config, "SICRM_SMTP_HOST", "")
    assert preferences.preference(with_mail, "gate_approved") == (["app"], False)


def test_email_excluded_queues_no_email_and_app_excluded_stores_it_read(db, smtp_server):
    user = make_user("a", email="a@example.com")
    _prefer(user, "gate_approved", ["app"])
    _prefer(user, "gate_rejected", ["email"])
    notifications.notify([user], "gate_approved", None, **PARAMS)
    notifications.notify([user], "gate_rejected", None, reason="预算不足", **PARAMS)
    db.session.commit()
    assert [m.subject for m in _emails()] == [
        "[sicrm] 某某数据中心: the gate “立项” was rejected: 预算不足"]
    assert notifications.unread_count(user) == 1  # the rejected one is kept, but read
    assert len(_db.session.scalars(select(Notification)).all()) == 2


def test_digest_gathers_a_kind_into_one_email_a_day(db, smtp_server):
    user = make_user("zhang", email="zhang@example.com", locale="en")
    _prefer(user, "gate_approved", ["app", "email"], digest=True)
    day1 = datetime(2026, 3, 2, 1, 0)  # 09:00 in Shanghai
    for stage, when in (("立项", day1 - timedelta(hours=30)),  # before the window
                        ("需求调研", day1 - timedelta(hours=5)),
                        ("方案", day1 - timedelta(hours=1))):
        notifications.notify([user], "gate_approved", "/projects/3", project="园区",
                             stage=stage)
        _db.session.flush()
        for item in _db.session.scalars(select(Notification).where(
                Notification.params["stage"].as_string() == stage)):
            item.created_dt = when
    notifications.notify([user], "gate_rejected", None, reason="r", **PARAMS)  # not digest
    db.session.commit()
    assert [m.dedupe_key for m in _emails()] == [None]  # only the non-digest kind

    assert send_digests(now=day1) == 1
    assert send_digests(now=day1 + timedelta(hours=2)) == 0  # once a day
    digest = _emails()[-1]
    assert digest.dedupe_key == f"digest:{user.id}:2026-03-02"
    assert digest.subject == "[sicrm] Your daily digest: 2 notifications"
    assert "需求调研" in digest.body and "方案" in digest.body and "立项" not in digest.body
    assert "https://crm.example.com/projects/3" in digest.body

    notifications.notify([user], "gate_approved", None, project="园区", stage="部署")
    _db.session.flush()
    _db.session.scalars(select(Notification).order_by(Notification.id.desc())).first() \
        .created_dt = day1 + timedelta(hours=3)
    db.session.commit()
    day2 = day1 + timedelta(days=1)
    assert send_digests(now=day2) == 1
    second = _emails()[-1]
    assert second.dedupe_key == f"digest:{user.id}:2026-03-03"
    assert "部署" in second.body and "方案" not in second.body  # since the previous digest
    assert send_digests(now=day2 + timedelta(days=1)) == 0  # nothing new: no empty digest

    assert outbox.drain()["sent"] == 3
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert len(subjects) == 3 and all(s.startswith("[sicrm]") for s in subjects)


def test_preferences_page_saves_and_refuses_a_digest_without_email(db, smtp_server,
                                                                  login_as):
    user = make_user("a", email="a@example.com")
    client = login_as(user)
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert 'name="gate_approved__email"' in page and "checked" in page
    response = client.post("/notifications/preferences",
                           data={"gate_approved__app": "y", "gate_approved__digest": "y"})
    assert response.status_code == 200
    assert "the daily digest is an e-mail" in response.get_data(as_text=True)
    assert _db.session.scalars(select(NotificationPreference)).all() == []

    response = client.post("/notifications/preferences", data={
        "gate_approved__email": "y", "gate_approved__digest": "y",
        "gate_rejected__app": "y"})
    assert response.status_code == 302
    saved = {p.kind: (p.channels, p.digest)
             for p in _db.session.scalars(select(NotificationPreference))}
    assert saved["gate_approved"] == (["email"], True)
    assert saved["gate_rejected"] == (["app"], False)
    assert saved["gate_review_requested"] == ([], False)


def test_a_user_cannot_save_someone_elses_preferences(db):
    a, b = make_user("a"), make_user("b")
    with pytest.raises(ServiceError):
        preferences.save_preferences(a, b, {"gate_approved": {"channels": ["app"]}})
    with pytest.raises(ServiceError):
        preferences.save_preferences(a, a, {"no_such_kind": {"channels": ["app"]}})
