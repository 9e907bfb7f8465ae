"""Geometry for server-rendered SVG charts: a project's timeline and horizontal bar
charts. Only numbers and labels here; the templates draw them."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

LABEL_WIDTH = 170
CHART_WIDTH = 760
ROW_HEIGHT = 34
AXIS_HEIGHT = 26


@dataclass
class Bar:
    x: float
    width: float
    late: bool = False
    title: str = ""


@dataclass
class Diamond:
    x: float
    y: float
    status: str  # done, open, late
    title: str


@dataclass
class TimelineRow:
    label: str
    y: float
    planned: Bar
    actual: Bar | None
    diamonds: list[Diamond] = field(default_factory=list)
    status: str = "pending"


def _span(stages, milestones, today: date, include_today: bool) -> tuple[date, date]:
    days = [d for s in stages for d in (s.planned_start, s.planned_end, s.actual_start,
                                        s.actual_end) if d]
    days += [m.done_date or m.planned_date for m in milestones]
    if include_today:
        days.append(today)
    first, last = min(days), max(days)
    return first - timedelta(days=1), max(last, first + timedelta(days=7)) + timedelta(days=2)


def timeline(stages, milestones, today: date, locale: str, stopped: date | None = None,
             fmt=lambda d: d.isoformat()) -> dict | None:
    """Rows of planned and actual bars per stage, milestone diamonds, month ticks
    and the today line; x in pixels, the label column included. `stopped`: the day
    a closed project stopped (its stage in progress ends there, nothing is late)."""
    if not stages:
        return None
    is_open = stopped is None
    first, last = _span(stages, milestones, today, is_open)
    scale = CHART_WIDTH / ((last - first).days or 1)

    def x(day: date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    def bar(start: date, end: date, late: bool, title: str) -> Bar:
        return Bar(x(start), max(round(x(end + timedelta(days=1)) - x(start), 1), 2.0), late,
                   title)

    by_stage: dict[int, list] = {}
    for milestone in milestones:
        by_stage.setdefault(milestone.stage_id, []).append(milestone)
    rows = []
    for index, stage in enumerate(stages):
        y = AXIS_HEIGHT + index * ROW_HEIGHT
        name = stage.name(locale)
        planned = bar(stage.planned_start, stage.planned_end, False,
                      f"{name}: {fmt(stage.planned_start)} – {fmt(stage.planned_end)}")
        actual = None
        if stage.actual_start:
            end = stage.actual_end or max(today if is_open else stopped, stage.actual_start)
            late = (end > stage.planned_end) if stage.actual_end else (
                is_open and stage.status == "active" and today > stage.planned_end)
            actual = bar(stage.actual_start, end, late,
                         f"{name}: {fmt(stage.actual_start)} – "
                         f"{fmt(stage.actual_end) if stage.actual_end else '…'}")
        diamonds = []
        for milestone in by_stage.get(stage.id, ()):
            day = milestone.done_date or milestone.planned_date
            status = "done" if milestone.status == "done" else (
                "late" if is_open and milestone.planned_date < today else "open")
            diamonds.append(Diamond(x(day), y + ROW_HEIGHT / 2, status,
                                    f"{milestone.name}: {fmt(day)}"))
        rows.append(TimelineRow(name, y, planned, actual, diamonds, stage.status))
    width = LABEL_WIDTH + CHART_WIDTH + 10
    height = AXIS_HEIGHT + len(stages) * ROW_HEIGHT + 8
    today_x = x(today) if first <= today <= last else None
    return {
        "width": width, "height": height, "rows": rows,
        "ticks": month_ticks(first, last, x, width), "label_width": LABEL_WIDTH,
        "today_x": today_x,
        # "Today" is written left of the line when it would run past the right edge
        "today_end": today_x is not None and today_x + TODAY_LABEL_WIDTH > width,
        "row_height": ROW_HEIGHT, "axis": AXIS_HEIGHT,
    }


#: room a month label ("2026-09", 11 px type) and the "Today" label need, in pixels
TICK_LABEL_WIDTH = 48
TICK_GAP = 10
TODAY_LABEL_WIDTH = 40


def month_ticks(first: date, last: date, x, width: float) -> list[tuple[float, str]]:
    """Month ticks that never overlap: every month while they fit, else every 2nd,
    3rd, 6th or 12th month (then the year alone), and none whose label would run past
    the right edge."""
    months = []
    month = date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if len(months) < 2:
        spacing = float("inf")
    else:
        spacing = (x(months[-1]) - x(months[0])) / (len(months) - 1)
    step = next((n for n in (1, 2, 3, 6) if spacing * n >= TICK_LABEL_WIDTH + TICK_GAP), 12)
    years = 1
    if step == 12:  # a year label is shorter, but years may still crowd on a long span
        years = max(1, math.ceil((TICK_LABEL_WIDTH + TICK_GAP) / (spacing * 12)))
    ticks = []
    for month in months:
        if (month.month - 1) % step or (step == 12 and month.year % years):
            continue
        label = str(month.year) if step == 12 else f"{month.year}-{month.month:02d}"
        if x(month) + 3 + TICK_LABEL_WIDTH > width:
            continue
        ticks.append((x(month), label))
    return ticks


def bar_chart(rows: list[tuple[str, list[float | None], list[str]]], series: int = 1,
              label_width: int = 170, width: int = 560) -> dict:
    """Horizontal bars: each row is (label, values per series, texts per series)."""
    biggest = max((v for _, values, _ in rows for v in values if v), default=0) or 1
    scale = (width - 90) / biggest
    band = 14 * series + 10
    out = []
    for index, (label, values, texts) in enumerate(rows):
        y = 6 + index * band
        bars = [
            {"x": label_width, "y": y + s * 14, "width": round((value or 0) * scale, 1),
             "text": texts[s], "series": s}
            for s, value in enumerate(values)
        ]
        out.append({"label": label, "y": y + band / 2 - 3, "bars": bars})
    return {"width": label_width + width, "height": 12 + len(rows) * band, "rows": out,
            "label_width": label_width}
