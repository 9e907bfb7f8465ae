"""No input gives a 500: edge values in every GET route's query and every field of the
main forms, sent as the user the route table allows, on both databases.

The query parameters a route reads are found by watching it: a first request records
every name the view (or a form bound to the query) looks up; QUERY_PARAMS adds the ones
read through `to_dict()` or only on another branch. Each fuzz value is then sent in all
of them at once (a route that reads none gets one request, a different value in each),
and a huge integer in each parameter it read alone (so an early 404 on one does not hide
another). Forms: every field the form reads (recorded the same way on a valid POST) of
each FORMS entry gets each FORM_VALUES value in turn, the other fields keeping valid
data (the route table's, plus the entry's). A few thousand requests: 109 s on SQLite on a
shared two-core machine at load 6; trim FORM_VALUES or FORMS before adding more."""
from __future__ import annotations

import pytest
from flask import url_for

from sicrm.core.inputs import CleanArgs, CleanRequest
from tests.test_route_permissions import ROUTES, build_world

FUZZ_VALUES = (
    "99999999999999999999999",
    "2147483648",
    "1e309",
    "nan",
    "0001-01-01",
    "9999-12-31",
    "abc\x00def",
    "\x01\x02\x1b[31m\x7f\x0b\x0c",
    "/\r\nSet-Cookie: x=1",
    "x" * 1000,
    "http://[::1",
)
#: sent alone in each parameter a route reads (an early 404 on one must not hide another)
SINGLE_VALUES = ("99999999999999999999999",)

#: parameters a route reads without a lookup the recorder sees (args.to_dict()) or only
#: on a branch the first request does not take
QUERY_PARAMS = ("page", "q", "customer", "pm", "department", "project_id", "post_id",
                "quote", "thread_id", "milestone_id", "stage_id", "assignee", "status",
                "kind", "industry", "category", "stage", "overdue", "sort", "owner",
                "start", "end", "day", "view", "template", "a", "b", "next", "type",
                "user", "actor", "date_from", "date_to", "catalog", "author", "keyword",
                "parent", "organization_id", "department_id", "catalog_id", "format",
                "scope", "partial", "past", "full", "archived", "outcome", "province",
                "level", "name", "credit_code", "record", "object_type", "object_id")

#: values that matter in a form (integers and dates beyond their column, bad text)
FORM_VALUES = ("99999999999999999999", "1e309", "9999-12-31", "a\x00b\x01\x1b\x7f",
               "x" * 5000, "http://[::1")

#: the forms a user fills most, with valid data beyond the route table's (which is
#: used as it is); every field the form reads is fuzzed in turn
FORMS = {
    "orgs.org_create": {"industry": "telecom", "website": "https://example.com"},
    "orgs.contact_create": {"email": "a@example.com", "mobile": "13800000000"},
    "admin.user_create": {"email": "u@example.com"},
    "admin.department_create": {},
    "projects.project_create": {},
    "projects.milestone_add": {},
    "projects.milestone_edit": {},
    "finance.budget_edit": {},
    "finance.expense_add": {},
    "finance.effort_add": {},
    "finance.instalment_add": {},
    "finance.invoice_add": {},
    "finance.receipt_add": {},
    "forum.thread_create": {"title": "一个主题", "body": "正文"},
    "forum.thread_reply": {},
    "forum.post_edit": {"body": "改过的正文"},
    "tasks.task_create": {},
    "schedule.event_create": {},
    "knowledge.article_create": {"title": "一篇文章", "body": "正文", "summary": "摘要"},
    "workflow.rule_create": {},
    "alarms.policy_edit": {},
    "delivery.target_create": {"name": "群", "kind": "wecom",
                               "url": "https://qyapi.weixin.qq.com/x"},
    "partners.partner_add": {"role": "vendor"},
    "partners.analysis_edit": {},
    "alarms.alarm_snooze": {},
    "admin.calendar_days": {"note": "调休"},
    "templates_lib.task_create": {},
    "templates_lib.stage_create": {},
    "knowledge.catalog_create": {"name": "新目录"},
    "forum.board_create": {"name": "新版块", "kind": "company"},
    "schedule.event_edit": {},
    "tasks.task_edit": {},
    "finance.instalment_edit": {},
    "partners.reason_list": {},
    "projects.stage_end_set": {},
    "projects.start_date_set": {},
}

_seen: set[str] = set()


class _Recording(CleanArgs):
    def get(self, key, *args, **kwargs):
        _seen.add(key)
        return super().get(key, *args, **kwargs)

    def getlist(self, key, *args, **kwargs):
        _seen.add(key)
        return super().getlist(key, *args, **kwargs)

    def __getitem__(self, key):
        _seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        _seen.add(key)
        return super().__contains__(key)


class _RecordingRequest(CleanRequest):
    parameter_storage_class = _Recording


def _url(app, endpoint, case, world, query=None):
    with app.test_request_context():
        path = {k: world[v].id for k, v in case.args.items()}
        return url_for(endpoint, **path,
                       **{k: v for k, v in (query or {}).items() if k not in path})


def _check(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"


def _get_routes(app):
    methods = {rule.endpoint: rule.methods for rule in app.url_map.iter_rules()}
    return sorted(endpoint for endpoint, case in ROUTES.items()
                  if case.method == "GET" and "GET" in methods.get(endpoint, ()))


def test_query_parameters_never_give_a_500(app, db, monkeypatch):
    world = build_world()
    clients = {}
    for endpoint in _get_routes(app):
        case = ROUTES[endpoint]
        client = clients.setdefault(case.allowed, app.test_client(user=world[case.allowed]))
        monkeypatch.setattr(app, "request_class", _RecordingRequest)
        _seen.clear()
        _check(client.get(_url(app, endpoint, case, world)), endpoint)
        monkeypatch.setattr(app, "request_class", CleanRequest)
        read = set(_seen) - {"_user_id", "_fresh"}
        names = sorted(read | set(QUERY_PARAMS))
        if not read:  # one request, each parameter a different value
            query = {name: FUZZ_VALUES[i % len(FUZZ_VALUES)] for i, name in enumerate(names)}
            _check(client.get(_url(app, endpoint, case, world, query)), f"{endpoint} {query}")
            continue
        for value in FUZZ_VALUES:
            url = _url(app, endpoint, case, world, {name: value for name in names})
            _check(client.get(url), f"{endpoint} with every parameter = {value!r}")
        for name in sorted(read - {"page"}):
            url = _url(app, endpoint, case, world, {name: SINGLE_VALUES[0]})
            _check(client.get(url), f"{endpoint}?{name}={SINGLE_VALUES[0]!r}")


@pytest.mark.parametrize("endpoint", sorted(FORMS))
def test_form_fields_never_give_a_500(app, db, monkeypatch, endpoint):
    case = ROUTES[endpoint]
    world = build_world()
    client = app.test_client(user=world[case.allowed])
    url = _url(app, endpoint, case, world)
    valid = {**case.data, **FORMS[endpoint]}
    monkeypatch.setattr(app, "request_class", _RecordingRequest)
    _seen.clear()
    _check(client.post(url, data=valid), endpoint)
    monkeypatch.setattr(app, "request_class", CleanRequest)
    fields = sorted((set(_seen) | set(valid)) - {"csrf_token"})
    assert fields, endpoint
    for field in fields:
        for value in FORM_VALUES:
            data = {**valid, field: value}
            _check(client.post(url, data=data), f"{endpoint} with {field} = {value!r}")
