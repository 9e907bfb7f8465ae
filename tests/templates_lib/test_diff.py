import copy

from sicrm.templates_lib.diff import describe, diff_definitions
from tests.templates_lib.helpers import basic, n, stage, task


def _kinds(changes):
    return [(c.kind, c.stage, c.item) for c in changes]


def test_no_changes():
    assert diff_definitions(basic(), basic()) == []


def test_first_version_lists_every_stage_as_added():
    assert _kinds(diff_definitions(None, basic())) == [
        ("stage_added", "lead", None), ("stage_added", "approval", None)]


def test_stage_changes():
    old = basic()
    old["stages"].append(stage("signing", "签约", 2))
    new = copy.deepcopy(old)
    new["stages"] = [new["stages"][1], new["stages"][0]]  # approval first, signing removed
    new["stages"][1]["name"] = n("商机", "Opportunity")
    new["stages"][1]["duration"] = 8
    new["stages"].append(stage("survey", "需求调研", 10))
    changes = diff_definitions(old, new)
    kinds = _kinds(changes)
    assert ("stage_removed", "signing", None) in kinds
    assert ("stage_added", "survey", None) in kinds
    assert ("stage_renamed", "lead", None) in kinds
    assert ("stage_duration", "lead", None) in kinds
    moved = [c for c in changes if c.kind == "stage_moved"]
    assert len(moved) == 1 and (moved[0].before, moved[0].after) in ((1, 2), (2, 1))
    texts = [describe(c, "en") for c in changes]
    assert "Stage “Opportunity”: standard duration 5 → 8 working days." in texts
    assert "Stage renamed from “Lead” to “Opportunity”." in texts
    assert "Stage “Signing” removed." in texts


def test_item_and_gate_changes():
    old, new = basic(), basic()
    lead = new["stages"][0]
    lead["tasks"][1]["duration"] = 4
    lead["tasks"].append(task("t3"))
    lead["milestones"] = []
    approval = new["stages"][1]
    approval["documents"][0]["approver_roles"] = ["dept_manager", "finance"]
    approval["gate"]["rule"] = "any"
    new["stages"][0]["gate"] = {"rule": "all", "reviewer_roles": ["pm"], "reviewer_users": [],
                                "checklist": []}
    changes = diff_definitions(old, new)
    assert set(_kinds(changes)) == {
        ("item_changed", "lead", "t2"), ("item_added", "lead", "t3"),
        ("item_removed", "lead", "m1"), ("gate_added", "lead", None),
        ("item_changed", "approval", "d1"), ("gate_changed", "approval", None)}
    changed = next(c for c in changes if c.item == "t2")
    assert changed.fields == ("duration",) and (changed.before, changed.after) == (
        {"duration": 2}, {"duration": 4})
    texts = [describe(c, "en") for c in changes]
    assert "Stage “Lead”: Task “任务t2” changed (duration: 2 → 4)." in texts
    assert any("gate review changed (rule: all → any)" in t for t in texts)
    new["stages"][1]["gate"] = None
    assert ("gate_removed", "approval", None) in _kinds(diff_definitions(old, new))
