"""Finance forms. They validate what a browser can get wrong; the services check
amounts and rules (so the CLI and tests get the same refusals)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional

from sicrm.core.choices import options
from sicrm.core.forms import AmountField, int_or_none, length, RecordForm, required
from sicrm.projects.finance.labels import CATEGORY_LABELS
from sicrm.projects.finance.models import CATEGORIES
from sicrm.projects.forms import date_field


def money_field(label, optional: bool = False):
    """Money for a Numeric(16, 2) column; the services check the rules (not zero …)."""
    return AmountField(label, validators=[Optional()] if optional else [required()])


class BudgetForm(RecordForm):
    """One planned amount (and a note) per category; built below."""


for _category in CATEGORIES:
    setattr(BudgetForm, _category, money_field(CATEGORY_LABELS[_category], optional=True))
    setattr(BudgetForm, f"note_{_category}", StringField(
        _l("Note"), validators=[Optional(), length(200)]))


class ExpenseForm(RecordForm):
    category = SelectField(_l("Category"), choices=options(CATEGORY_LABELS, ""),
                           validators=[required()])
    spent_on = date_field(_l("Date"))
    amount = money_field(_l("Amount (CNY)"))
    description = StringField(_l("Description"), validators=[required(), length(300)])
    spent_by_id = SelectField(_l("Spent by"), coerce=int_or_none, validators=[required()])
    receipt = FileField(_l("Receipt (scan or photo)"))
    confirm_over_budget = BooleanField(_l("Submit it although it passes the budget"))


class DecisionForm(FlaskForm):
    decision = HiddenField(validators=[AnyOf(("approved", "rejected"),
                                             message=_l("Please approve or reject."))])
    note = TextAreaField(lazy_pgettext("approval", "Comment"), validators=[Optional(), length(2000)])


class EffortForm(RecordForm):
    user_id = SelectField(_l("Person"), coerce=int_or_none, validators=[required()])
    work_date = date_field(_l("Date"))
    hours = StringField(_l("Hours"), validators=[required()],
                        render_kw={"inputmode": "decimal"})
    note = StringField(_l("Note"), validators=[Optional(), length(300)])


class InstalmentForm(RecordForm):
    name = StringField(_l("Instalment"), validators=[required(), length(200)])
    percent = StringField(_l("Share of the contract (%)"), validators=[Optional()],
                          render_kw={"inputmode": "decimal"})
    amount = money_field(_l("Or a fixed amount (CNY)"), optional=True)
    milestone_id = SelectField(_l("Due at milestone"), coerce=int_or_none,
                               validators=[Optional()])
    due_date = date_field(_l("Or due on"), optional=True)


class InvoiceForm(RecordForm):
    number = StringField(_l("Invoice number"), validators=[required(), length(64)])
    issued_on = date_field(_l("Issued on"))
    amount = money_field(_l("Amount (CNY)"))


class ReceiptForm(RecordForm):
    received_on = date_field(_l("Received on"))
    amount = money_field(_l("Amount (CNY)"))
    note = StringField(_l("Note"), validators=[Optional(), length(300)])
