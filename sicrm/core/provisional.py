"""Dates planned in a year whose official holidays are not known (neither entered by an
administrator nor in chinesecalendar) are provisional: the pages mark them
(`provisional(day)` in templates, the `provisional_mark` macro)."""
from __future__ import annotations

from datetime import date

from flask import g

from sicrm.core.services.calendar_years import covered_years


def provisional(day) -> bool:
    if not isinstance(day, date):
        return False
    if "_sicrm_covered_years" not in g:
        g._sicrm_covered_years = covered_years()  # once per request
    return day.year not in g._sicrm_covered_years
