"""Forms of the calendar pages. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional

from sicrm.core.forms import int_or_none


class FeedForm(FlaskForm):
    """Make (or remake) a feed: mine when no project is chosen."""

    project_id = SelectField(_l("Project"), coerce=int_or_none, validators=[Optional()],
                             validate_choice=False)
