"""WTForms classes for project pages. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from sicrm.core.choices import INDUSTRIES, options
from sicrm.core.forms import (
    AmountField,
    BoundedDateField,
    int_or_none,
    length,
    RecordForm,
    required,
)
from sicrm.projects.choices import KIND_LABELS, OUTCOME_LABELS, OUTCOME_REASON_LABELS
from sicrm.templates_lib.roles import TEAM_ROLES

#: rows for team members on the create form
TEAM_ROWS = 4


def date_field(label, optional: bool = False):
    """A date; InputRequired (not DataRequired) keeps "Not a valid date" for bad input."""
    return BoundedDateField(label, validators=[Optional()] if optional else [
        InputRequired(message=_l("This field is required."))], render_kw={"type": "date"})


def amount_field(label, optional: bool = True):
    """Money for a Numeric(16, 2) column (`120万` and `1,200,000` accepted)."""
    return AmountField(label, validators=[Optional() if optional else required()])


#: roles a team row on the create form offers; the PM has a field of its own
MEMBER_ROLES = {code: label for code, label in TEAM_ROLES.items() if code != "pm"}


class MemberRow(Form):
    """One team member line on the create form (no CSRF token of its own)."""

    user_id = SelectField(_l("Team member"), coerce=int_or_none, validators=[Optional()])
    role = SelectField(_l("Team role"), choices=options(MEMBER_ROLES), default="engineer",
                       validators=[Optional()])


class ProjectFieldsForm(RecordForm):
    """The fields a project keeps after creation: the create and the edit form share
    them (and their validators)."""

    customer_id = SelectField(_l("Customer"), coerce=int_or_none, validators=[required()])
    name = StringField(_l("Project name"), validators=[required(), length(200)])
    amount = amount_field(_l("Estimated amount (CNY)"))
    win_probability = IntegerField(
        _l("Win probability (%)"),
        validators=[Optional(), NumberRange(0, 100, message=_l(
            "The win probability is a percentage from 0 to 100."))])
    expected_sign_date = date_field(_l("Expected signing date"), optional=True)
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, ""),
                           validators=[Optional()])
    category = StringField(_l("Business category"), validators=[Optional(), length(100)])
    pm_id = SelectField(_l("Project manager"), coerce=int_or_none, validators=[Optional()])


class ProjectForm(ProjectFieldsForm):
    template_version_id = SelectField(_l("Template"), coerce=int_or_none,
                                      validators=[required()])
    start_date = date_field(_l("Start date"))
    members = FieldList(FormField(MemberRow), label=_l("Team"), min_entries=TEAM_ROWS,
                        max_entries=TEAM_ROWS)


class ProjectEditForm(ProjectFieldsForm):
    """Editing a project's data after creation (the plan and team have their own)."""

    department_id = SelectField(_l("Owning department"), coerce=int_or_none,
                                validators=[Optional()])

    def changes(self) -> dict:
        """The submitted values under the names update_project takes (ids resolved
        by the view)."""
        return {"name": self.name.data, "amount": self.amount.data,
                "win_probability": self.win_probability.data,
                "expected_sign_date": self.expected_sign_date.data,
                "industry": self.industry.data or None,
                "category": (self.category.data or "").strip() or None}


class MemberForm(RecordForm):
    user_id = SelectField(_l("Person"), coerce=int_or_none, validators=[required()])
    #: engineer unless chosen: adding someone never makes them PM by accident
    role = SelectField(_l("Team role"), choices=options(TEAM_ROLES), default="engineer",
                       validators=[required()])


class StartDateForm(FlaskForm):
    start_date = date_field(_l("New start date"))


class StageEndForm(FlaskForm):
    end = date_field(_l("Actual end"))


class WonForm(FlaskForm):
    signed_amount = amount_field(_l("Signed amount (CNY)"), optional=False)
    signed_date = date_field(_l("Signing date"))
    template_version_id = SelectField(_l("Implementation template"), coerce=int_or_none,
                                      validators=[required()])
    pm_id = SelectField(_l("Project manager of the implementation"), coerce=int_or_none,
                        validators=[Optional()])
    start_date = date_field(_l("Implementation start (default: signing date)"), optional=True)


class LostForm(FlaskForm):
    status = SelectField(_l("Outcome"), choices=options(OUTCOME_LABELS),
                         validators=[required()])
    reason = SelectField(_l("Main reason"), choices=options(OUTCOME_REASON_LABELS, ""),
                         validators=[required()])
    winner_id = SelectField(_l("Won by"), coerce=int_or_none, validators=[Optional()])
    note = TextAreaField(_l("Analysis"), validators=[Optional(), length(5000)])


class SaveFilterForm(FlaskForm):
    name = StringField(_l("Name of the filter"), validators=[required(), length(100)])
    args = StringField(validators=[Optional(), length(2000)])


class SaveAsTemplateForm(RecordForm):
    name_zh = StringField(_l("Template name (Chinese)"), validators=[required(), length(200)])
    name_en = StringField(_l("Template name (English)"), validators=[Optional(), length(200)])


class SharingRuleForm(RecordForm):
    department_id = SelectField(_l("Department"), coerce=int_or_none, validators=[required()])
    kind = SelectField(_l("Project kind"), choices=options(KIND_LABELS, _l("Any")),
                       validators=[Optional()])
    category = StringField(_l("Business category"), validators=[Optional(), length(100)])
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, _l("Any")),
                           validators=[Optional()])


class MilestoneForm(RecordForm):
    """A milestone added or changed by hand (the stage only when adding)."""

    stage_id = SelectField(_l("Stage"), coerce=int_or_none, validators=[Optional()])
    name = StringField(_l("Milestone"), validators=[required(), length(200)])
    planned_date = date_field(_l("Planned date"))
    owner_id = SelectField(_l("Owner"), coerce=int_or_none, validators=[Optional()])
    notes = TextAreaField(_l("Deliverables and notes"), validators=[Optional(), length(5000)])


class CancelMilestoneForm(FlaskForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[required(), length(500)])
