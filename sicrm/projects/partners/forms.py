"""Forms for partners, competitor assessments, win/loss analyses and reasons. They
validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp

from sicrm.core.choices import options, pairs
from sicrm.core.forms import db_id, int_or_none, length, MultiCheckboxField, RecordForm, required
from sicrm.projects.forms import LostForm, WonForm, amount_field
from sicrm.projects.partners import reasons
from sicrm.projects.partners.choices import (
    PARTNER_ROLE_LABELS,
    PARTNER_STATUS_LABELS,
    POSITION_LABELS,
)


def _text(label, limit: int = 5000):
    return TextAreaField(label, validators=[Optional(), length(limit)])


class PartnerForm(RecordForm):
    organization_id = SelectField(_l("Organisation"), coerce=int_or_none,
                                  validators=[required()])
    role = SelectField(_l("Role"), choices=options(PARTNER_ROLE_LABELS, ""),
                       validators=[required()])
    status = SelectField(_l("Status"), choices=options(PARTNER_STATUS_LABELS),
                         default="prospective", validators=[required()])
    contact_ids = SelectMultipleField(_l("Their contacts on this project"), coerce=db_id,
                                      validators=[Optional()], validate_choice=False)
    responsibilities = _text(_l("Responsibilities"))
    contract_value = amount_field(_l("Contract value (CNY)"))
    notes = _text(_l("Notes"))


class CompetitorForm(RecordForm):
    organization_id = SelectField(_l("Organisation"), coerce=int_or_none,
                                  validators=[required()])


class AssessmentForm(RecordForm):
    stage_id = SelectField(_l("Stage"), coerce=int_or_none, validators=[Optional()])
    position = SelectField(_l("Position"), choices=options(POSITION_LABELS, ""),
                           validators=[required()])
    solution = _text(_l("Their solution"))
    products = _text(_l("Their products and brands"))
    price_low = amount_field(_l("Their price from (CNY)"))
    price_high = amount_field(_l("Their price up to (CNY)"))
    relationship_notes = _text(_l("Their relationships with the customer"))
    strengths = _text(_l("Strengths"))
    weaknesses = _text(_l("Weaknesses"))
    strategy = _text(_l("Our counter-strategy"))

    def assessment(self) -> dict:
        return {key: self[key].data for key in (
            "position", "price_low", "price_high", "solution", "products",
            "relationship_notes", "strengths", "weaknesses", "strategy")}


class NewCompetitorForm(CompetitorForm, AssessmentForm):
    """Link a competitor and, optionally, write its first assessment."""

    position = SelectField(_l("Position"), choices=options(POSITION_LABELS, ""),
                           validators=[Optional()])


class AnalysisFields:
    """The win/loss analysis fields the won, lost and analysis forms share."""

    other_reasons = MultiCheckboxField(_l("Other reasons"), validators=[Optional()])
    our_price = amount_field(_l("Our final price (CNY)"))


class LossAnalysisForm(AnalysisFields, LostForm):
    winning_price = amount_field(_l("Winning price (CNY)"))
    note = _text(_l("Lessons learned"))


class WinAnalysisForm(AnalysisFields, WonForm):
    reason = SelectField(_l("Main reason we won"), validators=[Optional()])
    lessons = _text(_l("Lessons learned"))


class AnalysisForm(AnalysisFields, RecordForm):
    """Editing the analysis after the project was marked."""

    reason = SelectField(_l("Main reason"), validators=[required()])
    winner_id = SelectField(_l("Won by"), coerce=int_or_none, validators=[Optional()])
    winning_price = amount_field(_l("Winning price (CNY)"))
    note = _text(_l("Lessons learned"))


class ReasonForm(RecordForm):
    code = StringField(_l("Code"), validators=[
        required(), length(32),
        Regexp(r"^[a-z0-9_]+$", message=_l("The code is up to 32 letters, digits or "
                                           "underscores."))])
    name_zh = StringField(_l("Name (Chinese)"), validators=[required(), length(100)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), length(100)])
    position = IntegerField(_l("Position"), default=100, validators=[
        InputRequired(message=_l("This field is required.")), NumberRange(0, 10_000, message=_l("The position is a number from 0 to "
                                                      "10000."))])
    active = BooleanField(_l("Offered"), default=True)


def reason_fields(form, lang: str, keep: str | None = None, keep_others=()) -> None:
    """Offer the configured reasons on a won, lost or analysis form."""
    offered = reasons.reason_choices(lang, keep)
    form.reason.choices = pairs(offered, "")
    others = reasons.reason_choices(lang)
    known = {code for code, _ in others}
    labels = reasons.reason_labels(lang)
    form.other_reasons.choices = pairs(
        others + [(code, labels.get(code, code)) for code in keep_others if code not in known],
        None)
