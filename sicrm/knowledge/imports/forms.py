"""The upload form of bulk import. It validates; it never writes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import Optional

from sicrm.core.choices import INDUSTRIES, options
from sicrm.core.forms import int_or_none, length, required


class ImportForm(FlaskForm):
    file = FileField(_l("Zip archive"), validators=[
        FileRequired(message=_l("Please choose a file.")),
        FileAllowed(["zip"], message=_l("Please upload a .zip archive."))])
    catalog_id = SelectField(_l("Into catalog"), coerce=int_or_none, validate_choice=False,
                             validators=[required()])
    keywords = StringField(_l("Keywords"), validators=[Optional(), length(1000)],
                           description=_l("Given to every imported article; separate "
                                          "them with commas."))
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, blank="—"),
                           validators=[Optional()])
