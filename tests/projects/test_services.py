from datetime import date

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects.models import Milestone, Project, ProjectEvent, Task
from sicrm.projects.services import lifecycle
from sicrm.projects.services.codes import next_code
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import IMPLEMENTATION, make_project, make_version


@pytest.fixture
def seller(db):
    dept = make_department("销售部")
    return make_user("seller", roles=[R.SALES], department=dept)


def test_codes_are_numbered_per_kind_and_year(app, db):
    assert next_code("presales", 2026) == "PS-2026-0001"
    assert next_code("presales", 2026) == "PS-2026-0002"
    assert next_code("implementation", 2026) == "IM-2026-0001"
    assert next_code("presales", 2027) == "PS-2027-0001"
    saved = app.config["SICRM_PROJECT_CODE_FORMAT"]
    app.config["SICRM_PROJECT_CODE_FORMAT"] = "{prefix}{year}{number:05d}"
    try:
        assert next_code("presales", 2026) == "PS202600003"
    finally:
        app.config["SICRM_PROJECT_CODE_FORMAT"] = saved


def test_create_instantiates_and_plans_across_spring_festival(db, seller):
    # Fri 2026-02-13: the Spring Festival holiday runs Feb 15–23, Sat Feb 14 and
    # Sat Feb 28 are make-up working days
    project = make_project(seller, start=date(2026, 2, 13), amount="1200000",
                           win_probability=40)
    assert project.code == "PS-2026-0001" and project.kind == "presales"
    stages = project.stages
    assert [s.key for s in stages] == ["lead", "approval", "solution", "contract_review",
                                       "signing"]
    lead, approval = stages[0], stages[1]
    assert lead.status == "active" and project.current_stage == lead
    # 5 working days: Feb 13, 14, 24, 25, 26
    assert (lead.planned_start, lead.planned_end) == (date(2026, 2, 13), date(2026, 2, 26))
    # then 3 working days: Feb 27, Sat 28 (make-up day), Mar 2
    assert (approval.planned_start, approval.planned_end) == (date(2026, 2, 27),
                                                              date(2026, 3, 2))
    milestone = db.session.scalar(select(Milestone).where(Milestone.key == "first_visit"))
    assert milestone.planned_date == date(2026, 2, 25) and milestone.owner_id == seller.id
    visit = db.session.scalar(select(Task).where(Task.key == "visit"))
    # qualify: days 0–1; visit: 1 day after qualify ends → ends at offset 3
    assert visit.offset == 3 and visit.due_date == date(2026, 2, 25)
    assert visit.assignee_id == seller.id and visit.source == "template"
    assert [m.role for m in project.members] == ["sales"]
    assert db.session.scalar(select(ProjectEvent.kind)) == "created"


def test_bad_input_is_refused(db, seller):
    with pytest.raises(ServiceError) as error:
        make_project(seller, win_probability=120)
    assert error.value.field == "win_probability"
    with pytest.raises(ServiceError) as error:
        make_project(seller, amount="-5")
    assert error.value.field == "amount"
    with pytest.raises(ServiceError) as error:
        make_project(seller, version=make_version(status="draft"))
    assert error.value.field == "template_version_id"
    assert db.session.scalar(select(Project.id)) is None


def test_gate_stage_needs_the_gate_and_finishing_replans(db, seller):
    project = make_project(seller, start=date(2030, 1, 7))  # 2030: weekends only
    lead, approval, solution = project.stages[:3]
    lifecycle.finish_stage(seller, project, on=date(2030, 1, 9))  # two days early
    assert lead.status == "done" and approval.status == "active"
    assert approval.actual_start == date(2030, 1, 9)
    assert approval.planned_end == date(2030, 1, 11)
    assert solution.planned_start == date(2030, 1, 14)
    with pytest.raises(ServiceError):
        lifecycle.finish_stage(seller, project)  # approval ends in a gate
    lifecycle.finish_stage(seller, project, gate_passed=True, on=date(2030, 1, 16))
    assert solution.actual_start == date(2030, 1, 16)
    # correcting the approval's end moves what follows
    lifecycle.set_stage_end(seller, project, approval, date(2030, 1, 14))
    assert solution.actual_start == date(2030, 1, 14)
    assert solution.planned_end == date(2030, 1, 25)


def test_moving_the_start_moves_everything_open(db, seller):
    project = make_project(seller, start=date(2030, 1, 7))
    before = [s.planned_start for s in project.stages]
    lifecycle.set_start_date(seller, project, date(2030, 1, 14))
    after = [s.planned_start for s in project.stages]
    assert all((a - b).days == 7 for a, b in zip(after, before))
    demo = db.session.scalar(select(Milestone).where(Milestone.key == "demo"))
    assert demo.planned_date > after[2]


def test_won_creates_the_implementation_project(db, seller):
    engineer = make_user("eng", roles=[R.ENGINEER])
    pm = make_user("pm1", roles=[R.PROJECT_MANAGER])
    project = make_project(seller, team=[(engineer, "engineer")], start=date(2030, 1, 7))
    impl_version = make_version(IMPLEMENTATION, kind="implementation", name="实施模板")
    with pytest.raises(ServiceError):  # gates not passed yet
        lifecycle.mark_won(seller, project, signed_amount="1000000",
                           signed_date=date(2030, 3, 1), implementation_version=impl_version)
    for _ in range(4):
        lifecycle.finish_stage(seller, project, gate_passed=True, on=date(2030, 2, 1))
    implementation = lifecycle.mark_won(
        seller, project, signed_amount="980000.5", signed_date=date(2030, 3, 1),
        implementation_version=impl_version, pm=pm)
    assert project.status == "won" and project.signed_amount == implementation.amount
    assert implementation.code == "IM-2030-0001" and implementation.kind == "implementation"
    assert implementation.customer_id == project.customer_id
    assert implementation.source_project_id == project.id and implementation.pm_id == pm.id
    roles = {m.user_id: m.role for m in implementation.members}
    assert roles[pm.id] == "pm" and roles[engineer.id] == "engineer"
    assert roles[seller.id] == "observer"
    with pytest.raises(ServiceError):  # closed for changes now
        lifecycle.finish_stage(seller, project)


def test_lost_with_reason_and_winner(db, seller):
    project = make_project(seller)
    rival = make_org("竞争对手有限公司", is_competitor=True)
    with pytest.raises(ServiceError):
        lifecycle.mark_lost(seller, project, status="lost", reason="astrology")
    lifecycle.mark_lost(seller, project, status="lost", reason="price", winner=rival,
                        note="低价中标")
    assert (project.status, project.winner_id, project.is_open) == ("lost", rival.id, False)


def test_implementation_closes_after_warranty(db, seller):
    project = make_project(seller, version=make_version(IMPLEMENTATION, kind="implementation"))
    lifecycle.finish_stage(seller, project)
    lifecycle.finish_stage(seller, project, gate_passed=True)
    assert project.status == "accepted" and project.is_open
    lifecycle.finish_stage(seller, project)
    assert project.status == "closed" and project.current_stage is None


def test_team_changes(db, seller):
    project = make_project(seller)
    other = make_user("other")
    lifecycle.set_member(seller, project, other, "pm")
    assert project.pm_id == other.id
    with pytest.raises(ServiceError):
        lifecycle.remove_member(seller, project, other.id)
    with pytest.raises(ServiceError):
        lifecycle.set_member(seller, project, other, "boss")
    lifecycle.remove_member(seller, project, seller.id)
    assert [m.user_id for m in project.members] == [other.id]
    _db.session.flush()
