"""Forms of the alarm pages. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional

from sicrm.core.forms import BoundedDateField, int_or_none, length, RecordForm, required

LEVELS_HELP = _l("One level per line: working days late, a colon, the recipients. "
                 "For example “0: owner, pm”, “3: pm_manager”, “7: dept_head_above, "
                 "executive, user:zhangsan”.")


class AcknowledgeForm(FlaskForm):
    note = TextAreaField(_l("What is being done about it"),
                         validators=[required(), length(2000)])


class SnoozeForm(FlaskForm):
    until = BoundedDateField(_l("Snooze until"), validators=[required()])
    reason = TextAreaField(_l("Reason"), validators=[required(), length(2000)])


class PolicyForm(RecordForm):
    name = StringField(_l("Name"), validators=[required(), length(100)])
    template_id = SelectField(_l("Template"), coerce=int_or_none, validators=[Optional()])
    stage_key = StringField(_l("Stage key"), validators=[Optional(), length(64)],
                            description=_l("Empty: every stage of the template."))
    reminder_offsets = StringField(
        _l("Remind the owner (working days before due)"), validators=[Optional(), length(100)],
        description=_l("Several offsets separated by commas, e.g. “5, 1”."))
    milestone_escalation = TextAreaField(_l("Overdue milestone: escalation"),
                                         validators=[required(), length(2000)],
                                         description=LEVELS_HELP)
    stage_escalation = TextAreaField(_l("Stage past its standard duration: escalation"),
                                     validators=[Optional(), length(2000)])
    review_pending_days = IntegerField(
        _l("A gate review alarms after pending (working days)"),
        validators=[Optional(), NumberRange(min=1, max=250)])
    review_escalation = TextAreaField(_l("Pending gate review: escalation"),
                                      validators=[Optional(), length(2000)])
    repeat_days = IntegerField(
        _l("Repeat an unacknowledged alarm every (working days)"),
        validators=[Optional(), NumberRange(min=1, max=250)],
        description=_l("Empty: never repeat."))
    active = BooleanField(_l("Active"), default=True)
