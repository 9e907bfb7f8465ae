from datetime import date

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.calendar import WorkCalendar
from sicrm.core.errors import ServiceError
from sicrm.projects.services import learning, lifecycle
from sicrm.templates_lib.models import TemplateVersion
from sicrm.templates_lib.services.templates import publish_version
from tests.fixtures.factories import make_user
from tests.fixtures.projects import IMPLEMENTATION, make_project, make_version


@pytest.fixture
def pm(db):
    return make_user("pm", roles=[R.PROJECT_MANAGER])


def _run(pm, version, kickoff_days: int, start: date):
    """A project whose kickoff stage (standard 3 days) took `kickoff_days`."""
    project = make_project(pm, version=version, start=start)
    end = WorkCalendar().end_of(start, kickoff_days)
    lifecycle.finish_stage(pm, project, on=end)
    return project


def test_history_counts_median_and_spread(db, pm):
    version = make_version(IMPLEMENTATION, kind="implementation")
    for days in (2, 4, 5, 5):
        _run(pm, version, days, date(2030, 1, 7))
    history = {h.key: h for h in learning.stage_history(version.template, version)}
    kickoff = history["kickoff"]
    assert (kickoff.standard, kickoff.count, kickoff.median) == (3, 4, 4.5)
    assert (kickoff.low, kickoff.high) == (2, 5)
    assert kickoff.suggestion == 4 and kickoff.differs  # round half to even
    assert history["acceptance"].count == 0 and history["acceptance"].suggestion is None


def test_adopting_makes_a_new_published_version(db, pm):
    version = make_version(IMPLEMENTATION, kind="implementation")
    for days in (5, 6, 6):
        _run(pm, version, days, date(2030, 1, 7))
    new = learning.adopt_suggestions(pm, version.template, version, ["kickoff", "acceptance"])
    assert (new.number, new.status) == (2, "published")
    assert new.definition["stages"][0]["duration"] == 6
    assert new.definition["stages"][1]["duration"] == 5  # no history: unchanged
    assert "3 → 6" in new.change_note
    assert version.definition["stages"][0]["duration"] == 3  # the old version is kept
    with pytest.raises(ServiceError):
        learning.adopt_suggestions(pm, version.template, new, ["acceptance"])


def test_save_finished_project_as_template(db, pm):
    version = make_version(IMPLEMENTATION, kind="implementation")
    project = make_project(pm, version=version, start=date(2026, 3, 2))
    with pytest.raises(ServiceError):
        learning.save_as_template(pm, project, name_zh="经验模板")
    lifecycle.finish_stage(pm, project, on=date(2026, 3, 10))  # kickoff: 7 working days
    lifecycle.finish_stage(pm, project, gate_passed=True, on=date(2026, 3, 12))
    lifecycle.finish_stage(pm, project, on=date(2026, 4, 10))
    assert project.status == "closed"
    template = learning.save_as_template(pm, project, name_zh="经验模板", name_en="Lessons")
    draft = template.versions[0]
    assert draft.status == "draft" and template.kind == "implementation"
    stages = draft.definition["stages"]
    assert [s["key"] for s in stages] == ["kickoff", "acceptance", "warranty"]
    assert stages[0]["duration"] == 7
    assert stages[0]["milestones"][0]["name"]["zh"] == "启动会"
    assert stages[1]["gate"]["rule"] == "majority"
    published = publish_version(pm, draft, "首版")
    assert db.session.scalar(select(TemplateVersion.status).where(
        TemplateVersion.id == published.id)) == "published"
