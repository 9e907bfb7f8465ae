"""Projects and people for the finance tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sicrm.core import roles as R
from tests.fixtures.factories import make_user
from tests.fixtures.projects import make_project, make_version

START = date.today() - timedelta(days=90)


@pytest.fixture
def fin(db, people):
    """people + finance, an open presales project and an implementation project, both
    led by people['pm'] in the north group (managed by people['manager'])."""
    people["finance"] = make_user("finance", roles=[R.FINANCE], full_name="孙财务")
    people["observer"] = make_user("observer", roles=[R.ENGINEER])
    team = [(people["engineer"], "engineer"), (people["observer"], "observer")]
    people["presales"] = make_project(
        people["seller"], start=START, pm=people["pm"], department=people["north"],
        amount="2000000", win_probability=50, team=team, name="售前项目")
    people["impl"] = make_project(
        people["seller"], version=make_version(kind="implementation", name="实施模板"),
        start=START, pm=people["pm"], department=people["north"], amount="1000000",
        team=team + [(people["seller"], "sales")], name="实施项目")
    return people
