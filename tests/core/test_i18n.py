from datetime import date, datetime
from decimal import Decimal

import pytest
from flask_babel import force_locale

from sicrm.core import i18n


@pytest.mark.parametrize(
    ("locale", "money", "day", "number"),
    [
        ("zh_CN", "¥1,234,567.50", "2026年10月1日", "1,234,567.5"),
        ("en", "CN¥1,234,567.50", "Oct 1, 2026", "1,234,567.5"),
    ],
)
def test_formatting_follows_the_locale(app, locale, money, day, number):
    with app.test_request_context(), force_locale(locale):
        assert i18n.money(Decimal("1234567.5")) == money
        assert i18n.date(date(2026, 10, 1)) == day
        assert i18n.number(1234567.5) == number


def test_datetimes_are_stored_in_utc_and_shown_in_beijing_time(app):
    with app.test_request_context(), force_locale("zh_CN"):
        assert "20:30" in i18n.datetime_(datetime(2026, 10, 1, 12, 30), "short")


def test_locale_choice_order(app):
    with app.test_request_context(headers={"Accept-Language": "en-GB,en;q=0.8"}):
        assert i18n.select_locale() == "en"
    with app.test_request_context(headers={"Accept-Language": "zh-TW,zh;q=0.9"}):
        assert i18n.select_locale() == "zh_CN"
    with app.test_request_context(headers={"Accept-Language": "fr-FR"}):
        assert i18n.select_locale() == app.config["BABEL_DEFAULT_LOCALE"]
