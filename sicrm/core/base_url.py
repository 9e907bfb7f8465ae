"""The address readers open sicrm under, for links that leave the app (e-mails,
group robots, CLI reports).

SICRM_BASE_URL, when set, is that address. When it is not set, the address follows
the server as it is reached: inside a signed-in user's request it is the request's
own host URL, and every web process records the host URL its signed-in users reach
it under in the instance folder (`base_url`, written when a process first sees a
host or it changes), where the scheduler process — which has no request — reads it.
Anonymous requests are not trusted with it (a forged Host header of a probe would
otherwise end up in everybody's e-mails). Before any page was served the
fallback is http://localhost:5000 (`flask run`'s default). Behind a proxy that
rewrites the Host header, or with web and scheduler on different machines, set
SICRM_BASE_URL."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request
from flask_login import current_user

log = logging.getLogger(__name__)

FALLBACK = "http://localhost:5000"
FILE_NAME = "base_url"
#: host URLs this process has recorded already (one write per host, not per request)
_recorded: dict[str, str] = {}


def configured() -> str:
    return (current_app.config.get("SICRM_BASE_URL") or "").strip().rstrip("/")


def _path() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / FILE_NAME


def recorded() -> str:
    """The host URL the web last recorded, or ""."""
    try:
        text = _path().read_text().strip()
    except OSError:
        return ""
    parts = urlsplit(text)
    return text.rstrip("/") if parts.scheme in ("http", "https") and parts.netloc else ""


def _trusted_request() -> bool:
    return has_request_context() and bool(getattr(current_user, "is_authenticated", False))


def base_url() -> str:
    """Without a trailing slash."""
    return (configured()
            or (request.host_url.rstrip("/") if _trusted_request() else "")
            or recorded() or FALLBACK)


def stable_host() -> str:
    """A host name that does not change with the name a request came in under (for
    iCalendar UIDs): the configured address's, else "localhost"."""
    return urlsplit(configured()).hostname or "localhost"


def record(url: str) -> None:
    """Keep `url` (a served host URL) for the processes that have no request."""
    url = url.rstrip("/")
    key = current_app.config["INSTANCE_DIR"]
    if _recorded.get(key) == url:
        return
    _recorded[key] = url
    path = _path()
    try:
        if path.exists() and path.read_text().strip() == url:
            return
        temporary = path.with_name(f"{FILE_NAME}.{os.getpid()}")
        temporary.write_text(url + "\n")
        temporary.replace(path)
    except OSError as error:  # links fall back to the previous or default address
        log.warning("could not record the base URL: %s", error)


def _record_request() -> None:
    if not configured() and request.host_url and _trusted_request():
        record(request.host_url)


def init_app(app) -> None:
    app.before_request(_record_request)
