"""Small definitions for template tests."""
from __future__ import annotations

import copy


def n(zh: str, en: str = "") -> dict:
    return {"zh": zh, "en": en}


def task(key, after=None, offset=0, duration=1, role="pm") -> dict:
    return {"key": key, "name": n(f"任务{key}"), "owner_role": role, "offset": offset,
            "after": after, "duration": duration}


def stage(key, zh="阶段", duration=10, tasks=(), milestones=(), documents=(), gate=None):
    return {"key": key, "name": n(zh, key.title()), "duration": duration, "tasks": list(tasks),
            "milestones": list(milestones), "documents": list(documents), "gate": gate}


GATE = {"rule": "all", "reviewer_roles": ["dept_manager"], "reviewer_users": [],
        "checklist": [n("预算已确认", "Budget confirmed")]}

BASIC = {"stages": [
    stage("lead", "线索", 5, [task("t1"), task("t2", after="t1", offset=1, duration=2)],
          [{"key": "m1", "name": n("首次拜访"), "offset": 3, "owner_role": "sales"}]),
    stage("approval", "立项", 3, documents=[
        {"key": "d1", "name": n("立项申请表"), "description": "", "format_file_id": None,
         "approver_roles": ["dept_manager"]}], gate=GATE),
]}


def basic() -> dict:
    return copy.deepcopy(BASIC)
