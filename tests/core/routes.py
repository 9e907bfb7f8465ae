"""Route-permission table for core (see tests/test_route_permissions.py)."""
from datetime import date
from io import BytesIO
from types import SimpleNamespace

from sicrm.core import notifications
from sicrm.core.models import CalendarDay, CalendarYear, Notification, PublicDay
from sicrm.extensions import db
from tests.fixtures.routes import Case

ORG_FORM = {"name": "新名称信息技术有限公司", "kinds": ["customer"], "confirm_duplicates": "y"}
CONTACT_FORM = {"name": "新联系人", "relationship_strength": "2"}
USER_FORM = {"username": "newbie", "full_name": "新人", "password": "abc12345",
             "roles": ["engineer"], "active": "y"}

class ReusableFile(BytesIO):
    """An upload the tables can send again: the test client closes what it sent."""

    def close(self):
        self.seek(0)


ROUTES: dict[str, Case] = {
    "main.index": Case(allowed="engineer"),
    "auth.change_password": Case(allowed="engineer"),
    "auth.preferences": Case(allowed="engineer"),
    "orgs.org_list": Case(allowed="engineer"),
    "orgs.org_create": Case("POST", data=ORG_FORM, refused=("engineer", "finance"),
                            allowed="outsider"),
    "orgs.org_duplicates": Case(refused=("engineer",), allowed="outsider"),
    "orgs.org_view": Case(args={"org_id": "org"}, allowed="engineer"),
    "orgs.org_edit": Case("POST", args={"org_id": "org"}, data=ORG_FORM,
                          refused=("outsider", "engineer"), allowed="owner"),
    "orgs.org_delete": Case("POST", args={"org_id": "org"}, refused=("owner", "executive")),
    "orgs.contact_list": Case(allowed="engineer"),
    "orgs.contact_view": Case(args={"contact_id": "contact"}, allowed="engineer"),
    "orgs.contact_create": Case("POST", args={"org_id": "org"}, data=CONTACT_FORM,
                                refused=("outsider", "engineer"), allowed="manager"),
    "orgs.contact_edit": Case("POST", args={"contact_id": "contact"}, data=CONTACT_FORM,
                              refused=("outsider",), allowed="owner"),
    "orgs.contact_delete": Case("POST", args={"contact_id": "contact"},
                                refused=("outsider", "engineer"), allowed="owner"),
    "admin.user_list": Case(refused=("executive", "manager")),
    "admin.user_create": Case("POST", data=USER_FORM, refused=("executive", "manager")),
    "admin.user_edit": Case("POST", args={"user_id": "engineer"},
                            data={**USER_FORM, "username": "engineer"},
                            refused=("executive", "manager")),
    "admin.user_reset_password": Case("POST", args={"user_id": "engineer"},
                                      data={"new_password": "abc12345"},
                                      refused=("executive", "manager")),
    "admin.user_set_active": Case("POST", args={"user_id": "engineer"}, data={"active": "0"},
                                  refused=("executive", "manager")),
    "admin.department_list": Case(refused=("executive",)),
    "admin.department_create": Case("POST", data={"name": "新部门"}, refused=("executive",)),
    "admin.department_edit": Case("POST", args={"department_id": "empty_dept"},
                                  data={"name": "改名"}, refused=("executive", "manager")),
    "admin.department_delete": Case("POST", args={"department_id": "empty_dept"},
                                    refused=("executive", "manager")),
    "admin.audit_log": Case(refused=("executive", "manager", "engineer")),
    "admin.calendar_days": Case("POST", data={"day": "2030-05-06", "kind": "off"},
                                refused=("executive", "manager")),
    "admin.calendar_day_delete": Case("POST", args={"day_id": "calendar_day"},
                                      refused=("executive", "manager")),
    "admin.calendar_year_save": Case("POST", data={"year": "2031", "holidays": "2031-01-01 元旦"},
                                     refused=("executive", "manager")),
    "admin.calendar_import": Case("POST", data={"file": (ReusableFile(b"2032-01-01,,off,New Year"),
                                                         "2032.csv")},
                                  refused=("executive", "manager")),
    "admin.calendar_year_delete": Case("POST", args={"year": "calendar_year"},
                                       refused=("executive", "manager")),
    "core_notifications.notification_list": Case(allowed="engineer"),
    "core_notifications.notification_read_all": Case("POST", allowed="engineer"),
    "core_notifications.notification_open": Case("POST", args={"notification_id": "notification"},
                                                 allowed="engineer"),
}


def populate(world):
    notifications.register_kind("test", "%(what)s", "Test message")
    world["calendar_day"] = CalendarDay(day=date(2030, 5, 7), kind="off")
    db.session.add(world["calendar_day"])
    db.session.add(CalendarYear(year=2033, source="form"))
    db.session.flush()
    db.session.add(PublicDay(year=2033, day=date(2033, 1, 3), kind="off", name="元旦"))
    world["calendar_year"] = SimpleNamespace(id=2033)
    world["notification"] = Notification(user_id=world["engineer"].id, kind="test",
                                         params={"what": "x"}, url="/organizations/")
    db.session.add(world["notification"])
    db.session.flush()
