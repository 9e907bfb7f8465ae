"""Official calendar years kept by administrators: a year's public holidays and
make-up working days, entered in the form or imported from a file; they replace
chinesecalendar for that year. Saving a year cross-checks it against the `holidays`
package where that package knows the year's official schedule (warnings only), and
announces `calendar_changed` so that open projects are re-planned on it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import holidays
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from sicrm.core import i18n, signals
from sicrm.core.audit import set_actor
from sicrm.core.calendar import FIRST, LAST, package_years
from sicrm.core.calendar_import import Span
from sicrm.core.errors import ServiceError
from sicrm.core.models import CalendarYear, PublicDay, utcnow
from sicrm.extensions import db

SOURCES = ("form", "csv", "ics", "cli")


@dataclass
class Saved:
    year: int
    holidays: int = 0
    workdays: int = 0
    warnings: list[str] = field(default_factory=list)
    #: open projects whose plan changed
    replanned: int = 0


def days_of(spans: list[Span], year: int | None = None,
            strict: bool = False) -> tuple[int, dict[date, tuple]]:
    """The year of `spans` and their days {day: (kind, name)}; refused when they are
    empty, span several years (unless `year` is given: days of other years are then
    left out, or refused when `strict`), or name a day both off and worked."""
    days: dict[date, tuple] = {}
    for span in spans:
        for day in span.days():
            known = days.get(day)
            if known is not None and known[0] != span.kind:
                raise ServiceError(_l("%(day)s is entered both as a holiday and as a working "
                                      "day.", day=day.isoformat()))
            days[day] = (span.kind, span.name or (known[1] if known else None))
    if not days:
        raise ServiceError(_l("Please enter at least one public holiday."), "holidays")
    years = {day.year for day in days}
    if year is None:
        if len(years) > 1:
            raise ServiceError(_l("The dates cover several years (%(years)s): import one year "
                                  "at a time, or name the year.",
                                  years=", ".join(map(str, sorted(years)))))
        year = years.pop()
    else:
        if strict and any(day.year != year for day in days):
            raise ServiceError(_l("Every date must lie in %(year)s.", year=year), "holidays")
        days = {day: value for day, value in days.items() if day.year == year}
        if not days:
            raise ServiceError(_l("None of the dates lies in %(year)s.", year=year), "year")
    if not FIRST.year <= year <= LAST.year:
        raise ServiceError(_l("The year must lie between 2000 and 2100."), "year")
    if not any(kind == "off" for kind, _name in days.values()):
        raise ServiceError(_l("Please enter at least one public holiday."), "holidays")
    return year, days


def save_year(actor, spans: list[Span], *, year: int | None = None,
              source: str = "form") -> Saved:
    """Enter (or replace) one year's official days; warnings from the cross-check."""
    set_actor(actor)
    year, days = days_of(spans, year, strict=source == "form")
    row = db.session.get(CalendarYear, year)
    if row is None:
        row = CalendarYear(year=year)
        db.session.add(row)
    row.source = source if source in SOURCES else "form"
    row.updated_by_id = getattr(actor, "id", None)
    row.updated_dt = utcnow()
    db.session.flush()
    db.session.execute(delete(PublicDay).where(PublicDay.year == year))
    db.session.add_all(PublicDay(year=year, day=day, kind=kind, name=name)
                       for day, (kind, name) in sorted(days.items()))
    db.session.flush()
    replanned = _announce(year, actor)
    kinds = [kind for kind, _name in days.values()]
    return Saved(year, kinds.count("off"), kinds.count("work"),
                 cross_check(year, {day: kind for day, (kind, _n) in days.items()}), replanned)


def _announce(year: int, actor) -> int:
    """Tell the subscribers (projects re-plans); how many plans they changed."""
    results = signals.calendar_changed.send(year, actor=actor)
    return sum(result for _receiver, result in results if isinstance(result, int))


def delete_year(actor, year: int) -> None:
    """Forget an entered year: chinesecalendar (or weekends) applies again."""
    set_actor(actor)
    row = db.session.get(CalendarYear, year)
    if row is None:
        raise ServiceError(_l("This year has no entered calendar."))
    db.session.delete(row)
    db.session.flush()
    _announce(year, actor)


def entered() -> list[dict]:
    """The entered years, newest first, with their counts."""
    found = []
    for row in db.session.scalars(select(CalendarYear).order_by(CalendarYear.year.desc())):
        kinds = db.session.scalars(select(PublicDay.kind).where(
            PublicDay.year == row.year)).all()
        found.append({"year": row.year, "source": row.source, "updated_dt": row.updated_dt,
                      "holidays": kinds.count("off"), "workdays": kinds.count("work")})
    return found


def as_lines(year: int) -> tuple[str, str]:
    """An entered year as the form's two texts (holidays, working days): consecutive
    days with one name become one range."""
    texts = {"off": [], "work": []}
    days = db.session.execute(select(PublicDay.day, PublicDay.kind, PublicDay.name).where(
        PublicDay.year == year).order_by(PublicDay.day)).all()
    run: list = []
    for day, kind, name in [*days, (None, None, None)]:
        if run and (day is None or kind != run[0][1] or name != run[0][2]
                    or (day - run[-1][0]).days != 1):
            first, last = run[0][0], run[-1][0]
            text = first.isoformat() if first == last else f"{first}..{last}"
            texts[run[0][1]].append(f"{text} {run[0][2] or ''}".rstrip())
            run = []
        if day is not None:
            run.append((day, kind, name))
    return "\n".join(texts["off"]), "\n".join(texts["work"])


# -- the cross-check -------------------------------------------------------------------


def cross_check(year: int, days: dict[date, str]) -> list[str]:
    """Differences from the `holidays` package's China calendar, in the reader's
    language; none when the package does not know that year's official schedule (it
    has make-up working days only for the years the State Council has announced)."""
    try:
        known = holidays.China(years=year)
    except NotImplementedError:
        return []
    workdays = {day for day in known.weekend_workdays if day.year == year}
    if not workdays:
        return [_("The holidays package does not know the official schedule of %(year)s "
                  "yet: nothing to compare.", year=year)]
    warnings = []
    for day, name in sorted(known.items()):
        if day.weekday() < 5 and days.get(day) != "off":
            warnings.append(_("%(day)s (%(name)s) is a public holiday in the holidays "
                              "package, but not entered as one.", day=i18n.date(day),
                              name=name))
    for day in sorted(workdays):
        if days.get(day) != "work":
            warnings.append(_("%(day)s is an official make-up working day in the holidays "
                              "package, but not entered as one.", day=i18n.date(day)))
    for day, kind in sorted(days.items()):
        if kind == "off" and day.weekday() < 5 and day not in known:
            warnings.append(_("%(day)s is entered as a holiday; the holidays package has it "
                              "as a working day.", day=i18n.date(day)))
        if kind == "work" and day.weekday() >= 5 and day not in workdays:
            warnings.append(_("%(day)s is entered as a make-up working day; the holidays "
                              "package does not have it.", day=i18n.date(day)))
    return warnings


# -- coverage --------------------------------------------------------------------------


def covered_years() -> set[int]:
    return set(package_years()) | set(db.session.scalars(select(CalendarYear.year)))


def covered_until(today: date, years: set[int] | None = None) -> int | None:
    """The last year of the unbroken run of covered years from `today`'s year on; None
    when this year itself is not covered."""
    years = covered_years() if years is None else years
    year = today.year
    if year not in years:
        return None
    while year + 1 in years:
        year += 1
    return year


def coverage(today: date | None = None) -> dict:
    """For /healthz and the administrators' banner: how far the calendar is known."""
    today = today or date.today()
    years = covered_years()
    until = covered_until(today, years)
    with force_locale("en"):
        warnings = []
        if today.year not in years:
            warnings.append(_("The official holidays of %(year)s are not entered: plans "
                              "count weekends only.", year=today.year))
        elif today.month >= 10 and today.year + 1 not in years:
            warnings.append(_("The official holidays of %(year)s are not entered yet.",
                              year=today.year + 1))
    return {"covered_until": until, "current_year_covered": today.year in years,
            "next_year_covered": today.year + 1 in years,
            "entered_years": sorted(set(years) - set(package_years())),
            "warnings": warnings}


def banner_year(today: date | None = None) -> int | None:
    """The year an administrator should enter now: the next one from 1 October when it
    is not covered, or this one when it is not."""
    today = today or date.today()
    years = covered_years()
    if today.year not in years:
        return today.year
    if today.month >= 10 and today.year + 1 not in years:
        return today.year + 1
    return None
