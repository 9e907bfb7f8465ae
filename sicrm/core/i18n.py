"""Language choice and locale-aware formatting for templates."""
from __future__ import annotations

from decimal import Decimal

from flask import current_app, has_request_context, request, session
from flask_babel import format_currency, format_date, format_datetime, format_decimal
from flask_babel import get_locale as babel_locale
from flask_login import current_user

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


def select_locale() -> str:
    """A logged-in user's saved preference, then this browser session's choice,
    then the browser's Accept-Language, then the configured default."""
    supported = current_app.config["SICRM_LOCALES"]
    if not has_request_context():  # CLI and scheduler: services pick per recipient
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if getattr(current_user, "is_authenticated", False) and current_user.locale in supported:
        return current_user.locale
    if session.get("locale") in supported:
        return session["locale"]
    best = request.accept_languages.best_match(["zh-CN", "zh", "en"])
    if best:
        return "en" if best == "en" else "zh_CN"
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def money(value, currency: str | None = None) -> str:
    if value is None:
        return ""
    return format_currency(Decimal(value), currency or current_app.config["SICRM_CURRENCY"])


def number(value) -> str:
    return "" if value is None else format_decimal(value)


def date(value, fmt: str = "medium") -> str:
    return "" if value is None else format_date(value, fmt)


def datetime_(value, fmt: str = "medium") -> str:
    return "" if value is None else format_datetime(value, fmt)


def init_app(app) -> None:
    app.jinja_env.filters.update(money=money, number=number, date=date, datetime=datetime_)

    @app.context_processor
    def _locale_context():
        return {
            "current_locale": "zh_CN" if babel_locale().language == "zh" else "en",
            "language_names": LANGUAGE_NAMES,
        }
