"""Every route refuses whoever may not use it, without changing anything
(refusals: tests/test_route_refusals.py; the allowed user gets through: here).

Table-driven: each endpoint of the app must appear in a package's table
(tests/<package>/routes.py, merged into ROUTES) or in PUBLIC, so a new
route without an entry — and so without a tested permission check — fails the suite.
Each entry names who must be refused and who is allowed (proving the check
discriminates); anonymous users are refused everywhere but PUBLIC."""
from __future__ import annotations

import importlib

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from tests.fixtures.factories import make_contact, make_department, make_org, make_user
from tests.fixtures.routes import Case

PUBLIC = {"main.healthz", "auth.login", "auth.logout", "auth.switch_language", "static",
          "bootstrap.static",
          # authenticated by its secret token only: tests/workflow/test_calendar_feeds.py
          "calendar.feed"}


ROUTE_TABLES = ("tests.core.routes", "tests.templates_lib.routes", "tests.projects.routes",
                "tests.workflow.routes", "tests.workflow.routes_delivery",
                "tests.workflow.routes_alarms", "tests.workflow.routes_calendar",
                "tests.projects.routes_partners", "tests.projects.routes_documents",
                "tests.projects.routes_finance", "tests.knowledge.routes",
                "tests.knowledge.routes_imports", "tests.knowledge.routes_search",
                "tests.knowledge.routes_related", "tests.forum.routes",
                "tests.forum.routes_tasks", "tests.forum.routes_schedule")


def _tables():
    for name in ROUTE_TABLES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


ROUTES: dict[str, Case] = {}
for _table in _tables():
    ROUTES.update(_table.ROUTES)


def build_world() -> dict:
    """The users and objects every table's cases name, committed."""
    sales_dept = make_department("销售部")
    north = make_department("华北组", parent=sales_dept)
    manager = make_user("manager", roles=[R.DEPT_MANAGER, R.SALES], department=sales_dept)
    sales_dept.head = manager
    owner = make_user("owner", roles=[R.SALES], department=north)
    org = make_org("被测组织有限公司", owner=owner)
    objects = {
        "admin": make_user("admin", roles=[R.ADMIN]),
        "executive": make_user("executive", roles=[R.EXECUTIVE]),
        "manager": manager,
        "owner": owner,
        "outsider": make_user("outsider", roles=[R.SALES, R.PRESALES]),
        "engineer": make_user("engineer", roles=[R.ENGINEER]),
        "finance": make_user("finance", roles=[R.FINANCE]),
        "org": org,
        "contact": make_contact(org),
        "empty_dept": make_department("空部门"),
    }
    for table in _tables():
        if hasattr(table, "populate"):
            table.populate(objects)
    _db.session.commit()
    return objects


@pytest.fixture
def world(db):
    return build_world()


def _snapshot():
    """Every row of every table, so a refusal can be shown to change nothing."""
    state = {}
    with _db.engine.connect() as connection:
        for table in _db.metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            state[table.name] = [tuple(row) for row in rows]
    return state


def _request(client, case: Case, world, endpoint: str):
    from flask import url_for

    with client.application.test_request_context():
        url = url_for(endpoint, **{k: world[v].id for k, v in case.args.items()})
    return client.open(url, method=case.method, data=case.data)


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = endpoints - set(ROUTES) - PUBLIC
    assert not missing, f"routes without a permission entry: {sorted(missing)}"
    stale = set(ROUTES) - endpoints
    assert not stale, f"entries for routes that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_allowed_user_gets_through(app, world, endpoint):
    case = ROUTES[endpoint]
    response = _request(app.test_client(user=world[case.allowed]), case, world, endpoint)
    assert response.status_code in (200, 302), response.data[:500]
    if response.status_code == 302:
        assert not response.location.startswith("/login")
