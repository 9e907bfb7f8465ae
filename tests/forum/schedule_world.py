"""People and a project for the schedule's tests: "seller" (sales, on the project's
team as its creator) organises; "engineer" joins the team; "outsider" may not see the
project; "manager" heads the sellers' department."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from sicrm.core import roles as R
from sicrm.forum.schedule import services
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_contact, make_department, make_org, make_user
from tests.fixtures.projects import make_project


@pytest.fixture
def people(db):
    dept = make_department("销售部")
    manager = make_user("manager", roles=[R.DEPT_MANAGER, R.SALES], department=dept,
                        full_name="李经理")
    dept.head = manager
    return {
        "manager": manager,
        "seller": make_user("seller", roles=[R.SALES], department=dept, full_name="王销售",
                            email="seller@example.com"),
        "engineer": make_user("engineer", roles=[R.ENGINEER], full_name="赵工",
                              email="zhao@example.com"),
        "outsider": make_user("outsider", roles=[R.SALES], full_name="外人甲"),
        "stranger": make_user("stranger", roles=[R.ENGINEER], full_name="外人乙"),
        "admin": make_user("admin", roles=[R.ADMIN], full_name="管理员"),
    }


@pytest.fixture
def customer(db):
    return make_org("某市公安局")


@pytest.fixture
def contact(customer):
    return make_contact(customer, name="刘科长", email="liu@example.gov.cn")


@pytest.fixture
def project(people, customer):
    project = make_project(people["seller"], customer=customer, start=date(2026, 3, 2),
                           name="某市公安局视频云项目")
    lifecycle.set_member(people["manager"], project, people["engineer"], "engineer")
    return project


def meeting(**fields) -> services.EventData:
    """A meeting on 2026-03-12 from 14:00 to 15:30, Shanghai time."""
    values = {"title": "方案评审会", "start": datetime(2026, 3, 12, 14, 0),
              "end": datetime(2026, 3, 12, 15, 30), "place": "3楼会议室"}
    values.update(fields)
    return services.EventData(**values)
