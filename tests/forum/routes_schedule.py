"""Route-permission table of the schedule (see tests/test_route_permissions.py).

world["schedule_event"]: a meeting of world["project"] organised by "owner" (on its
team), so "outsider" and "engineer", who may not see the project, are refused;
"manager" manages the project's department and may change it.
world["schedule_visit"]: a visit to world["org"] without a project, organised by
"outsider" with "engineer" attending: seen by them (and admins, executives), not by
"owner"."""
from datetime import datetime

from sicrm.forum.schedule import services
from tests.fixtures.routes import Case

EVENT = {"event_id": "schedule_event"}
VISIT = {"event_id": "schedule_visit"}
FORM = {"kind": "meeting", "title": "周例会", "start": "2030-01-07T10:00",
        "end": "2030-01-07T11:00"}

ROUTES: dict[str, Case] = {
    "schedule.my_schedule": Case(allowed="engineer"),
    "schedule.event_create": Case("POST", data=FORM, allowed="engineer"),
    "schedule.event_view": Case(args=EVENT, refused=("outsider", "engineer"),
                                allowed="owner"),
    "schedule.event_ics": Case(args=VISIT, refused=("owner", "manager"), allowed="engineer"),
    "schedule.event_edit": Case("POST", args=EVENT, data=FORM,
                                refused=("outsider", "engineer", "finance"),
                                allowed="manager"),
    "schedule.event_cancel": Case("POST", args=VISIT, data={"reason": "改期"},
                                  refused=("engineer", "owner", "manager"),
                                  allowed="outsider"),
    # only an attendee answers (the visit's organiser is "outsider")
    "schedule.event_respond": Case("POST", args=VISIT, data={"response": "accepted"},
                                   refused=("owner", "outsider", "manager"),
                                   allowed="engineer"),
    "schedule.project_schedule": Case(args={"project_id": "project"},
                                      refused=("outsider", "engineer"), allowed="owner"),
}


def populate(world):
    world["schedule_event"] = services.create_event(world["owner"], services.EventData(
        title="方案沟通会", start=datetime(2030, 1, 8, 14), end=datetime(2030, 1, 8, 15)),
        world["project"])
    world["schedule_visit"] = services.create_event(world["outsider"], services.EventData(
        title="拜访客户", kind="visit", start=datetime(2030, 1, 9, 9),
        end=datetime(2030, 1, 9, 11), organization_id=world["org"].id,
        user_ids=[world["engineer"].id]))

