"""Group robots and webhooks: WeCom (企业微信), DingTalk (钉钉), Feishu/Lark (飞书)
and a generic JSON webhook, configured per department or per project.

A project's messages go to the active targets of the project, of its owning
department and of every department above it (a 事业部's group hears about the
projects of its 组s). Webhook messages are rendered in the app's default language
(BABEL_DEFAULT_LOCALE, SICRM_DEFAULT_LOCALE): a group has no single reader's language.

Each service's documented request:
- WeCom: POST {"msgtype": "markdown", "markdown": {"content": …}}; answers
  {"errcode": 0, "errmsg": "ok"}.
- DingTalk: POST {"msgtype": "markdown", "markdown": {"title": …, "text": …}}; with a
  signing secret (加签) the query carries timestamp (ms) and sign =
  urlencode(base64(HmacSHA256(key=secret, msg=timestamp + "\\n" + secret)));
  answers {"errcode": 0, …}.
- Feishu: POST {"msg_type": "post", "content": {"post": {locale: {"title", "content"}}}};
  with a signature key the body carries timestamp (s) and sign =
  base64(HmacSHA256(key=timestamp + "\\n" + secret, msg="")); answers {"code": 0, …}.
- Generic: POST {"title", "text", "url", "sent_at"}; with a secret, the header
  X-Sicrm-Signature carries sha256=hex(HmacSHA256(key=secret, msg=body))."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import requests
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, OutboxMessage, utcnow
from sicrm.core.permissions import department_ancestors
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.workflow.delivery import permissions as P
from sicrm.workflow.delivery.services import netguard
from sicrm.workflow.delivery.services.common import (
    DeliveryError,
    default_locale,
    queue_message,
)
from sicrm.workflow.models import WebhookTarget

KIND_LABELS = {"wecom": _l("WeCom group robot (企业微信)"),
               "dingtalk": _l("DingTalk robot (钉钉)"),
               "feishu": _l("Feishu / Lark bot (飞书)"),
               "webhook": _l("Generic JSON webhook")}
KINDS = tuple(KIND_LABELS)


# -- targets -------------------------------------------------------------------------


def _validate(name, kind, url, secret, department_id, project_id) -> dict:
    name = (name or "").strip()
    if not name:
        raise ServiceError(_l("A name is required."), "name")
    if kind not in KINDS:
        raise ServiceError(_l("Please choose a value from the list."), "kind")
    url = netguard.check_url(url)
    parts = urlsplit(url)
    if len(url) > 500:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=500), "url")
    if kind == "dingtalk" and not parse_qs(parts.query).get("access_token"):
        raise ServiceError(
            _l("A DingTalk robot's address carries its access_token "
               "(https://oapi.dingtalk.com/robot/send?access_token=…)."), "url")
    if (department_id is None) == (project_id is None):
        raise ServiceError(_l("A webhook belongs to one department or one project."))
    if department_id is not None and db.session.get(Department, department_id) is None:
        raise ServiceError(_l("The department does not exist."), "department_id")
    if project_id is not None and db.session.get(Project, project_id) is None:
        raise ServiceError(_l("The project does not exist."))
    return {"name": name[:100], "kind": kind, "url": url, "department_id": department_id,
            "project_id": project_id, "secret": (secret or "").strip()[:200] or None}


def masked_url(url: str | None) -> str:
    """An address without its path and query (where a robot's key is): for readers
    who may not set addresses."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or ""
    except ValueError:
        return "…"
    return f"{parts.scheme}://{host}/…" if host else "…"


def create_target(actor, *, name, kind, url, secret=None, department_id=None,
                  project_id=None, active=True) -> WebhookTarget:
    """Only an administrator creates a target (it sets where the server POSTs)."""
    if not P.can_set_urls(actor):
        raise ServiceError(_l("Only an administrator can set a webhook's address."), "url")
    set_actor(actor)
    target = WebhookTarget(**_validate(name, kind, url, secret, department_id, project_id),
                           active=bool(active))
    db.session.add(target)
    db.session.flush()
    return target


def update_target(actor, target: WebhookTarget, *, name, kind, url=None, secret=None,
                  clear_secret=False, active=True) -> WebhookTarget:
    """A blank secret keeps the stored one unless `clear_secret`; the owner (department
    or project) does not change. `url` None keeps the address; only an administrator
    changes it (or the kind, which decides how the address is used)."""
    if not P.can_set_urls(actor):
        if (url is not None and url.strip() != target.url) or kind != target.kind:
            raise ServiceError(_l("Only an administrator can set a webhook's address."),
                               "url")
    if url is None:
        url = target.url
    set_actor(actor)
    data = _validate(name, kind, url, secret, target.department_id, target.project_id)
    if data["secret"] is None and not clear_secret:
        data["secret"] = target.secret
    for key, value in data.items():
        setattr(target, key, value)
    target.active = bool(active)
    db.session.flush()
    return target


def delete_target(actor, target: WebhookTarget) -> None:
    set_actor(actor)
    db.session.delete(target)
    db.session.flush()


def targets_for_project(project: Project):
    departments = department_ancestors(project.department_id)
    condition = WebhookTarget.project_id == project.id
    if departments:
        condition = or_(condition, WebhookTarget.department_id.in_(departments))
    return select(WebhookTarget).where(WebhookTarget.active.is_(True), condition) \
        .order_by(WebhookTarget.id)


# -- queueing ------------------------------------------------------------------------


def queue_to_target(target: WebhookTarget, title: str, text: str, url: str | None = None,
                    dedupe_key: str | None = None):
    key = f"{dedupe_key}:{target.id}" if dedupe_key else None
    return queue_message(target.kind, str(target.id), title, text, url=url, dedupe_key=key)


def queue_for_project(project: Project, title: str, text: str, url: str | None = None,
                      dedupe_key: str | None = None) -> int:
    """One outbox row per active target of the project, its department and the
    departments above it; `dedupe_key` is suffixed with ":<target id>". Returns how
    many rows were queued (targets already reached under that key are skipped)."""
    return sum(queue_to_target(target, title, text, url, dedupe_key) is not None
               for target in db.session.scalars(targets_for_project(project)))


#: one test message per target per this many seconds
TEST_INTERVAL = 60


def queue_test(actor, target: WebhookTarget, now=None):
    """Queue a test message to one target (sent by the next drain, at any hour), in
    the app's default language; refused when one was queued for it less than
    TEST_INTERVAL seconds ago. The dedupe key (target, interval number) keeps two
    requests at the same moment to one row."""
    now = now or utcnow()
    slot = int(now.replace(tzinfo=timezone.utc).timestamp()) // TEST_INTERVAL
    keys = [f"test:{target.id}:{slot}", f"test:{target.id}:{slot - 1}"]
    recent = db.session.scalar(select(func.count(OutboxMessage.id)).where(
        OutboxMessage.dedupe_key.in_(keys),
        OutboxMessage.created_dt > now - timedelta(seconds=TEST_INTERVAL)))
    if recent:
        raise ServiceError(_l("A test message to this webhook was queued less than a "
                              "minute ago; please wait a minute before sending another."))
    with force_locale(default_locale()):
        title = _("sicrm test message")
        text = _("This is a test message from sicrm to “%(name)s”, queued by %(user)s. "
                 "If you read it here, this webhook works.",
                 name=target.name, user=actor.full_name)
    message = queue_message(target.kind, str(target.id), title, text, dedupe_key=keys[0],
                            held=False)
    if message is None:
        raise ServiceError(_l("A test message to this webhook was queued less than a "
                              "minute ago; please wait a minute before sending another."))
    message.created_dt = now
    return message


# -- sending -------------------------------------------------------------------------


def _markdown(title: str, text: str, url: str | None, heading: str) -> str:
    parts = [f"{heading} {title}", text.strip()]
    if url:
        parts.append(f"[{url}]({url})")
    return "\n\n".join(part for part in parts if part)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """base64(HmacSHA256(secret, "<timestamp>\\n<secret>")); requests urlencodes it."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(),
                      hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """base64(HmacSHA256(key="<timestamp>\\n<secret>", msg=b""))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def build_request(kind: str, secret: str | None, title: str, text: str,
                  url: str | None, now: float | None = None) -> tuple[dict, dict]:
    """(JSON body, query parameters) of one message to one kind of target."""
    now = time.time() if now is None else now
    params = {}
    if kind == "wecom":
        content = f"**{title}**\n{text.strip()}"
        if url:
            content += f"\n[{url}]({url})"
        body = {"msgtype": "markdown", "markdown": {"content": content}}
    elif kind == "dingtalk":
        body = {"msgtype": "markdown",
                "markdown": {"title": title, "text": _markdown(title, text, url, "####")}}
        if secret:
            timestamp = int(now * 1000)
            params = {"timestamp": str(timestamp), "sign": dingtalk_sign(secret, timestamp)}
    elif kind == "feishu":
        lines = [[{"tag": "text", "text": line}] for line in text.strip().splitlines()]
        if url:
            lines.append([{"tag": "a", "text": url, "href": url}])
        locale = "zh_cn" if default_locale().startswith("zh") else "en_us"
        body = {"msg_type": "post",
                "content": {"post": {locale: {"title": title, "content": lines}}}}
        if secret:
            timestamp = int(now)
            body = {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp),
                    **body}
    else:
        body = {"title": title, "text": text, "url": url,
                "sent_at": utcnow().isoformat() + "Z"}
    return body, params


def _code(value) -> str:
    """A service's error code as shown in the outbox: digits and letters only."""
    return "".join(char for char in str(value) if char.isalnum())[:20]


def _check_answer(kind: str, response: requests.Response) -> None:
    """Raise unless the service took the message. What the error says is the status
    and the service's numeric error code, never the answer's text: the Deliveries
    page must not become a window onto whatever a webhook address answers."""
    status = response.status_code
    if 300 <= status < 400:
        raise DeliveryError(f"HTTP {status}: redirects are not followed", permanent=True)
    if status >= 400:
        raise DeliveryError(f"HTTP {status}")
    if kind == "webhook":
        return
    try:
        answer = response.json()
    except ValueError as error:
        raise DeliveryError(f"HTTP {status}: not a JSON answer") from error
    if not isinstance(answer, dict):
        raise DeliveryError(f"HTTP {status}: unexpected answer")
    if kind in ("wecom", "dingtalk"):
        code = answer.get("errcode", 0)
    else:  # Feishu: {"code": 0, "msg": "success"}; older bots {"StatusCode": 0}
        code = answer.get("code", answer.get("StatusCode", 0))
    if code not in (0, "0", None):
        raise DeliveryError(f"HTTP {status}: error code {_code(code)}")


def send(envelope) -> None:
    """POST one message to its target; DeliveryError unless the service took it."""
    if envelope.target_url is None:
        raise DeliveryError("the webhook target was deleted or disabled", permanent=True)
    body, params = build_request(envelope.channel, envelope.secret, envelope.subject,
                                 envelope.body, envelope.url)
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if envelope.channel == "webhook" and envelope.secret:  # sign exactly the bytes sent
        headers["X-Sicrm-Signature"] = "sha256=" + hmac.new(
            envelope.secret.encode(), raw, hashlib.sha256).hexdigest()
    try:
        netguard.check_url(envelope.target_url)
    except ServiceError as error:
        raise DeliveryError(f"address refused: {error.message}", permanent=True) from None
    timeout = current_app.config["SICRM_WEBHOOK_TIMEOUT"]
    try:
        with netguard.session() as http:
            response = http.post(envelope.target_url, data=raw, params=params,
                                 headers=headers, allow_redirects=False,
                                 timeout=(min(3, timeout), timeout))
            _check_answer(envelope.channel, response)
    except netguard.BlockedAddress as error:
        raise DeliveryError(f"address refused: {error}", permanent=True) from None
    except requests.Timeout as error:
        raise DeliveryError(f"timed out after {timeout} s", timeout=True) from error
    except requests.RequestException as error:
        raise DeliveryError(type(error).__name__) from error
