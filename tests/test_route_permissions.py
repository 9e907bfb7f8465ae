"""Every route refuses whoever may not use it, without changing anything.

Table-driven: each endpoint of the app must appear in ROUTES (or PUBLIC), so a new
route without an entry — and so without a tested permission check — fails the suite.
Each entry names who must be refused and who is allowed (proving the check
discriminates); anonymous users are refused everywhere but PUBLIC."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from tests.fixtures.factories import make_contact, make_department, make_org, make_user

PUBLIC = {"main.healthz", "auth.login", "auth.logout", "auth.switch_language", "static",
          "bootstrap.static"}


@dataclass
class Case:
    method: str = "GET"
    args: dict = field(default_factory=dict)  # url arguments: names of world objects
    data: dict = field(default_factory=dict)
    refused: tuple[str, ...] = ()  # world users who get 403
    allowed: str = "admin"  # a world user who gets through


ORG_FORM = {"name": "新名称信息技术有限公司", "kinds": ["customer"], "confirm_duplicates": "y"}
CONTACT_FORM = {"name": "新联系人", "relationship_strength": "2"}
USER_FORM = {"username": "newbie", "full_name": "新人", "password": "abc12345",
             "roles": ["engineer"], "active": "y"}

ROUTES: dict[str, Case] = {
    "main.index": Case(allowed="engineer"),
    "auth.change_password": Case(allowed="engineer"),
    "auth.preferences": Case(allowed="engineer"),
    "orgs.org_list": Case(allowed="engineer"),
    "orgs.org_create": Case("POST", data=ORG_FORM, refused=("engineer", "finance"),
                            allowed="outsider"),
    "orgs.org_duplicates": Case(refused=("engineer",), allowed="outsider"),
    "orgs.org_view": Case(args={"org_id": "org"}, allowed="engineer"),
    "orgs.org_edit": Case("POST", args={"org_id": "org"}, data=ORG_FORM,
                          refused=("outsider", "engineer"), allowed="owner"),
    "orgs.org_delete": Case("POST", args={"org_id": "org"}, refused=("owner", "executive")),
    "orgs.contact_list": Case(allowed="engineer"),
    "orgs.contact_create": Case("POST", args={"org_id": "org"}, data=CONTACT_FORM,
                                refused=("outsider", "engineer"), allowed="manager"),
    "orgs.contact_edit": Case("POST", args={"contact_id": "contact"}, data=CONTACT_FORM,
                              refused=("outsider",), allowed="owner"),
    "orgs.contact_delete": Case("POST", args={"contact_id": "contact"},
                                refused=("outsider", "engineer"), allowed="owner"),
    "admin.user_list": Case(refused=("executive", "manager")),
    "admin.user_create": Case("POST", data=USER_FORM, refused=("executive", "manager")),
    "admin.user_edit": Case("POST", args={"user_id": "engineer"},
                            data={**USER_FORM, "username": "engineer"},
                            refused=("executive", "manager")),
    "admin.user_reset_password": Case("POST", args={"user_id": "engineer"},
                                      data={"new_password": "abc12345"},
                                      refused=("executive", "manager")),
    "admin.user_set_active": Case("POST", args={"user_id": "engineer"}, data={"active": "0"},
                                  refused=("executive", "manager")),
    "admin.department_list": Case(refused=("executive",)),
    "admin.department_create": Case("POST", data={"name": "新部门"}, refused=("executive",)),
    "admin.department_edit": Case("POST", args={"department_id": "empty_dept"},
                                  data={"name": "改名"}, refused=("executive", "manager")),
    "admin.department_delete": Case("POST", args={"department_id": "empty_dept"},
                                    refused=("executive", "manager")),
    "admin.audit_log": Case(refused=("executive", "manager", "engineer")),
}


@pytest.fixture
def world(db):
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
    db.session.commit()
    return objects


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
def test_anonymous_is_sent_to_login(app, world, endpoint):
    case = ROUTES[endpoint]
    before = _snapshot()
    response = _request(app.test_client(), case, world, endpoint)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response.location.startswith("/login")
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("endpoint", "who"),
    [(endpoint, who) for endpoint, case in sorted(ROUTES.items()) for who in case.refused],
)
def test_refused_users_get_403_and_change_nothing(app, world, endpoint, who):
    case = ROUTES[endpoint]
    before = _snapshot()
    response = _request(app.test_client(user=world[who]), case, world, endpoint)
    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_allowed_user_gets_through(app, world, endpoint):
    case = ROUTES[endpoint]
    response = _request(app.test_client(user=world[case.allowed]), case, world, endpoint)
    assert response.status_code in (200, 302), response.data[:500]
    if response.status_code == 302:
        assert not response.location.startswith("/login")
