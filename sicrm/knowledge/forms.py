"""Forms of the knowledge base. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from sicrm.core.choices import INDUSTRIES, options
from sicrm.core.forms import MultiCheckboxField, RecordForm, int_or_none, length, required
from sicrm.core.roles import ROLE_LABELS
from sicrm.knowledge.models import NAME_MAX, TITLE_MAX
from sicrm.knowledge.services.articles import BODY_MAX, NOTE_MAX
from sicrm.knowledge.services.catalogs import DESCRIPTION_MAX
from sicrm.knowledge.services.grants import GrantSpec

STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published"),
                 "archived": _l("Archived")}
STATUS_STYLES = {"draft": "secondary", "published": "success", "archived": "dark"}
LEVEL_LABELS = {"read": _l("Query"), "edit": _l("Edit")}
EXTRACTION_LABELS = {"ok": _l("Text extracted"), "empty": _l("No text found"),
                     "failed": _l("Text could not be read"),
                     "encrypted": _l("Password-protected: no text"),
                     "unsupported": _l("No text for this file type"),
                     "too_large": _l("Too large to read: text not extracted")}


def _ids(field) -> list[int]:
    return [int(v) for v in field.data or () if str(v).isdigit()]


class CatalogForm(RecordForm):
    name = StringField(_l("Name"), validators=[required(), length(NAME_MAX)])
    description = TextAreaField(_l("Description"),
                                validators=[Optional(), length(DESCRIPTION_MAX)])
    owner_id = SelectField(_l("Owner"), coerce=int_or_none, validate_choice=False,
                           description=_l("Manages the catalog and everything below it."))


class MoveForm(FlaskForm):
    parent_id = SelectField(_l("Move under"), coerce=int_or_none, validate_choice=False)


class _Grants:
    """Read (query) and edit grants by role, department and person."""

    def grant_specs(self, article_level: bool = False) -> list[GrantSpec]:
        specs = []
        levels = ("read",) if article_level else ("read", "edit")
        for level in levels:
            prefix = "" if level == "read" else "edit_"
            specs += [GrantSpec("role", role=r, level=level)
                      for r in getattr(self, f"{prefix}roles").data or ()]
            specs += [GrantSpec("department", department_id=d, level=level)
                      for d in _ids(getattr(self, f"{prefix}departments"))]
            specs += [GrantSpec("user", user_id=u, level=level)
                      for u in _ids(getattr(self, f"{prefix}users"))]
        if getattr(self, "everyone", None) is not None and self.everyone.data:
            specs.append(GrantSpec("everyone"))
        return specs

    def fill(self, grants) -> None:
        for prefix, level in (("", "read"), ("edit_", "edit")):
            if not hasattr(self, f"{prefix}roles"):
                continue
            mine = [g for g in grants if g.level == level]
            getattr(self, f"{prefix}roles").data = [g.role for g in mine if g.kind == "role"]
            getattr(self, f"{prefix}departments").data = [
                str(g.department_id) for g in mine if g.kind == "department"]
            getattr(self, f"{prefix}users").data = [
                str(g.user_id) for g in mine if g.kind == "user"]
        if hasattr(self, "everyone"):
            self.everyone.data = any(g.kind == "everyone" for g in grants)


def _roles(label):
    return MultiCheckboxField(label, choices=options(ROLE_LABELS), validate_choice=False)


def _multi(label):
    return SelectMultipleField(label, validate_choice=False)


class CatalogPermissionsForm(_Grants, FlaskForm):
    inherit = BooleanField(_l("Inherit the parent catalog's permissions"), default=True)
    everyone = BooleanField(_l("Everyone may query"))
    roles = _roles(_l("Roles who may query"))
    departments = _multi(_l("Departments who may query (with their sub-departments)"))
    users = _multi(_l("People who may query"))
    edit_roles = _roles(_l("Roles who may edit articles"))
    edit_departments = _multi(_l("Departments who may edit articles"))
    edit_users = _multi(_l("People who may edit articles"))


class ArticlePermissionsForm(_Grants, FlaskForm):
    restricted = BooleanField(_l("Only some readers of the catalog may read this article"))
    roles = _roles(_l("Roles"))
    departments = _multi(_l("Departments (with their sub-departments)"))
    users = _multi(_l("People"))


class ArticleForm(FlaskForm):
    catalog_id = SelectField(_l("Catalog"), coerce=int_or_none, validate_choice=False)
    title = StringField(_l("Title"), validators=[required(), length(TITLE_MAX)])
    body = TextAreaField(_l("Text (Markdown)"), validators=[Optional(), length(BODY_MAX)])
    keywords = StringField(_l("Keywords"), validators=[Optional(), length(2000)],
                           description=_l("Separated by commas, e.g. ERP, 实施方案"))
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, blank="—"))
    status = SelectField(_l("Status"), choices=options(STATUS_LABELS), default="published")
    note = StringField(_l("Change note"), validators=[Optional(), length(NOTE_MAX)])
    files = MultipleFileField(_l("Attachments"))
    version = HiddenField(filters=[int_or_none])


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"), choices=options(STATUS_LABELS))


class AttachmentForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(message=_l("Please choose a file."))])


class MergeForm(FlaskForm):
    source = StringField(_l("Merge this keyword"), validators=[required(), length(200)])
    target = StringField(_l("into this keyword"), validators=[required(), length(200)])


class PromoteForm(_Grants, FlaskForm):
    catalog_id = SelectField(_l("Catalog"), coerce=int_or_none, validate_choice=False)
    title = StringField(_l("Title"), validators=[required(), length(TITLE_MAX)])
    body = TextAreaField(_l("Summary (Markdown)"), validators=[Optional(), length(BODY_MAX)])
    keywords = StringField(_l("Keywords"), validators=[Optional(), length(2000)],
                           description=_l("Separated by commas, e.g. ERP, 实施方案"))
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, blank="—"))
    restricted = BooleanField(_l("Only some readers of the catalog may read this article"))
    roles = _roles(_l("Roles"))
    departments = _multi(_l("Departments (with their sub-departments)"))
    users = _multi(_l("People"))
