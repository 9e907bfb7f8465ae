"""The pipeline board and the funnel: rows from queries arranged per stage."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sicrm.core.calendar import WorkCalendar

#: cards shown per board column; the rest are counted and linked to the list
CARDS_PER_COLUMN = 50


def _stage_label(names: dict, locale: str, key: str) -> str:
    lang = "en" if locale == "en" else "zh"
    return names.get(lang) or names.get("zh") or key


def board_columns(stages: list[dict], rows, locale: str, today: date) -> list[dict]:
    """One column per template stage (in order), then any stage key only older
    versions have; cards sorted by amount, largest first."""
    columns = {spec["key"]: {"key": spec["key"], "name": _stage_label(spec["name"], locale,
                                                                        spec["key"]),
                             "name_zh": spec["name"].get("zh") or spec["key"],
                             "cards": [], "count": 0, "amount": Decimal(0)}
               for spec in stages}
    for row in rows:
        column = columns.get(row.stage_key)
        if column is None:
            name = row.name_en if locale == "en" and row.name_en else row.name_zh
            column = columns[row.stage_key] = {"key": row.stage_key, "name": name,
                                               "name_zh": row.name_zh, "cards": [],
                                               "count": 0, "amount": Decimal(0)}
        column["count"] += 1
        column["amount"] += row.amount or 0
        if len(column["cards"]) < CARDS_PER_COLUMN:
            column["cards"].append({
                "id": row.id, "code": row.code, "name": row.name, "customer": row.customer,
                "amount": row.amount,
                "days": (today - row.actual_start).days if row.actual_start else 0,
                "late": row.planned_end is not None and today > row.planned_end,
                "editable": bool(row.editable), "gate": bool(row.gate),
            })
    return list(columns.values())


class WorkdayCounter:
    """Working days between dates in O(1) after one pass over the whole range."""

    def __init__(self, first: date, last: date, calendar: WorkCalendar | None = None):
        calendar = calendar or WorkCalendar()
        self.first = first
        self.prefix = [0]
        day = first
        while day <= last:
            self.prefix.append(self.prefix[-1] + calendar.is_workday(day))
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> int:
        """Working days from start to end, both included."""
        if end < start:
            return 0
        return self.prefix[(end - self.first).days + 1] - self.prefix[(start - self.first).days]


def funnel_rows(stages: list[dict], data: dict, locale: str,
                calendar: WorkCalendar | None = None) -> list[dict]:
    finished = data["finished"]
    counter = None
    if finished:
        counter = WorkdayCounter(min(r.actual_start for r in finished),
                                 max(r.actual_end for r in finished), calendar)
    totals: dict[str, list[int]] = {}
    for row in finished:
        totals.setdefault(row.key, []).append(counter.between(row.actual_start, row.actual_end))
    rows = []
    previous = None
    for spec in stages:
        key = spec["key"]
        count, amount = data["open"].get(key, (0, None))
        reached = data["reached"].get(key, 0)
        durations = totals.get(key, [])
        conversion = None
        if previous is not None and previous["reached"]:
            conversion = round(100 * reached / previous["reached"], 1)
        row = {
            "key": key, "name": _stage_label(spec["name"], locale, key),
            "open": count, "amount": amount or Decimal(0), "reached": reached,
            "conversion": conversion, "std": spec.get("duration", 0),
            "average": round(sum(durations) / len(durations), 1) if durations else None,
            "finished": len(durations),
        }
        row["slow"] = row["average"] is not None and row["average"] > row["std"]
        rows.append(row)
        previous = row
    return rows
