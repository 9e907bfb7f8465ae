"""Forms of the discussion board. They validate; they never write. Post bodies are
checked by the services (empty, too long, mentions) so every caller gets the same
messages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from sicrm.core.forms import db_id, int_or_none, length, RecordForm, required
from sicrm.forum.models import NAME_MAX, TITLE_MAX

KIND_LABELS = {"company": _l("Company-wide"), "department": _l("Department"),
               "project": _l("Project")}


class BoardForm(RecordForm):
    kind = SelectField(_l("Kind"), choices=[SelectChoice("company", KIND_LABELS["company"]),
                                            SelectChoice("department", KIND_LABELS["department"])])
    department_id = SelectField(_l("Department"), coerce=int_or_none, validate_choice=False)
    name = StringField(_l("Name"), validators=[required(), length(NAME_MAX)])
    description = TextAreaField(_l("Description"), validators=[Optional(), length(2000)])
    moderator_ids = SelectMultipleField(_l("Moderators"), coerce=db_id, validate_choice=False)


class ThreadForm(RecordForm):
    title = StringField(_l("Title"), validators=[required(), length(TITLE_MAX)])
    body = TextAreaField(_l("Text"), description=_l(
        "Markdown. Mention a colleague with @username."))
    files = MultipleFileField(_l("Attachments"))
    stage_id = SelectField(_l("Stage"), coerce=int_or_none, validate_choice=False)
    milestone_id = SelectField(_l("Milestone"), coerce=int_or_none, validate_choice=False)
    document_id = SelectField(_l("Document"), coerce=int_or_none, validate_choice=False)
    organization_id = SelectField(_l("Organisation"), coerce=int_or_none,
                                  validate_choice=False)


class ReplyForm(RecordForm):
    body = TextAreaField(_l("Reply"), description=_l(
        "Markdown. Mention a colleague with @username."))
    quoted_id = HiddenField(filters=[int_or_none])
    files = MultipleFileField(_l("Attachments"))


class EditPostForm(RecordForm):
    title = StringField(_l("Title"), validators=[Optional(), length(TITLE_MAX)])
    body = TextAreaField(_l("Text"))
    files = MultipleFileField(_l("Add attachments"))
