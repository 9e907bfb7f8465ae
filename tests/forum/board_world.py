"""A small organisation for the board's tests: a department tree, users of each kind,
a project (team: pm and member) and the company, department and project boards."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.forum.models import Board
from sicrm.forum.services import boards
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import make_project


class World(dict):
    def __getattr__(self, name):
        return self[name]


@pytest.fixture
def bw(db):
    company = make_department("公司")
    delivery = make_department("交付中心", parent=company)
    team = make_department("网络组", parent=delivery)
    sales = make_department("销售部", parent=company)
    head = make_user("head", full_name="王总监", roles=[R.ENGINEER], department=delivery)
    delivery.head = head
    w = World(
        company_dept=company, delivery=delivery, team=team, sales=sales, head=head,
        admin=make_user("admin", roles=[R.ADMIN]),
        executive=make_user("exec", roles=[R.EXECUTIVE]),
        pm=make_user("pm", full_name="李经理", roles=[R.PROJECT_MANAGER], department=team),
        member=make_user("member", full_name="张工", roles=[R.ENGINEER], department=team),
        colleague=make_user("colleague", full_name="赵工", roles=[R.ENGINEER],
                            department=delivery),
        outsider=make_user("outsider", full_name="钱销售", roles=[R.SALES], department=sales),
        top=make_user("top", full_name="孙员工", roles=[R.ENGINEER], department=company),
    )
    _db.session.flush()
    w["project"] = make_project(w.pm, customer=make_org("某客户有限公司"), pm=w.pm,
                                department=team, team=[(w.member, "engineer")])
    w["project_board"] = _db.session.scalar(
        select(Board).where(Board.project_id == w["project"].id))
    w["company_board"] = boards.create_board(w.admin, kind="company", name="公告与交流")
    w["dept_board"] = boards.create_board(w.admin, kind="department", name="交付中心",
                                          department=delivery)
    _db.session.commit()
    return w
