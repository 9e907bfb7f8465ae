"""Route-permission table for workflow.alarms (see tests/test_route_permissions.py)."""
from datetime import date, timedelta

from sicrm.extensions import db
from sicrm.workflow.models import Alarm, AlarmDelivery, AlarmPolicy
from tests.fixtures.projects import make_project
from tests.fixtures.routes import Case

POLICY_FORM = {"name": "交付类", "reminder_offsets": "5, 1",
               "milestone_escalation": "0: owner, pm\n3: pm_manager", "active": "y"}

ROUTES = {
    "alarms.my_alarms": Case(allowed="engineer"),
    "alarms.alarm_view": Case(args={"alarm_id": "alarm"}, refused=("outsider",),
                              allowed="engineer"),
    "alarms.alarm_acknowledge": Case("POST", args={"alarm_id": "alarm"},
                                     data={"note": "已安排"},
                                     refused=("outsider", "finance"), allowed="owner"),
    "alarms.alarm_snooze": Case("POST", args={"alarm_id": "alarm"},
                                data={"until": (date.today() + timedelta(days=30)).isoformat(),
                                      "reason": "等待客户"},
                                refused=("outsider", "finance"), allowed="engineer"),
    "alarms.project_alarms": Case(args={"project_id": "alarm_project"},
                                  refused=("outsider", "engineer"), allowed="owner"),
    "alarms.policy_list": Case(refused=("executive", "manager")),
    "alarms.policy_create": Case("POST", data=POLICY_FORM, refused=("executive", "manager")),
    "alarms.policy_edit": Case("POST", args={"policy_id": "policy"}, data=POLICY_FORM,
                               refused=("executive", "manager")),
    "alarms.policy_delete": Case("POST", args={"policy_id": "policy"},
                                 refused=("executive", "manager")),
}


def populate(world):
    project = make_project(world["owner"], customer=world["org"], start=date(2026, 3, 2),
                           name="alarm_project")
    world["alarm_project"] = project
    world["alarm"] = Alarm(subject_type="stage", subject_id=project.stages[0].id,
                           kind="stage_overrun", level=0, project_id=project.id,
                           due_date=date(2026, 3, 6))
    db.session.add(world["alarm"])
    db.session.flush()
    # the engineer is not on the team; the alarm reached them (a named recipient)
    db.session.add(AlarmDelivery(alarm_id=world["alarm"].id, user_id=world["engineer"].id))
    world["policy"] = AlarmPolicy(name="旧策略", reminder_offsets=[1],
                                  milestone_escalation=[{"after": 0, "recipients": ["pm"]}])
    db.session.add(world["policy"])
    db.session.flush()
