"""The timeline's month labels never overlap nor run past the edge, on short and long
projects, and "Today" stays inside the chart."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from sicrm.projects import charts


def _stage(start: date, days: int, status="done"):
    end = start + timedelta(days=days)
    return SimpleNamespace(id=1, planned_start=start, planned_end=end, actual_start=start,
                           actual_end=end if status == "done" else None, status=status,
                           name=lambda locale: "阶段")


@pytest.mark.parametrize("days", [20, 120, 400, 900, 3000, 20000])
def test_month_labels_do_not_overlap(days):
    start = date(2024, 1, 15)
    chart = charts.timeline([_stage(start, days)], [], start + timedelta(days=days // 2), "zh")
    xs = [x for x, _ in chart["ticks"]]
    assert xs == sorted(xs)
    gaps = [b - a for a, b in zip(xs, xs[1:])]
    assert all(gap >= charts.TICK_LABEL_WIDTH + charts.TICK_GAP - 1 for gap in gaps), gaps
    assert all(x + 3 + charts.TICK_LABEL_WIDTH <= chart["width"] for x in xs)
    assert chart["ticks"], "a long project still has labels"


def test_today_label_stays_inside():
    start = date(2026, 1, 5)
    today = start + timedelta(days=60)
    chart = charts.timeline([_stage(start, 60, "active")], [], today, "en")
    assert chart["today_x"] + charts.TODAY_LABEL_WIDTH > chart["width"]
    assert chart["today_end"] is True
    early = charts.timeline([_stage(start, 60, "active")], [], start + timedelta(days=3), "en")
    assert early["today_end"] is False
