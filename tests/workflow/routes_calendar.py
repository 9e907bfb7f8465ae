"""Route-permission table for workflow.calendar (see tests/test_route_permissions.py).
The public feed (calendar.feed) is in PUBLIC; its token checks are tested in
tests/workflow/test_calendar_feeds.py."""
from sicrm.extensions import db
from sicrm.workflow.models import CalendarFeed
from tests.fixtures.routes import Case

ROUTES = {
    "calendar.calendar_view": Case(allowed="engineer"),
    "calendar.feed_list": Case(allowed="engineer"),
    "calendar.feed_create": Case("POST", allowed="engineer"),
    "calendar.feed_revoke": Case("POST", args={"feed_id": "feed"},
                                 refused=("outsider", "manager", "admin"), allowed="owner"),
}


def populate(world):
    world["feed"] = CalendarFeed(user_id=world["owner"].id, token="routes-table-token")
    db.session.add(world["feed"])
    db.session.flush()
