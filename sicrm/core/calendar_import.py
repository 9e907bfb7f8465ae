"""Reading a year's official holidays and make-up working days: lines of date ranges
typed in the administration form, a CSV file or an iCalendar file.

    2027-02-06..2027-02-13 春节          (a line: one day or a range, then a name)
    start,end,kind,name                  (CSV; end may be empty; kind: off/work,
    2027-02-06,2027-02-13,off,春节        休/班, holiday/workday …; or date,kind,name)
    BEGIN:VEVENT … DTSTART;VALUE=DATE …  (iCalendar: all-day events; a summary or
                                          category with 班/上班/work is a working day)

Each reader returns Spans; a problem is a ServiceError naming the line."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from icalendar import Calendar

from sicrm.core.calendar import FIRST, LAST
from sicrm.core.errors import ServiceError

#: words that say what a day is, in CSV kinds and iCalendar summaries
WORK_WORDS = ("work", "workday", "working", "make-up", "makeup", "班", "上班", "补班")
OFF_WORDS = ("off", "holiday", "rest", "休", "假", "放假", "休息")
_DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_LINE = re.compile(rf"^\s*{_DATE}\s*(?:(?:\.\.|~|～|–|—|至|到|to|-)\s*{_DATE})?\s*(.*?)\s*$")
#: the longest span one line may name (a typo such as 2027..2028 is refused)
MAX_SPAN_DAYS = 31


@dataclass(frozen=True)
class Span:
    first: date
    last: date
    kind: str   # "off" or "work"
    name: str | None = None
    line: int = 0

    def days(self):
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


def _bad(line: int, message) -> ServiceError:
    return ServiceError(_l("Line %(line)s: %(problem)s", line=line, problem=message))


def _date(parts, line: int) -> date:
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise _bad(line, _l("not a real date.")) from None
    if not FIRST <= day <= LAST:
        raise _bad(line, _l("dates must lie between 2000 and 2100."))
    return day


def _span(first: date, last: date, kind: str, name: str | None, line: int) -> Span:
    if last < first:
        raise _bad(line, _l("the range ends before it starts."))
    if (last - first).days >= MAX_SPAN_DAYS:
        raise _bad(line, _l("a range may span at most %(days)s days.", days=MAX_SPAN_DAYS))
    return Span(first, last, kind, (name or "").strip()[:100] or None, line)


def parse_lines(text: str, kind: str) -> list[Span]:
    """One day or range per line (`2027-02-06..2027-02-13 春节`); blank lines and
    lines starting with # are skipped."""
    spans = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _LINE.match(raw)
        if match is None:
            raise _bad(number, _l("write a date or a range, e.g. 2027-02-06..2027-02-13 春节."))
        first = _date(match.groups()[0:3], number)
        last = _date(match.groups()[3:6], number) if match.group(4) else first
        spans.append(_span(first, last, kind, match.group(7), number))
    return spans


def kind_of(word: str | None) -> str | None:
    """"off", "work" or None for a CSV kind or an iCalendar summary/category."""
    text = (word or "").strip().lower()
    if not text:
        return None
    if any(w in text for w in WORK_WORDS):
        return "work"
    if any(w in text for w in OFF_WORDS):
        return "off"
    return None


def parse_csv(data: bytes) -> list[Span]:
    """Rows `start,end,kind,name` (end may be empty) or `date,kind,name`; a header row
    is skipped. A row without a kind is a holiday."""
    text = _text(data)
    spans = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        first = re.fullmatch(_DATE, cells[0])
        if first is None:
            if number == 1:
                continue  # a header
            raise _bad(number, _l("the first column must be a date."))
        second = re.fullmatch(_DATE, cells[1]) if len(cells) > 1 else None
        if second is not None or (len(cells) > 3 and not cells[1]):
            rest = cells[2:]
        else:
            rest = cells[1:]
        start = _date(first.groups(), number)
        end = _date(second.groups(), number) if second else start
        kind = kind_of(rest[0]) if rest else None
        if rest and rest[0] and kind is None:
            raise _bad(number, _l("the kind must be off (休) or work (班)."))
        name = rest[1] if len(rest) > 1 else None
        spans.append(_span(start, end, kind or "off", name, number))
    return spans


def parse_ics(data: bytes) -> list[Span]:
    """All-day VEVENTs: DTSTART to DTEND (exclusive); X-SICRM-KIND, CATEGORIES or the
    summary say whether the days are off or worked (off unless they say work)."""
    try:
        calendar = Calendar.from_ical(_text(data))
    except (ValueError, IndexError, KeyError) as error:
        raise ServiceError(_l("This is not an iCalendar file (%(error)s).",
                              error=str(error)[:100])) from None
    spans = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        start = event.decoded("DTSTART", None)
        if start is None:
            raise _bad(number, _l("an event has no start date."))
        end = event.decoded("DTEND", None)
        start = start.date() if isinstance(start, datetime) else start
        if end is None:
            duration = event.decoded("DURATION", None)
            last = start + duration - timedelta(days=1) if duration else start
        else:
            end = end.date() if isinstance(end, datetime) else end
            last = max(end - timedelta(days=1), start)
        summary = str(event.get("SUMMARY", "") or "")
        categories = event.get("CATEGORIES")
        words = [str(event.get("X-SICRM-KIND", "") or "")]
        if categories is not None:
            for item in categories if isinstance(categories, list) else [categories]:
                words += [str(c) for c in getattr(item, "cats", [item])]
        words.append(summary)
        kind = next((k for k in map(kind_of, words) if k), "off")
        for day in (start, last):
            if not FIRST <= day <= LAST:
                raise _bad(number, _l("dates must lie between 2000 and 2100."))
        spans.append(_span(start, last, kind, summary, number))
    return spans


def parse_file(filename: str, data: bytes) -> tuple[list[Span], str]:
    """Spans and the source ("csv" or "ics") of an uploaded or named file."""
    lowered = (filename or "").lower()
    if lowered.endswith((".ics", ".ical", ".ifb", ".icalendar")) or data.lstrip(
            b"\xef\xbb\xbf \r\n").startswith(b"BEGIN:VCALENDAR"):
        return parse_ics(data), "ics"
    if lowered.endswith((".csv", ".txt")) or not lowered:
        return parse_csv(data), "csv"
    raise ServiceError(_l("Please upload a CSV or an iCalendar (.ics) file."), "file")


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ServiceError(_l("The file is neither UTF-8 nor GB18030 text."), "file")
