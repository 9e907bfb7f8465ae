import pytest
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core.models import Notification
from tests.fixtures.factories import make_user


@pytest.fixture(autouse=True)
def kind():
    notifications.register_kind("test_greeting", _l("Organisation %(name)s created."),
                                "Test greeting")


def test_notify_once_per_active_user_and_render_in_the_readers_language(app, db, sales):
    inactive = make_user("gone", active=False)
    assert notifications.notify([sales, sales, inactive], "test_greeting", "/", name="华为") == 1
    note = db.session.scalar(select(Notification))
    with app.test_request_context(), force_locale("en"):
        assert notifications.text(note) == "Organisation 华为 created."
    with app.test_request_context(), force_locale("zh_CN"):
        assert "华为" in notifications.text(note) and "Organisation" not in notifications.text(note)
    with pytest.raises(KeyError):
        notifications.notify([sales], "no_such_kind")


def test_centre_unread_badge_open_and_read_all(login_as, db, sales, engineer):
    notifications.notify([sales], "test_greeting", "/organizations/", name="甲")
    notifications.notify([sales], "test_greeting", "/contacts/", name="乙")
    mine = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    client = login_as(sales)
    page = client.get("/notifications/").data.decode()
    assert 'id="unread-count">2<' in page and "Organisation 甲 created." in page
    response = client.post(f"/notifications/{mine[0].id}/open")
    assert response.location == "/organizations/"
    assert 'id="unread-count">1<' in client.get("/").data.decode()
    # someone else's notification does not exist for you, and stays unread
    assert login_as(engineer).post(f"/notifications/{mine[1].id}/open").status_code == 404
    client.post("/notifications/read-all")
    assert 'id="unread-count"' not in client.get("/").data.decode()
    assert notifications.unread_count(sales) == 0
