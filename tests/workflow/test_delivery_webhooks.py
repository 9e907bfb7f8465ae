"""Webhooks: each service's documented payload and signature, checked on a real HTTP
server on loopback; their JSON error codes count as failures; a project's messages
reach its own, its department's and the departments above; addresses are validated."""
from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import OutboxMessage
from sicrm.extensions import db as _db
from sicrm.workflow.delivery.services import outbox, webhooks
from sicrm.workflow.models import WebhookTarget
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project


def _target(kind, url, secret=None, **owner):
    target = WebhookTarget(name=f"{kind} robot", kind=kind, url=url, secret=secret, **owner)
    _db.session.add(target)
    _db.session.flush()
    return target


@pytest.fixture
def setup(db):
    top = make_department("安防事业部")
    mid = make_department("华北区", parent=top)
    sibling = make_department("华南区", parent=top)
    pm = make_user("pm", roles=[R.PROJECT_MANAGER], department=mid)
    project = make_project(pm, department=mid, name="某某园区安防项目")
    admin = make_user("admin", roles=[R.ADMIN])  # only administrators set addresses
    return {"top": top, "mid": mid, "sibling": sibling, "pm": pm, "project": project,
            "admin": admin}


def _rows():
    return _db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_wecom_markdown(db, setup, http_server):
    target = _target("wecom", http_server.url("/cgi-bin/webhook/send?key=k1"),
                     project_id=setup["project"].id)
    assert webhooks.queue_for_project(setup["project"], "里程碑逾期", "设备到货 逾期 2 天",
                                      url="/projects/1") == 1
    db.session.commit()
    assert http_server.requests == []  # queued only
    assert outbox.drain()["sent"] == 1
    [request] = http_server.requests
    assert request["path"] == "/cgi-bin/webhook/send" and request["query"]["key"] == ["k1"]
    assert request["headers"]["Content-Type"].startswith("application/json")
    body = request["body"]
    assert body["msgtype"] == "markdown" and set(body) == {"msgtype", "markdown"}
    content = body["markdown"]["content"]
    assert content.startswith("**里程碑逾期**\n设备到货 逾期 2 天")
    assert "https://crm.example.com/projects/1" in content
    assert _rows()[0].recipient == str(target.id) and _rows()[0].channel == "wecom"


def test_dingtalk_markdown_signed_in_the_query(db, setup, http_server):
    secret = "SEC0123456789abcdef"
    _target("dingtalk", http_server.url("/robot/send?access_token=tok"), secret=secret,
            department_id=setup["mid"].id)
    webhooks.queue_for_project(setup["project"], "里程碑逾期", "设备到货 逾期 2 天")
    db.session.commit()
    assert outbox.drain()["sent"] == 1
    [request] = http_server.requests
    query = request["query"]
    assert query["access_token"] == ["tok"]
    timestamp = query["timestamp"][0]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert query["sign"] == [expected]  # parse_qs undid the urlencoding
    assert len(timestamp) == 13  # milliseconds
    assert request["body"] == {"msgtype": "markdown", "markdown": {
        "title": "里程碑逾期", "text": "#### 里程碑逾期\n\n设备到货 逾期 2 天"}}


def test_dingtalk_without_secret_sends_no_signature(db, setup, http_server):
    _target("dingtalk", http_server.url("/robot/send?access_token=tok"),
            project_id=setup["project"].id)
    webhooks.queue_for_project(setup["project"], "t", "x")
    db.session.commit()
    outbox.drain()
    assert set(http_server.requests[0]["query"]) == {"access_token"}


def test_feishu_post_signed_in_the_body(db, setup, http_server):
    http_server.default = (200, {"code": 0, "msg": "success", "data": {}})
    secret = "feishu-key"
    _target("feishu", http_server.url("/open-apis/bot/v2/hook/abc"), secret=secret,
            project_id=setup["project"].id)
    webhooks.queue_for_project(setup["project"], "评审待处理", "第一行\n第二行", url="/p/1")
    db.session.commit()
    assert outbox.drain()["sent"] == 1
    body = http_server.requests[0]["body"]
    timestamp = body["timestamp"]
    assert len(timestamp) == 10  # seconds
    expected = base64.b64encode(hmac.new(f"{timestamp}\n{secret}".encode(), b"",
                                         hashlib.sha256).digest()).decode()
    assert body["sign"] == expected
    assert body["msg_type"] == "post"
    [post] = body["content"]["post"].values()
    assert post["title"] == "评审待处理"
    assert post["content"] == [[{"tag": "text", "text": "第一行"}],
                               [{"tag": "text", "text": "第二行"}],
                               [{"tag": "a", "text": "https://crm.example.com/p/1",
                                 "href": "https://crm.example.com/p/1"}]]


def test_generic_webhook_json_with_signature_header(db, setup, http_server):
    _target("webhook", http_server.url("/in"), secret="s3", project_id=setup["project"].id)
    webhooks.queue_for_project(setup["project"], "标题", "正文", url="/projects/9")
    db.session.commit()
    assert outbox.drain()["sent"] == 1
    request = http_server.requests[0]
    assert request["body"]["title"] == "标题" and request["body"]["text"] == "正文"
    assert request["body"]["url"] == "https://crm.example.com/projects/9"
    signature = hmac.new(b"s3", request["raw"], hashlib.sha256).hexdigest()
    assert request["headers"]["X-Sicrm-Signature"] == f"sha256={signature}"


@pytest.mark.parametrize(("kind", "answer", "error"), [
    ("wecom", (200, {"errcode": 93000, "errmsg": "invalid webhook url"}), "93000"),
    ("dingtalk", (200, {"errcode": 310000, "errmsg": "sign not match"}), "310000"),
    ("feishu", (200, {"code": 19021, "msg": "sign match fail"}), "19021"),
    ("webhook", (500, {"error": "down"}), "HTTP 500"),
    ("wecom", (200, b"<html>proxy</html>"), "not a JSON answer"),
])
def test_error_codes_are_failures_kept_for_retry(db, setup, http_server, kind, answer, error):
    http_server.answers.append(answer)
    _target(kind, http_server.url("/hook?access_token=t"), project_id=setup["project"].id)
    webhooks.queue_for_project(setup["project"], "t", "x")
    db.session.commit()
    assert outbox.drain() == {"sent": 0, "failed": 1, "dead": 0}
    [row] = _rows()
    assert row.status == "failed" and error in row.last_error


def test_queue_for_project_reaches_project_department_and_above_once(db, setup, http_server):
    project = setup["project"]
    reached = [_target("webhook", http_server.url("/p"), project_id=project.id),
               _target("webhook", http_server.url("/mid"), department_id=setup["mid"].id),
               _target("webhook", http_server.url("/top"), department_id=setup["top"].id)]
    _target("webhook", http_server.url("/sibling"), department_id=setup["sibling"].id)
    other = make_project(setup["pm"], department=setup["mid"], name="别的项目")
    _target("webhook", http_server.url("/other"), project_id=other.id)
    off = _target("webhook", http_server.url("/off"), project_id=project.id)
    off.active = False
    assert webhooks.queue_for_project(project, "t", "x", dedupe_key="alarm:5:1") == 3
    assert webhooks.queue_for_project(project, "t", "x", dedupe_key="alarm:5:1") == 0
    db.session.commit()
    assert sorted(r.dedupe_key for r in _rows()) == sorted(
        f"alarm:5:1:{t.id}" for t in reached)
    outbox.drain()
    assert sorted(r["path"] for r in http_server.requests) == ["/mid", "/p", "/top"]


def test_a_deleted_target_makes_its_messages_dead(db, setup, http_server):
    target = _target("wecom", http_server.url("/x"), project_id=setup["project"].id)
    webhooks.queue_for_project(setup["project"], "t", "x")
    db.session.delete(target)
    db.session.commit()
    assert outbox.drain()["dead"] == 1
    assert "deleted or disabled" in _rows()[0].last_error


@pytest.mark.parametrize(("kind", "url"), [
    ("wecom", "ftp://qyapi.weixin.qq.com/send"),
    ("wecom", "https://"),
    ("webhook", "qyapi.weixin.qq.com/cgi-bin/webhook/send"),
    ("webhook", "javascript:alert(1)"),
    ("dingtalk", "https://oapi.dingtalk.com/robot/send"),  # no access_token
])
def test_invalid_addresses_are_refused(db, setup, kind, url):
    with pytest.raises(ServiceError) as error:
        webhooks.create_target(setup["admin"], name="n", kind=kind, url=url,
                               project_id=setup["project"].id)
    assert error.value.field == "url"
    assert db.session.scalars(select(WebhookTarget)).all() == []


def test_a_target_belongs_to_one_department_or_one_project(db, setup):
    with pytest.raises(ServiceError):
        webhooks.create_target(setup["admin"], name="n", kind="wecom", url="https://a.b/c")
    with pytest.raises(ServiceError):
        webhooks.create_target(setup["admin"], name="n", kind="wecom", url="https://a.b/c",
                               project_id=setup["project"].id, department_id=setup["mid"].id)


def test_update_keeps_the_secret_unless_cleared(db, setup):
    target = webhooks.create_target(setup["admin"], name="n", kind="feishu",
                                    url="https://a.b/c", secret="k",
                                    project_id=setup["project"].id)
    webhooks.update_target(setup["pm"], target, name="n2", kind="feishu", url="https://a.b/c",
                           secret="")
    assert (target.name, target.secret) == ("n2", "k")
    webhooks.update_target(setup["pm"], target, name="n2", kind="feishu", url="https://a.b/c",
                           clear_secret=True)
    assert target.secret is None


# -- pages -----------------------------------------------------------------------------


def test_department_manager_manages_only_their_departments(db, login_as):
    sales = make_department("销售部")
    north = make_department("华北组", parent=sales)
    elsewhere = make_department("研发部")
    manager = make_user("manager", roles=[R.DEPT_MANAGER], department=sales)
    admin = make_user("admin", roles=[R.ADMIN])
    form = {"name": "华北群", "kind": "wecom", "active": "y",
            "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1"}
    client = login_as(manager)
    # a manager does not set addresses (only administrators do) …
    assert client.post("/webhooks/new", data={**form, "department_id": north.id}) \
        .status_code == 403
    assert db.session.scalars(select(WebhookTarget)).all() == []
    admin_client = login_as(admin)
    for department in (north, elsewhere):
        assert admin_client.post("/webhooks/new", data={
            **form, "name": department.name, "department_id": department.id}) \
            .status_code == 302
    ours, theirs = db.session.scalars(select(WebhookTarget).order_by(WebhookTarget.id))
    # … but manages the targets of their departments: sees them (address masked),
    # renames or pauses them, and not the others
    page = client.get("/webhooks/").get_data(as_text=True)
    assert "华北组" in page and "研发部" not in page
    assert "key=1" not in page and "https://qyapi.weixin.qq.com/…" in page
    assert client.post(f"/webhooks/{ours.id}", data={
        "name": "华北群", "url": "https://evil.example.com/x"}).status_code == 302
    db.session.refresh(ours)
    assert (ours.name, ours.url, ours.active) == (
        "华北群", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1", False)
    assert client.get(f"/webhooks/{theirs.id}").status_code == 403


def test_invalid_url_shows_a_clear_message_and_saves_nothing(db, setup, login_as):
    client = login_as(setup["admin"])
    response = client.post(f"/projects/{setup['project'].id}/webhooks/new", data={
        "name": "群", "kind": "wecom", "url": "ftp://example.com/x", "active": "y"})
    assert response.status_code == 200
    assert "starting with http:// or https://" in response.get_data(as_text=True)
    assert db.session.scalars(select(WebhookTarget)).all() == []


def test_send_test_message_button_queues_a_message(db, setup, login_as, http_server):
    target = _target("wecom", http_server.url("/t"), project_id=setup["project"].id)
    db.session.commit()
    client = login_as(setup["pm"])
    response = client.post(f"/webhooks/{target.id}/test")
    assert response.status_code == 302
    [row] = _rows()
    assert (row.channel, row.recipient, row.status) == ("wecom", str(target.id), "pending")
    assert http_server.requests == []
    outbox.drain()
    content = http_server.requests[0]["body"]["markdown"]["content"]
    assert "sicrm test message" in content and "wecom robot" in content


def test_project_page_lists_own_and_inherited_targets(db, setup, login_as):
    _target("wecom", "https://example.com/own", project_id=setup["project"].id)
    _target("dingtalk", "https://example.com/d?access_token=1", department_id=setup["top"].id)
    _target("feishu", "https://example.com/sib", department_id=setup["sibling"].id)
    db.session.commit()
    page = login_as(setup["pm"]).get(f"/projects/{setup['project'].id}/webhooks/") \
        .get_data(as_text=True)
    assert "wecom robot" in page and "dingtalk robot" in page and "安防事业部" in page
    assert "feishu robot" not in page
