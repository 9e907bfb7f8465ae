"""Forms of document control. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from sicrm.core.choices import options
from sicrm.core.forms import RecordForm, int_or_none, length, required
from sicrm.projects.documents.choices import CATEGORY_LABELS, DECISION_LABELS


def _file():
    return FileField(_l("File"), validators=[FileRequired(message=_l("Please choose a file."))])


def _note():
    return TextAreaField(_l("Change note"), validators=[Optional(), length(2000)],
                         description=_l("What changed, for whoever reads the history."))


class DocumentForm(RecordForm):
    """A new document with its first version; for a requirement when
    required_document_id is set (the title then defaults to the requirement's)."""

    required_document_id = HiddenField(filters=[int_or_none])
    title = StringField(_l("Title"), validators=[Optional(), length(200)])
    category = SelectField(_l("Category"), choices=options(CATEGORY_LABELS),
                           default="other")
    stage_id = SelectField(_l("Stage"), coerce=int_or_none, validate_choice=False)
    description = TextAreaField(_l("Description"), validators=[Optional(), length(2000)])
    note = _note()
    file = _file()
    submit_now = BooleanField(_l("Submit for approval now"), default=True)


class VersionForm(RecordForm):
    file = _file()
    note = _note()
    submit_now = BooleanField(_l("Submit for approval now"), default=True)


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=options(DECISION_LABELS))
    comment = TextAreaField(_l("Comment"), validators=[Optional(), length(2000)])


class WithdrawForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[required(), length(500)])
