"""What a request may carry, bounded once for the whole app.

- Integers that name a row or a page fit a database INTEGER (1 … 2**31-1); anything
  else is "no such row" (`db_int` → None), never an OverflowError or "integer out of
  range" from the database. The `<int:…>` URL converter is bounded the same way, so
  /projects/99999999999999999999 is a 404.
- Dates lie within DATE_MIN … DATE_MAX (2000–2100): a far date costs the planner and
  the alarm scan a day per day, and year 9999 overflows date arithmetic.
- Text parameters (query and form) lose control characters other than tab, line feed
  and carriage return: PostgreSQL refuses NUL in text, and none of them is ever meant.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import Request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from sicrm.core.errors import ServiceError

#: the largest value of a 32-bit signed INTEGER column (ids, counts, positions)
DB_INT_MAX = 2**31 - 1

DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(text: str) -> str:
    """Control characters out, tab and line breaks kept."""
    return _CONTROL.sub("", text)


def db_int(value, minimum: int = 1) -> int | None:
    """`value` as an integer a database column can hold (minimum … 2**31-1), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text or len(text) > 12:
            return None
        try:
            number = int(text)
        except ValueError:
            return None
    return number if minimum <= number <= DB_INT_MAX else None


_UNITS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
_PLAIN = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}([, ][0-9]{3})+(\.[0-9]+)?")


def parse_amount(value) -> Decimal:
    """An amount as people write it: `1200000`, `1,200,000`, `1 200 000`, full-width
    digits, `120万` (= 1,200,000), `1.2亿`, with or without `¥` or `元`. Never an
    exponent, infinity or NaN. ValueError when it is not such an amount."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if len(text) > 40:
        raise ValueError(value)
    text = text.removeprefix("¥").removesuffix("元").strip()
    unit = _UNITS.get(text[-1:])
    if unit is not None:
        text = text[:-1].strip()
    text = re.sub(r"[\u00a0\u2009\u202f\s]+", " ", text)
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "").replace(" ", "")
    elif not _PLAIN.fullmatch(text):
        raise ValueError(value)
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(value) from error
    return amount * unit if unit is not None else amount


def amount_limit(digits: int, places: int) -> Decimal:
    """The largest value a Numeric(digits, places) column holds, e.g. 99999999999999.99."""
    return Decimal(10) ** (digits - places) - Decimal(10) ** -places


#: the refusal of a date outside DATE_MIN … DATE_MAX (forms and services)
DATE_RANGE_MESSAGE = _l("Please enter a date between %(first)s and %(last)s.",
                        first=DATE_MIN.isoformat(), last=DATE_MAX.isoformat())


def in_date_range(day: date | None) -> bool:
    return day is None or DATE_MIN <= day <= DATE_MAX


def ensure_date_in_range(day: date | None, field: str | None = None) -> None:
    """For services (the CLI, imports and the scheduler get the same bound as forms)."""
    if not in_date_range(day):
        raise ServiceError(DATE_RANGE_MESSAGE, field)


def parse_date(value) -> date | None:
    """An ISO date (YYYY-MM-DD) within DATE_MIN … DATE_MAX, or None."""
    if not value or not isinstance(value, str) or len(value) > 10:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if in_date_range(day) else None


class CleanArgs(ImmutableMultiDict):
    """Query and form parameters with control characters removed from every value."""

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        if hasattr(mapping, "lists"):  # a MultiDict
            mapping = list(mapping.items(multi=True))
        elif isinstance(mapping, dict):  # a list value means several values
            mapping = [(key, item) for key, value in mapping.items()
                       for item in (value if isinstance(value, (list, tuple)) else [value])]
        super().__init__([(key, strip_control(value) if isinstance(value, str) else value)
                          for key, value in mapping])


class CleanRequest(Request):
    parameter_storage_class = CleanArgs


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` that only matches what an INTEGER primary key can hold."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


def init_app(app) -> None:
    """Called before any blueprint is registered (rules bind their converter then)."""
    app.request_class = CleanRequest
    app.url_map.converters["int"] = BoundedIntConverter
