"""Checks the finance services share: amounts, dates, open projects."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from sicrm.core.errors import ServiceError
from sicrm.core.inputs import parse_amount as read_amount

CENT = Decimal("0.01")
LIMIT = Decimal("1e14")


def parse_amount(value, field: str = "amount", *, allow_zero: bool = False,
                 required: bool = True) -> Decimal | None:
    """A money amount as an exact Decimal with two places; refused when it is not a
    number, negative (or zero unless allowed), too large or has more than two places."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ServiceError(_l("Please enter an amount."), field)
        return None
    try:
        amount = value if isinstance(value, Decimal) else read_amount(value)
    except (InvalidOperation, ValueError) as error:
        raise ServiceError(_l("Please enter an amount."), field) from error
    if not amount.is_finite():
        raise ServiceError(_l("Please enter an amount."), field)
    if abs(amount) >= LIMIT:
        raise ServiceError(_l("The amount must be between 0 and 99,999,999,999,999."), field)
    if amount != amount.quantize(CENT):
        raise ServiceError(_l("An amount has at most two decimal places."), field)
    if amount < 0:
        raise ServiceError(_l("The amount cannot be negative."), field)
    if amount == 0 and not allow_zero:
        raise ServiceError(_l("The amount must be greater than zero."), field)
    if amount >= LIMIT:
        raise ServiceError(_l("The amount must be between 0 and 99,999,999,999,999."), field)
    return amount.quantize(CENT)


def plain(value: Decimal) -> str:
    """30.00 → "30", 12.50 → "12.5" (never "3E+1")."""
    return format(value.normalize(), "f")


def check_not_future(day: date | None, field: str) -> date:
    if day is None:
        raise ServiceError(_l("Please enter a date."), field)
    if day > date.today():
        raise ServiceError(_l("The date cannot be in the future."), field)
    return day


def ensure_open(project) -> None:
    if not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))


def text(value, field: str, maximum: int, required: bool = True) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise ServiceError(_l("This field is required."), field)
        return None
    if len(value) > maximum:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=maximum), field)
    return value
