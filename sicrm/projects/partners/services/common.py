"""Checks the partner, competitor and win/loss services share."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from sicrm.core.errors import ServiceError

MAX_AMOUNT = Decimal("99999999999999.99")


def amount(value, field: str) -> Decimal | None:
    """A money amount from a Decimal, a number or text; None when empty. Refuses what
    is not a number, negative or too large."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        number = Decimal(str(value).strip().replace(",", "")) if isinstance(
            value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ServiceError(_l("Please enter the amount as a number."), field) from None
    if not number.is_finite():
        raise ServiceError(_l("Please enter the amount as a number."), field)
    if number < 0:
        raise ServiceError(_l("The amount cannot be negative."), field)
    if number > MAX_AMOUNT:
        raise ServiceError(_l("The amount must be between 0 and 99,999,999,999,999."), field)
    return number.quantize(Decimal("0.01"))


def text(value, limit: int | None = None, field: str | None = None) -> str | None:
    value = (value or "").strip()
    if limit is not None and len(value) > limit:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=limit), field)
    return value or None
