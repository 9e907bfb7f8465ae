import pytest

from sicrm.core.errors import ServiceError
from sicrm.templates_lib.definition import task_schedule, validate_definition
from tests.fixtures.factories import make_user
from tests.templates_lib.helpers import basic, stage, task


def _refused(data, *, draft=False) -> ServiceError:
    with pytest.raises(ServiceError) as error:
        validate_definition(data, draft=draft)
    return error.value


def test_a_valid_definition_is_normalised(db):
    data = basic()
    data["stages"][0]["name"] = {"zh": " 线索 "}  # en missing, spaces
    data["stages"][0]["extra"] = "dropped"
    data["stages"][1]["documents"][0]["approver_roles"] = ["finance", "dept_manager", "finance"]
    result = validate_definition(data)
    assert result["stages"][0]["name"] == {"zh": "线索", "en": ""}
    assert "extra" not in result["stages"][0]
    assert result["stages"][1]["documents"][0]["approver_roles"] == ["dept_manager", "finance"]
    assert result["stages"][1]["gate"]["checklist"] == [{"zh": "预算已确认", "en": "Budget confirmed"}]
    assert data["stages"][0]["extra"] == "dropped"  # the input is not changed


def test_no_stages(db):
    assert "at least one stage" in str(_refused({"stages": []}).message)
    assert validate_definition({"stages": []}, draft=True) == {"stages": []}
    assert "object" in str(_refused(["not", "a", "dict"]).message)


@pytest.mark.parametrize(("change", "message", "field"), [
    (lambda d: d["stages"][1].update(key="lead"), "“lead” is used twice", "key"),
    (lambda d: d["stages"][0]["tasks"].append(task("t1")), "“t1” is used twice", "key"),
    (lambda d: d["stages"][0].update(key="Bad Key"), "lower-case letters", "key"),
    (lambda d: d["stages"][0].update(duration=0), "at least 1", "duration"),
    (lambda d: d["stages"][0].update(duration=-3), "at least 1", "duration"),
    (lambda d: d["stages"][0].update(duration=2.5), "whole number", "duration"),
    (lambda d: d["stages"][0]["tasks"][0].update(duration=0), "at least 1", "duration"),
    (lambda d: d["stages"][0]["tasks"][0].update(offset=-1), "at least 0", "offset"),
    (lambda d: d["stages"][0]["milestones"][0].update(offset=6), "at most 5", "offset"),
    (lambda d: d["stages"][0]["tasks"][0].update(owner_role="boss"), "unknown role “boss”",
     "owner_role"),
    (lambda d: d["stages"][1]["documents"][0].update(approver_roles=["engineer"]),
     "unknown role “engineer”", "approver_roles"),
    (lambda d: d["stages"][1]["gate"].update(reviewer_roles=["ceo"]), "unknown role", "reviewer_roles"),
    (lambda d: d["stages"][1]["gate"].update(rule="vote"), "Unknown gate rule", "gate_rule"),
    (lambda d: d["stages"][1]["gate"].update(reviewer_roles=[]), "at least one reviewer",
     "reviewer_roles"),
    (lambda d: d["stages"][1]["gate"].update(reviewer_users=["nobody"]),
     "“nobody” is not an active user", "reviewer_users"),
    (lambda d: d["stages"][0].update(name={"zh": "", "en": "Lead"}), "Chinese name", "name_zh"),
    (lambda d: d["stages"][0]["tasks"][0].update(after="t9"), "not a task of this stage", "after"),
    (lambda d: d["stages"][1]["documents"][0].update(format_file_id=999), "format file does not exist",
     "format_file"),
])
def test_refusals_say_where(db, change, message, field):
    data = basic()
    change(data)
    error = _refused(data)
    assert message in str(error.message)
    assert str(error.message).startswith("Stage ")
    assert error.field == field


def test_cycles_through_after_are_refused(db):
    data = {"stages": [stage("lead"), stage("demo", "方案与演示", tasks=[
        task("t1", after="t3"), task("t2", after="t1"), task("t3", after="t2")])]}
    message = str(_refused(data).message)
    assert message == "Stage 2 (方案与演示): task “t1” comes after itself through other tasks."
    data["stages"][1]["tasks"] = [task("t1", after="t1")]
    assert "“t1” comes after itself." in str(_refused(data).message)


def test_reviewer_users_must_be_active(db):
    make_user("boss")
    make_user("gone", active=False)
    data = basic()
    data["stages"][1]["gate"]["reviewer_users"] = ["boss"]
    assert validate_definition(data)["stages"][1]["gate"]["reviewer_users"] == ["boss"]
    data["stages"][1]["gate"]["reviewer_users"] = ["boss", "gone"]
    assert "“gone” is not an active user" in str(_refused(data).message)
    data["stages"][1]["gate"] = {"rule": "any", "reviewer_roles": [], "reviewer_users": ["boss"]}
    assert validate_definition(data)["stages"][1]["gate"]["checklist"] == []


def test_task_schedule_resolves_after_chains():
    spec = stage("s", tasks=[task("c", after="b", offset=1, duration=2), task("a", duration=3),
                             task("b", after="a", duration=2), task("x", offset=4)])
    assert task_schedule(spec) == {"c": (6, 8), "a": (0, 3), "b": (3, 5), "x": (4, 5)}
    assert task_schedule(stage("empty")) == {}
