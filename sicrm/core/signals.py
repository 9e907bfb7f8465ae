"""Signals of the core package; higher packages subscribe (projects re-plans on
calendar_changed)."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the year (int) whose official days were entered, changed or removed,
#: flushed; kwargs: actor. Subscribers re-plan what lies in it (same transaction).
calendar_changed = _signals.signal("calendar-changed")
