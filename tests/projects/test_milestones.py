"""Milestones by hand (services): add, edit, cancel, reopen, complete, and the
milestone_changed signal, also on re-planning."""
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.projects import signals
from sicrm.projects.history import describe
from sicrm.projects.models import Milestone, ProjectEvent
from sicrm.projects.services import lifecycle
from sicrm.projects.services import milestones as services
from tests.fixtures.projects import make_project

# Mon 2026-03-02: lead Mar 2–6 (first_visit offset 3 → Mar 5), approval Mar 9–11,
# solution Mar 12–25 (demo offset 8 → Mar 24)


@contextmanager
def captured():
    seen = []

    def receiver(sender, **kwargs):
        seen.append((sender, kwargs))

    signals.milestone_changed.connect(receiver)
    try:
        yield seen
    finally:
        signals.milestone_changed.disconnect(receiver)


@pytest.fixture
def project(db, people):
    project = make_project(people["seller"], start=date(2026, 3, 2), pm=people["pm"])
    return project


def _visit():
    return _db.session.scalar(select(Milestone).where(Milestone.key == "first_visit"))


def _events(kind):
    return _db.session.scalars(select(ProjectEvent).where(ProjectEvent.kind == kind)).all()


def test_creating_a_project_announces_nothing(db, people):
    with captured() as seen:
        make_project(people["seller"], start=date(2026, 3, 2))
    assert seen == []


def test_add_by_hand_moves_with_its_stage(db, people, project):
    solution = project.stages[2]
    milestone = services.add_milestone(people["seller"], project, solution, name=" 样机到货 ",
                                       planned_date=date(2026, 3, 17), owner=people["pm"],
                                       notes="两台样机")
    assert (milestone.name, milestone.status, milestone.owner_id) == ("样机到货", "open",
                                                                       people["pm"].id)
    assert milestone.offset == 3  # Mar 12, 13, 16, 17
    event = _events("milestone_added")[0]
    assert event.params["milestone_id"] == milestone.id and event.actor_id == people["seller"].id
    assert "样机到货" in describe(event, "en")
    with captured() as seen:
        lifecycle.set_start_date(people["pm"], project, date(2026, 3, 9))  # one week later
    assert milestone.planned_date == date(2026, 3, 24)
    moved = {sender.id: kwargs for sender, kwargs in seen}
    assert moved[milestone.id] == {"change": "replanned", "actor": people["pm"],
                                   "old_date": date(2026, 3, 17)}
    assert _visit().id in moved  # template milestones are announced too


@pytest.mark.parametrize(("change", "field"), [
    ({"name": "  "}, "name"),
    ({"planned_date": date(2026, 3, 14)}, "planned_date"),  # a Saturday
    ({"planned_date": None}, "planned_date"),
    ({"owner": "outsider"}, "owner_id"),
    ({"stage": 0}, "stage_id"),
])
def test_add_refuses_bad_input(db, people, project, change, field):
    args = {"stage": project.stages[2], "name": "样机到货", "planned_date": date(2026, 3, 17),
            "owner": None, **change}
    if args["owner"] == "outsider":
        args["owner"] = people["outsider"]
    if args["stage"] == 0:
        args["stage"] = make_project(people["seller"]).stages[0]  # another project's
    before = _db.session.scalar(select(func.count(Milestone.id)))
    with pytest.raises(ServiceError) as error:
        services.add_milestone(people["seller"], project, args.pop("stage"), **args)
    assert error.value.field == field
    assert _db.session.scalar(select(func.count(Milestone.id))) == before


def test_add_refuses_a_finished_stage_and_a_closed_project(db, people, project):
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 6))
    with pytest.raises(ServiceError):
        services.add_milestone(people["seller"], project, project.stages[0], name="补",
                               planned_date=date(2026, 3, 5))
    lifecycle.mark_lost(people["pm"], project, status="lost", reason="price")
    with pytest.raises(ServiceError):
        services.add_milestone(people["seller"], project, project.stages[2], name="补",
                               planned_date=date(2026, 3, 17))


def test_edit_replans_and_reassigns(db, people, project):
    visit = _visit()
    with captured() as seen:
        services.update_milestone(people["pm"], visit, name="首次拜访客户",
                                  planned_date=date(2026, 3, 4), owner=people["pm"],
                                  notes="带方案")
    assert (visit.name, visit.planned_date, visit.owner_id, visit.notes) == (
        "首次拜访客户", date(2026, 3, 4), people["pm"].id, "带方案")
    assert visit.offset == 2
    assert [(s.id, k["change"]) for s, k in seen] == [(visit.id, "replanned"),
                                                      (visit.id, "reassigned")]
    assert seen[0][1]["old_date"] == date(2026, 3, 5)
    event = _events("milestone_edited")[0]
    assert event.params["fields"] == ["name", "date", "owner", "notes"]
    assert describe(event, "en").startswith("Moved the milestone “首次拜访客户”")
    with captured() as seen:  # nothing changed: nothing recorded or announced
        services.update_milestone(people["pm"], visit, name="首次拜访客户",
                                  planned_date=date(2026, 3, 4), owner=people["pm"],
                                  notes="带方案")
    assert seen == [] and len(_events("milestone_edited")) == 1


def test_cancel_needs_a_reason_and_is_recorded(db, people, project):
    visit = _visit()
    with pytest.raises(ServiceError) as error:
        services.cancel_milestone(people["pm"], visit, "  ")
    assert error.value.field == "reason" and visit.status == "open"
    with captured() as seen:
        services.cancel_milestone(people["pm"], visit, "客户改为线上会议")
    assert visit.status == "cancelled"
    assert [k["change"] for _s, k in seen] == ["cancelled"]
    event = _events("milestone_cancelled")[0]
    assert event.params["reason"] == "客户改为线上会议" and event.actor_id == people["pm"].id
    with pytest.raises(ServiceError):
        services.cancel_milestone(people["pm"], visit, "again")
    with pytest.raises(ServiceError):  # a cancelled milestone is not edited
        services.update_milestone(people["pm"], visit, name="x", planned_date=date(2026, 3, 4),
                                  owner=None, notes=None)
    with captured() as seen:  # nor moved by re-planning
        lifecycle.set_start_date(people["pm"], project, date(2026, 3, 9))
    assert visit.planned_date == date(2026, 3, 5) and visit.id not in [s.id for s, _k in seen]


def test_complete_then_reopen(db, people, project):
    visit = _visit()
    with captured() as seen:
        services.complete_milestone(people["seller"], visit, on=date(2026, 3, 5))
        services.reopen_milestone(people["pm"], visit)
    assert [k["change"] for _s, k in seen] == ["done", "reopened"]
    assert (visit.status, visit.done_date, visit.done_by_id) == ("open", None, None)
    assert _events("milestone_reopened")[0].params["was"] == "done"
    with pytest.raises(ServiceError):
        services.reopen_milestone(people["pm"], visit)


def test_finishing_a_stage_late_announces_the_moved_milestones(db, people, project):
    with captured() as seen:
        lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 13))
    changes = {s.key: k for s, k in seen}
    assert changes["demo"]["change"] == "replanned" and changes["demo"]["actor"] == people[
        "seller"]
