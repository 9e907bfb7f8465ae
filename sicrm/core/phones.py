"""Telephone numbers as people in mainland China, Hong Kong, Macau and Taiwan write
them. `check_phone(text, mobile=...)` returns the number as entered (spaces tidied)
or raises PhoneError with a translated message; `phone_digits(text)` is the key two
numbers are compared by (national digits, no prefix, no extension).

Accepted (spaces, dashes, dots and brackets between digits are fine):
- mainland mobiles: 11 digits 1[3-9]xxxxxxxxx, also +86 / 0086 / 86 in front;
- mainland landlines (not in the mobile field): area code 0xx or 0xxx and a
  7- or 8-digit number, e.g. 010-12345678, 0755-1234567, +86 10 12345678, with an
  optional extension (转123, ext 123, x123, #123, or -123 after the number);
  400/800 service numbers (400-123-4567);
- Hong Kong +852 and Macau +853: 8 digits; Taiwan +886: 8–9 digits after the
  prefix (a leading 0 or (0) is dropped: +886 (0)2 2345 6789, +886 912 345 678);
- other countries in international form: + and 7–15 digits."""
from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l

_SEPARATORS = re.compile(r"[\s\-.()（）]+")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_DASH_EXTENSION = re.compile(r"^(.*\d)\s*-\s*(\d{1,6})$")
_ALLOWED = re.compile(r"^\+?[\d\s\-.()（）]+$")

MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAINLAND_LANDLINE = re.compile(r"^0(?:[12]0|[1-9]\d{2})?$")  # area codes: 010, 020–029, 0xxx
SERVICE = re.compile(r"^[48]00\d{7}$")


class PhoneError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _split_extension(text: str) -> tuple[str, str | None]:
    found = _EXTENSION.search(text)
    if found:
        return text[: found.start()], found.group(1)
    return text, None


def _landline(digits: str) -> bool:
    """0 + area code + local number: 010/02x take 8 digits; 0xxx take 7 or 8."""
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if re.match(r"^0(?:10|2\d)\d{8}$", digits):
        return True
    return re.match(r"^0[3-9]\d{2}\d{7,8}$", digits) is not None


def _parse(text: str) -> tuple[str, str, str | None]:
    """(region, national digits, extension); region is cn, hk, mo, tw or intl."""
    body, extension = _split_extension(text)
    if not _ALLOWED.match(body or "x"):
        raise PhoneError(_l("A phone number may only contain digits, spaces, dashes, "
                            "brackets and a leading +."))
    compact = _SEPARATORS.sub("", body)
    international = compact.startswith("+") or compact.startswith("00")
    digits = compact.lstrip("+")
    if digits.startswith("00"):
        digits = digits[2:]
    if not international and digits.startswith("86") and len(digits) == 13:
        international = True  # 86 138 0013 8000
    if international:
        for prefix, region in (("86", "cn"), ("852", "hk"), ("853", "mo"), ("886", "tw")):
            if digits.startswith(prefix):
                national = digits[len(prefix):]
                if region in ("cn", "tw") and national.startswith("0"):
                    national = national[1:]  # +86 (0)10 …, +886 (0)2 …
                if region == "cn" and not MAINLAND_MOBILE.match(national):
                    national = "0" + national  # landlines are compared with their 0
                return region, national, extension
        return "intl", digits, extension
    if extension is None and not MAINLAND_MOBILE.match(digits):
        dashed = _DASH_EXTENSION.match(body.strip())
        if dashed and _landline(_SEPARATORS.sub("", dashed.group(1))):
            return "cn", _SEPARATORS.sub("", dashed.group(1)), dashed.group(2)
    return "cn", digits, extension


def check_phone(text: str | None, *, mobile: bool = False) -> str | None:
    """The number tidied (NFKC, single spaces), or None when empty; PhoneError when it
    is not a number of an accepted form. `mobile` refuses landlines and extensions."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    value = re.sub(r"\s+", " ", value)
    if not value:
        return None
    region, digits, extension = _parse(value)
    if region == "cn":
        if MAINLAND_MOBILE.match(digits):
            if extension:
                raise PhoneError(_l("A mobile number has no extension."))
            return value
        if mobile:
            if _landline(digits) or SERVICE.match(digits):
                raise PhoneError(_l("This is a landline number: enter it as the office phone. "
                                    "A mobile number has 11 digits and starts with 13–19."))
            raise PhoneError(_l("A mainland mobile number has 11 digits and starts with 13–19 "
                                "(for example 138 0013 8000); Hong Kong, Macau and Taiwan "
                                "numbers start with +852, +853 or +886."))
        if _landline(digits) or SERVICE.match(digits):
            return value
        raise PhoneError(_l("A landline number needs its area code, for example 010-12345678 "
                            "or 0755-1234567 (an extension may follow: 转123)."))
    if region in ("hk", "mo"):
        if re.match(r"^\d{8}$", digits):
            return value
        raise PhoneError(_l("A Hong Kong or Macau number has 8 digits after +852 or +853."))
    if region == "tw":
        if re.match(r"^\d{8,9}$", digits):
            return value
        raise PhoneError(_l("A Taiwan number has 8 or 9 digits after +886."))
    if re.match(r"^[1-9]\d{6,14}$", digits):
        return value
    raise PhoneError(_l("An international number has 7 to 15 digits after the + and the "
                        "country code."))


def phone_digits(text: str | None) -> str | None:
    """The digits two numbers are compared by; None for an empty or unreadable one."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        return None
    try:
        region, digits, _extension = _parse(value)
    except PhoneError:
        return None
    return digits if region == "cn" else f"{region}:{digits}"
