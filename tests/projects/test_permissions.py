"""Who sees which project: decided in SQL for lists and per project; both agree."""
import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.projects import permissions as P
from sicrm.projects.models import Project, SharingRule
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project, make_version


@pytest.fixture
def org_chart(db):
    top = make_department("总经理办公室")
    sales = make_department("销售部", parent=top)
    north = make_department("华北组", parent=sales)
    security = make_department("安防事业部", parent=top)
    people = {
        "ceo": make_user("ceo", roles=[R.EXECUTIVE], department=top),
        "sales_head": make_user("sales_head", roles=[R.SALES], department=sales),
        "north_mgr": make_user("north_mgr", roles=[R.DEPT_MANAGER], department=north),
        "seller": make_user("seller", roles=[R.SALES], department=north),
        "colleague": make_user("colleague", roles=[R.SALES], department=north),
        "security_eng": make_user("security_eng", roles=[R.ENGINEER], department=security),
        "observer": make_user("observer", roles=[R.ENGINEER], department=security),
    }
    sales.head = people["sales_head"]
    project = make_project(people["seller"], version=make_version(category="安防"),
                           team=[(people["observer"], "observer")])
    other = make_project(people["colleague"], version=make_version(category="数据中心"))
    return people, project, other, security


def _visible(user):
    return set(_db.session.scalars(select(Project.code).where(P.visible_filter(user))))


def test_visibility(db, org_chart):
    people, project, other, security = org_chart
    both = {project.code, other.code}
    expected = {
        "ceo": both,  # executive
        "sales_head": both,  # heads the department above
        "north_mgr": both,  # department manager of the owning department
        "seller": {project.code},  # team
        "colleague": {other.code},  # team of the other one only
        "security_eng": set(),  # outsider
        "observer": {project.code},  # observer on the team
    }
    for name, codes in expected.items():
        user = people[name]
        assert _visible(user) == codes, name
        for p in (project, other):
            assert P.can_view(user, p) == (p.code in codes), (name, p.code)


def test_sharing_rule_grants_a_category_to_a_department(db, org_chart):
    people, project, other, security = org_chart
    db.session.add(SharingRule(department_id=security.id, category="安防"))
    db.session.flush()
    assert _visible(people["security_eng"]) == {project.code}
    assert P.can_view(people["security_eng"], project)
    assert not P.can_view(people["security_eng"], other)


def test_editing_rights(db, org_chart):
    people, project, other, security = org_chart
    assert P.can_edit(people["seller"], project)
    assert not P.can_edit(people["observer"], project)  # may only look
    assert not P.can_manage(people["seller"], project)  # not the PM
    assert P.can_manage(people["north_mgr"], project)
    project.status = "closed"
    assert not P.can_edit(people["seller"], project)
    assert P.can_edit(people["ceo"], project)
