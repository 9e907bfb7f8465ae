"""Parts of /healthz that packages above core contribute (core imports none of them):
register_check("scheduler", fn, healthy=pred) where fn() returns a JSON-able dict and
pred(part) says whether that part is well; /healthz's status is "degraded" while any
part is not."""
from __future__ import annotations

from collections.abc import Callable

_CHECKS: dict[str, tuple[Callable[[], dict], Callable[[dict], bool] | None]] = {}


def register_check(name: str, check: Callable[[], dict],
                   healthy: Callable[[dict], bool] | None = None) -> None:
    _CHECKS[name] = (check, healthy)


def report() -> dict:
    return {name: check() for name, (check, _) in sorted(_CHECKS.items())}


def unhealthy(parts: dict) -> list[str]:
    """The names of the parts of `parts` (a report) that are not well."""
    return sorted(name for name, (_, healthy) in _CHECKS.items()
                  if healthy is not None and name in parts and not healthy(parts[name]))
