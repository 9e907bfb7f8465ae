"""WTForms classes for core pages. They validate; they never write."""
from __future__ import annotations

import secrets
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    Regexp,
)
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from sicrm.core.choices import (
    DECISION_ROLES,
    INDUSTRIES,
    LEVELS,
    ORG_KIND_LABELS,
    PROVINCES,
    RELATIONSHIP_STRENGTHS,
    options,
)
from sicrm.core.models.base import Versioned
from sicrm.core.inputs import (
    amount_limit,
    DATE_RANGE_MESSAGE,
    DB_INT_MAX,
    in_date_range,
    parse_amount,
)
from sicrm.core.roles import ROLE_LABELS


def required():
    return DataRequired(message=_l("This field is required."))


def length(maximum: int, minimum: int = -1):
    return Length(
        min=minimum,
        max=maximum,
        message=_l("Please use at most %(max)d characters.", max=maximum)
        if minimum < 0
        else _l("Please use between %(min)d and %(max)d characters.", min=minimum, max=maximum),
    )


def email():
    return Email(message=_l("Please enter a valid e-mail address."), check_deliverability=False)


def db_id(value) -> int:
    """`coerce` for a field holding a row id: an integer an INTEGER column can hold."""
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise ValueError(_l("Please choose an entry from the list.")) from error
    if not -DB_INT_MAX <= number <= DB_INT_MAX:
        raise ValueError(_l("Please choose an entry from the list."))
    return number


def int_or_none(value):
    if value in (None, ""):
        return None
    return db_id(value)


# -- fields with the database's bounds --------------------------------------------------

_DATE_RANGE = DATE_RANGE_MESSAGE


class BoundedDateField(DateField):
    """A date within 2000–2100 (core.inputs): a far date costs the planner and the
    alarm scan a day per day and overflows date arithmetic."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not in_date_range(self.data):
            self.data = None
            raise ValueError(_DATE_RANGE)


class BoundedDateTimeLocalField(DateTimeLocalField):
    """A date and time whose date lies within 2000–2100."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not in_date_range(self.data.date()):
            self.data = None
            raise ValueError(_DATE_RANGE)


class AmountField(DecimalField):
    """Money as people type it (`1,200,000`, `1 200 000`, `120万`, `1.2亿`, full-width
    digits), refused unless a Numeric(digits, places) column holds it: no exponent,
    infinity or NaN, at most `places` decimals, 0 … the column's largest value."""

    widget = TextInput()  # type="number" would refuse 120万 and 1,200,000 in the browser

    def __init__(self, label=None, validators=None, digits: int = 16, places: int = 2,
                 minimum=0, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(label, validators, places=places, **kwargs)
        self.limit = amount_limit(digits, places)
        self.minimum = minimum

    def process_formdata(self, valuelist):
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        try:
            amount = parse_amount(valuelist[0])
        except ValueError as error:
            self.data = None
            raise ValueError(_l("Please enter an amount, such as 1,200,000 or 120万.")) \
                from error
        self.data = None
        if amount != amount.quantize(Decimal(10) ** -self.places):
            raise ValueError(_l("An amount has at most %(places)d decimal places.",
                                places=self.places))
        low = self.minimum if self.minimum is not None else -int(self.limit)
        if not low <= amount <= self.limit:
            raise ValueError(_l("The amount must be between %(low)s and %(high)s.",
                                low=f"{low:,}", high=f"{int(self.limit):,}"))
        self.data = amount.quantize(Decimal(10) ** -self.places)

    def _value(self):
        if isinstance(self.data, str) and not self.raw_data:  # filled in by a view
            return self.data
        return super()._value()


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# -- concurrency: stale saves and double submits -------------------------------------
# (sicrm.core.concurrency; checked by sicrm.core.views.helpers.commit_service)


def new_submit_token() -> str:
    return secrets.token_urlsafe(24)


class RecordForm(FlaskForm):
    """The base of every form that creates or edits a record.

    - `submit_token`: a fresh one-time token each time the form is rendered; the
      second submission of the same rendered form does not act again.
    - `row_version`: the version of the record being edited (built with `obj=` a
      `Versioned` record, or `record=`); a save over a newer version is refused.
    Both are hidden fields, so `form.hidden_tag()` renders them."""

    row_version = HiddenField()
    submit_token = HiddenField(default=new_submit_token)

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        obj = kwargs.get("obj")
        self.record = record if record is not None else (
            obj if isinstance(obj, Versioned) else None)
        if self.record is not None and not self.row_version.raw_data:
            self.row_version.data = str(self.record.row_version or "")


# -- accounts ------------------------------------------------------------------------


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[required(), length(64)])
    password = PasswordField(_l("Password"), validators=[required(), length(200)])
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[required()])
    new_password = PasswordField(_l("New password"), validators=[required(), length(200)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[required(), EqualTo("new_password", message=_l("The passwords do not match."))],
    )


class PreferencesForm(FlaskForm):
    locale = SelectField(
        _l("Language"),
        choices=options({"zh_CN": "简体中文", "en": "English"}, _l("Follow the browser")),
        validators=[Optional()],
    )


class UserForm(RecordForm):
    username = StringField(
        _l("Username"),
        validators=[
            required(),
            length(64, 2),
            Regexp(
                r"^[A-Za-z0-9_.\-]+$",
                message=_l("Use letters, digits, dots, dashes and underscores only."),
            ),
        ],
    )
    full_name = StringField(_l("Full name"), validators=[required(), length(100)])
    email = StringField(_l("E-mail"), validators=[Optional(), email(), length(254)])
    phone = StringField(_l("Phone"), validators=[Optional(), length(32)])
    department_id = SelectField(_l("Department"), coerce=int_or_none, validators=[Optional()])
    roles = MultiCheckboxField(_l("Roles"), choices=options(ROLE_LABELS))
    locale = PreferencesForm.locale
    password = PasswordField(_l("Initial password"), validators=[Optional(), length(200)])
    active = BooleanField(_l("Active"), default=True)


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(_l("Temporary password"), validators=[required(), length(200)])


class DepartmentForm(RecordForm):
    name = StringField(_l("Name"), validators=[required(), length(100)])
    parent_id = SelectField(_l("Parent department"), coerce=int_or_none, validators=[Optional()])
    head_id = SelectField(_l("Head"), coerce=int_or_none, validators=[Optional()])


class CalendarDayForm(FlaskForm):
    day = BoundedDateField(_l("Date"),
                           validators=[DataRequired(message=_l("Please enter a date."))])
    kind = SelectField(_l("Kind"), choices=options(
        {"off": _l("Company day off"), "work": _l("Company working day")}))
    note = StringField(_l("Note"), validators=[Optional(), length(200)])


def _calendar_year():
    return NumberRange(min=2000, max=2100, message=_l("The year must lie between 2000 and 2100."))


class CalendarYearForm(FlaskForm):
    """One year's official days, one date or range per line (2027-02-06..2027-02-13 春节)."""

    year = IntegerField(_l("Year"), validators=[
        DataRequired(message=_l("Please enter a year.")), _calendar_year()])
    holidays = TextAreaField(_l("Public holidays (days off)"), validators=[
        DataRequired(message=_l("Please enter at least one public holiday.")),
        length(20000)])
    workdays = TextAreaField(_l("Make-up working days"), validators=[Optional(), length(5000)])


class CalendarImportForm(FlaskForm):
    file = FileField(_l("CSV or iCalendar file"),
                     validators=[FileRequired(message=_l("Please choose a file."))])
    year = IntegerField(_l("Only the year"), validators=[Optional(), _calendar_year()])


class ConfirmForm(FlaskForm):
    """An empty form: a button that posts with a CSRF token."""


# -- organisations and contacts ----------------------------------------------


class OrganizationForm(RecordForm):
    name = StringField(_l("Name"), validators=[required(), length(200)])
    short_name = StringField(_l("Short name"), validators=[Optional(), length(100)])
    credit_code = StringField(
        _l("Unified social credit code"), validators=[Optional(), length(18)]
    )
    kinds = MultiCheckboxField(_l("Kind"), choices=options(ORG_KIND_LABELS))
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, ""), validators=[Optional()])
    province = SelectField(
        _l("Province / region"), choices=options(PROVINCES, ""), validators=[Optional()]
    )
    city = StringField(_l("City"), validators=[Optional(), length(64)])
    level = SelectField(lazy_pgettext("customer", "Level"), choices=options(LEVELS, ""), validators=[Optional()])
    address = StringField(_l("Address"), validators=[Optional(), length(300)])
    website = StringField(
        _l("Website"),
        validators=[
            Optional(),
            length(200),
            URL(require_tld=False, message=_l("Please enter a full address, e.g. https://example.com")),
        ],
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), length(5000)])
    owner_id = SelectField(_l("Owner"), coerce=int_or_none, validators=[Optional()])
    confirm_duplicates = BooleanField(_l("Yes, this is a different organisation"))


class ContactForm(RecordForm):
    name = StringField(_l("Full name"), validators=[required(), length(100)])
    title = StringField(lazy_pgettext("contact", "Title"), validators=[Optional(), length(100)])
    department = StringField(_l("Department"), validators=[Optional(), length(100)])
    mobile = StringField(_l("Mobile"), validators=[Optional(), length(32)])
    phone = StringField(_l("Office phone"), validators=[Optional(), length(32)])
    email = StringField(_l("E-mail"), validators=[Optional(), email(), length(254)])
    decision_role = SelectField(
        _l("Decision role"), choices=options(DECISION_ROLES, ""), validators=[Optional()]
    )
    relationship_strength = SelectField(
        _l("Relationship"), choices=options(RELATIONSHIP_STRENGTHS), coerce=db_id, default=0
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), length(5000)])
    confirm_duplicates = BooleanField(_l("Yes, this is another person"))
