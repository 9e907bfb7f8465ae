"""Delivery hours: outgoing e-mail and group-robot messages leave only inside the
company's delivery window (SICRM_DELIVERY_HOURS, default "08:00-21:00" in
SICRM_TIMEZONE). A message queued outside it gets a not-before time (the outbox
row's next_attempt_dt) at the next opening, so alarms raised at night reach people
and groups in the morning; a retry that would fall into the night waits likewise.
The in-app notification centre is not affected. An empty setting (or "00:00-24:00")
sends at any hour."""
from __future__ import annotations

import logging
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

log = logging.getLogger(__name__)

DEFAULT = "08:00-21:00"
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse(text: str | None) -> tuple[int, int] | None:
    """"08:00-21:00" → (480, 1260) minutes after local midnight; None: always open.
    A window may span midnight ("22:00-06:00"). ValueError on anything else."""
    if text is None or not text.strip():
        return None
    match = _WINDOW.match(text)
    if not match:
        raise ValueError(f"delivery hours must look like 08:00-21:00, not {text!r}")
    h1, m1, h2, m2 = map(int, match.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or start > 24 * 60 or end > 24 * 60:
        raise ValueError(f"delivery hours out of range: {text!r}")
    if (start, end) in ((0, 24 * 60), (0, 0)) or start == end:
        return None
    return start, end


def window() -> tuple[int, int] | None:
    text = current_app.config.get("SICRM_DELIVERY_HOURS", DEFAULT)
    try:
        return parse(text)
    except ValueError as error:
        log.warning("%s; using %s", error, DEFAULT)
        return parse(DEFAULT)


def _open_at(minute: int, bounds: tuple[int, int]) -> bool:
    start, end = bounds
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end  # spans midnight


def not_before(now: datetime) -> datetime:
    """The earliest moment at or after `now` (naive UTC) inside the delivery window,
    as naive UTC."""
    bounds = window()
    if bounds is None:
        return now
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = now.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
    if _open_at(local.hour * 60 + local.minute, bounds):
        return now
    start = bounds[0]
    opening = datetime.combine(local.date(), time(start // 60, start % 60), tzinfo=zone)
    if opening <= local:
        opening = datetime.combine(local.date() + timedelta(days=1),
                                   time(start // 60, start % 60), tzinfo=zone)
    return opening.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def is_open(now: datetime) -> bool:
    return not_before(now) == now
