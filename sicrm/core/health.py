"""Parts of /healthz that packages above core contribute (core imports none of them):
register_check("scheduler", fn) where fn() returns a JSON-able dict."""
from __future__ import annotations

from collections.abc import Callable

_CHECKS: dict[str, Callable[[], dict]] = {}


def register_check(name: str, check: Callable[[], dict]) -> None:
    _CHECKS[name] = check


def report() -> dict:
    return {name: check() for name, check in sorted(_CHECKS.items())}
