"""Where webhooks may go (against server-side request forgery).

A webhook address is http(s) to a public-looking host: no user name or password in
it, no loopback, private, link-local, multicast, reserved or unspecified address,
no IP address written in decimal, octal or hexadecimal forms (2130706433,
0177.0.0.1, 0x7f.1), no single-label intranet name — unless the host is on the
administrators' allow-list (SICRM_WEBHOOK_ALLOWED_HOSTS: comma-separated host names
or IP addresses, "*.example.com" for a domain and its sub-domains).

The check is made when an administrator saves the address and again when a message
is sent: `session()` gives a requests session whose connections check the address
they actually connected to (after DNS resolution, so a name re-bound to an internal
address is refused), follows no redirects and uses no proxy or .netrc from the
environment."""
from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

import requests
from flask import current_app
from flask_babel import lazy_gettext as _l
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from sicrm.core.errors import ServiceError

_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$", re.IGNORECASE)


class BlockedAddress(Exception):
    """A connection reached an address webhooks may not reach."""


def allowed_hosts() -> list[str]:
    text = current_app.config.get("SICRM_WEBHOOK_ALLOWED_HOSTS") or ""
    return [entry.strip().lower().rstrip(".") for entry in text.split(",") if entry.strip()]


def host_allowed(host: str | None) -> bool:
    """On the administrators' allow-list."""
    if not host:
        return False
    host = host.strip("[]").lower().rstrip(".")
    for entry in allowed_hosts():
        if entry.startswith("*."):
            if host == entry[2:] or host.endswith(entry[1:]):
                return True
        elif host == entry.strip("[]"):
            return True
    return False


def public_ip(address: str) -> bool:
    """A globally routable unicast address (an IPv4-mapped IPv6 address counts as
    its IPv4 address)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback
                                 or ip.is_link_local or ip.is_private or ip.is_unspecified)


def _invalid(message) -> ServiceError:
    return ServiceError(message, "url")


def check_url(url: str) -> str:
    """The address, stripped, or ServiceError (on the "url" field) saying why a
    webhook may not go there."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname
    except ValueError:  # an invalid IPv6 host, a port out of range
        raise _invalid(_l("This is not a valid web address.")) from None
    if parts.scheme not in ("http", "https") or not host:
        raise _invalid(_l("Please enter a web address starting with http:// or https:// "
                          "and a host."))
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise _invalid(_l("A webhook address may not contain a user name or password."))
    if any(ord(char) < 33 or char == "\\" for char in url):
        raise _invalid(_l("This is not a valid web address."))
    del port
    if host_allowed(host):
        return url
    not_public = _l("Webhooks may only reach public hosts: %(host)s is a loopback, "
                    "private, link-local or otherwise internal address. An administrator "
                    "can allow it with SICRM_WEBHOOK_ALLOWED_HOSTS.", host=host)
    if ":" in host:  # an IPv6 literal
        if not public_ip(host):
            raise _invalid(not_public)
        return url
    labels = host.rstrip(".").split(".")
    if all(_NUMERIC_LABEL.match(label) for label in labels) or \
            _NUMERIC_LABEL.match(labels[-1]):
        try:
            ipaddress.IPv4Address(host)  # strict: four decimal numbers, no leading zeros
        except ValueError:
            raise _invalid(_l("Please write an IP address as four decimal numbers "
                              "(such as 203.0.113.5).")) from None
        if not public_ip(host):
            raise _invalid(not_public)
        return url
    if len(labels) < 2 or labels[-1].lower() in ("localhost", "local", "internal",
                                                  "intranet", "lan", "home", "corp"):
        raise _invalid(not_public)
    if not all(_HOST_LABEL.match(label) for label in labels):
        raise _invalid(_l("This is not a valid web address."))
    return url


# -- sending -------------------------------------------------------------------------


class _CheckedMixin:
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        try:
            peer = sock.getpeername()[0]
        except OSError:
            peer = ""
        if not (host_allowed(self.host) or public_ip(peer)):
            sock.close()
            raise BlockedAddress(f"{self.host} resolved to a blocked address ({peer})")
        return sock


class _HTTPConnection(_CheckedMixin, HTTPConnection):
    pass


class _HTTPSConnection(_CheckedMixin, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def session() -> requests.Session:
    """A session for webhook requests: every connection checked, no environment
    proxies or credentials. Pass allow_redirects=False to its requests."""
    result = requests.Session()
    result.trust_env = False
    adapter = _Adapter(max_retries=0)
    result.mount("http://", adapter)
    result.mount("https://", adapter)
    return result
