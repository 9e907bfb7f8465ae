"""Task forms. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional

from sicrm.core.choices import options
from sicrm.core.forms import BoundedDateField, int_or_none, length, RecordForm, required
from sicrm.forum.tasks.choices import PRIORITY_LABELS
from sicrm.forum.tasks.services import DESCRIPTION_MAX, REASON_MAX, TITLE_MAX


class TaskForm(RecordForm):
    title = StringField(_l("Title"), validators=[required(), length(TITLE_MAX)])
    description = TextAreaField(_l("Description"),
                                validators=[Optional(), length(DESCRIPTION_MAX)])
    assignee_id = SelectField(_l("Assignee"), coerce=int_or_none, validators=[Optional()])
    due_date = BoundedDateField(_l("Due date"), validators=[Optional()])
    priority = SelectField(_l("Priority"), choices=options(PRIORITY_LABELS), default="normal")
    #: "stage:ID" or "milestone:ID" of the project, or empty
    link = SelectField(_l("Stage or milestone"), validators=[Optional()])
    project_id = HiddenField()
    thread_id = HiddenField()
    post_id = HiddenField()


class StatusForm(FlaskForm):
    status = HiddenField(validators=[AnyOf(("open", "in_progress", "done", "cancelled"),
                                           message=_l("Unknown choice."))])
    reason = TextAreaField(_l("Reason for cancelling"),
                           validators=[Optional(), length(REASON_MAX)])


class AssignForm(FlaskForm):
    assignee_id = SelectField(_l("Assignee"), coerce=int_or_none, validators=[required()])
