import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.workflow.alarms.policy import (
    BUILTIN,
    PolicyBook,
    parse_levels,
    parse_offsets,
    save_policy,
)
from sicrm.workflow.models import AlarmPolicy
from tests.fixtures.factories import make_user
from tests.fixtures.projects import make_version
from tests.workflow.alarm_world import POLICY


def _refused(field, **changes):
    with pytest.raises(ServiceError) as error:
        save_policy(None, {**POLICY, **changes})
    assert error.value.field == field
    return str(error.value.message)


def test_bad_policies_are_refused_with_the_line_and_reason(db):
    make_user("zhangsan", roles=[R.ENGINEER])
    assert "“-1” is not one" in str(pytest.raises(ServiceError, parse_offsets, "5, -1").value
                                    .message)
    assert "Line 2" in _refused("milestone_escalation", milestone_escalation=parse_levels(
        "0: owner\n3:", "milestone_escalation"))
    assert "unknown recipient “boss”" in _refused(
        "milestone_escalation", milestone_escalation=parse_levels("0: boss", "x"))
    assert "no active user “lisi”" in _refused(
        "stage_escalation", stage_escalation=parse_levels("0: user:lisi", "x"))
    assert "more days after" in _refused(
        "milestone_escalation", milestone_escalation=parse_levels("3: pm\n3: executive", "x"))
    _refused("milestone_escalation", milestone_escalation=[])
    _refused("template_id", stage_key="approval")
    _refused("repeat_days", repeat_days=0)
    save_policy(None, {**POLICY, "milestone_escalation": parse_levels(
        "0: owner, user:zhangsan", "x")})
    _refused("stage_key", name="第二个默认")               # one company default only
    assert db.session.scalar(select(func.count(AlarmPolicy.id))) == 1


def test_the_most_specific_policy_applies(db):
    version = make_version()
    template_id = version.template_id
    _refused("stage_key", template_id=template_id, stage_key="nope")
    save_policy(None, {**POLICY, "name": "模板", "template_id": template_id,
                       "reminder_offsets": [3]})
    save_policy(None, {**POLICY, "name": "立项", "template_id": template_id,
                       "stage_key": "approval", "reminder_offsets": [10]})
    book = PolicyBook()
    assert book.rules(template_id, "approval").reminder_offsets == (10,)
    assert book.rules(template_id, "lead").reminder_offsets == (3,)
    assert book.rules(None, "lead").reminder_offsets == tuple(
        sorted(BUILTIN["reminder_offsets"], reverse=True))
    assert book.max_reminder_offset() == 10


def test_the_policy_form_saves_a_default_and_a_stage_policy(db, login_as):
    admin = make_user("admin", roles=[R.ADMIN])
    version = make_version()
    client = login_as(admin)
    form = {"name": "公司默认", "template_id": "", "reminder_offsets": "5，1",
            "milestone_escalation": "0: owner, pm\n3：pm_manager", "repeat_days": "2",
            "active": "y"}
    assert client.post("/admin/alarm-policies/new", data=form).status_code == 302
    stage = {**form, "name": "立项阶段", "template_id": str(version.template_id),
             "stage_key": "approval"}
    assert client.post("/admin/alarm-policies/new", data=stage).status_code == 302
    bad = client.post("/admin/alarm-policies/new", data={**form, "name": "x",
                                                         "template_id": ""})
    assert "exists already" in bad.get_data(as_text=True)
    policies = db.session.scalars(select(AlarmPolicy).order_by(AlarmPolicy.id)).all()
    assert [(p.template_id, p.stage_key, p.reminder_offsets) for p in policies] == [
        (None, None, [5, 1]), (version.template_id, "approval", [5, 1])]
    assert policies[0].milestone_escalation == [
        {"after": 0, "recipients": ["owner", "pm"]}, {"after": 3, "recipients": ["pm_manager"]}]
