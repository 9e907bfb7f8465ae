"""The search form (GET, no CSRF: it changes nothing)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from sicrm.core.choices import INDUSTRIES, options
from sicrm.core.forms import BoundedDateField
from sicrm.knowledge.search.backend import MAX_QUERY_CHARS


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), render_kw={"maxlength": MAX_QUERY_CHARS * 2})
    kind = SelectField(_l("Type"), choices=[], validate_choice=False)
    catalog = SelectField(_l("Catalog"), choices=[], validate_choice=False)
    keyword = StringField(_l("Keyword"), validators=[Optional()])
    industry = SelectField(_l("Industry"), choices=[], validate_choice=False)
    author = SelectField(_l("Author"), choices=[], validate_choice=False)
    date_from = BoundedDateField(_l("From"), validators=[Optional()])
    date_to = BoundedDateField(_l("To"), validators=[Optional()])
    sort = SelectField(_l("Sort"), choices=[SelectChoice("relevance", _l("Relevance")),
                                            SelectChoice("date", _l("Newest first"))],
                       default="relevance", validate_choice=False)
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=1000)], default=1)
    #: "1": search what was typed, no automatic correction
    exact = StringField(validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.industry.choices = options(INDUSTRIES, blank=_l("Any industry"))


class SynonymsForm(FlaskForm):
    groups = TextAreaField(
        _l("Synonyms"), render_kw={"rows": 18, "spellcheck": "false"},
        description=_l("One group per line, its words separated by “=”, e.g. “等保 = 等级保护 = "
                       "网络安全等级保护”. A search for any word of a group also finds the others. "
                       "Lines starting with # are ignored."))
