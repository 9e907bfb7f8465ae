"""Forms of related knowledge. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import AnyOf, Length

from sicrm.knowledge.related.models import MARKS


class MarkForm(FlaskForm):
    verdict = HiddenField(validators=[AnyOf((*MARKS, "none"),
                                            message=_l("Unknown choice."))])


class LinkTargetForm(FlaskForm):
    target = StringField(_l("Project code or organisation name"),
                         validators=[Length(max=200)])
