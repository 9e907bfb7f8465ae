"""Forms of the schedule pages. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from sicrm.core.choices import options
from sicrm.core.forms import (
    BoundedDateTimeLocalField,
    db_id,
    int_or_none,
    length,
    RecordForm,
    required,
)
from sicrm.forum.schedule.models import DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX
from sicrm.forum.schedule.queries import KIND_LABELS, RESPONSE_LABELS

#: what a datetime-local input sends
INPUT_FORMAT = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class EventForm(RecordForm):
    """The event; choices of attendees and organisations are set by the view."""

    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS), default="meeting")
    title = StringField(_l("Title"), validators=[required(), length(TITLE_MAX)])
    start = BoundedDateTimeLocalField(_l("Start"), format=INPUT_FORMAT, validators=[
        required()])
    end = BoundedDateTimeLocalField(_l("End"), format=INPUT_FORMAT, validators=[required()])
    all_day = BooleanField(_l("All day (only the dates count)"))
    place = StringField(_l("Place"), validators=[Optional(), length(PLACE_MAX)])
    description = TextAreaField(_l("Agenda and notes"),
                                validators=[Optional(), length(DESCRIPTION_MAX)])
    user_ids = SelectMultipleField(_l("Attendees (colleagues)"), coerce=db_id,
                                   validate_choice=False)
    contact_ids = SelectMultipleField(_l("Attendees (external contacts)"), coerce=db_id,
                                      validate_choice=False)
    organization_id = SelectField(_l("Organisation"), coerce=int_or_none,
                                  validators=[Optional()], validate_choice=False)


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason (told to the attendees)"),
                           validators=[Optional(), length(DESCRIPTION_MAX)])


class RespondForm(FlaskForm):
    """An attendee's answer (the buttons of the event page)."""

    response = SelectField(_l("Answer"), choices=options(RESPONSE_LABELS),
                           validators=[required()], validate_choice=False)
    note = StringField(_l("Note to the organiser"), validators=[Optional(), length(PLACE_MAX)])
