"""Refusals of the route table (tests/test_route_permissions.py): anonymous users are
sent to log in and refused users get 403, and neither changes any row of any table.

Refusals change nothing, so one world serves every case of this module (built once,
emptied at the end): the snapshot taken around each request proves it stayed the
same, and building a world per case cost most of the suite's time."""
from __future__ import annotations

import pytest

from sicrm.extensions import db as _db
from tests.conftest import _empty_tables
from tests.test_route_permissions import ROUTES, _request, _snapshot, build_world


class Ref:
    """A world object by id only (the requests need ids; the client logs users in)."""

    def __init__(self, id_: int, session_generation: int | None = None):
        self.id = id_
        self.session_generation = session_generation or 0

    def get_id(self) -> str:  # as User.get_id, for the users of the world
        return f"{self.id}:{self.session_generation}"


@pytest.fixture(scope="module")
def frozen_world(app):
    with app.app_context():
        try:
            refs = {name: Ref(obj.id, getattr(obj, "session_generation", None))
                    for name, obj in build_world().items()}
        finally:
            _db.session.remove()
    yield refs
    with app.app_context():
        _db.session.remove()
        _empty_tables()


@pytest.fixture
def context(app, frozen_world):
    with app.app_context():
        try:
            yield frozen_world
        finally:
            _db.session.rollback()
            _db.session.remove()


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_anonymous_is_sent_to_login(app, context, endpoint):
    case = ROUTES[endpoint]
    before = _snapshot()
    response = _request(app.test_client(), case, context, endpoint)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response.location.startswith("/login")
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("endpoint", "who"),
    [(endpoint, who) for endpoint, case in sorted(ROUTES.items()) for who in case.refused],
)
def test_refused_users_get_403_and_change_nothing(app, context, endpoint, who):
    case = ROUTES[endpoint]
    before = _snapshot()
    response = _request(app.test_client(user=context[who]), case, context, endpoint)
    assert response.status_code == 403
    assert _snapshot() == before
