"""WTForms classes for template pages. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional, Regexp

from sicrm.core.choices import INDUSTRIES, options
from sicrm.core.forms import MultiCheckboxField, RecordForm, length, required
from sicrm.templates_lib.choices import DOCUMENT_CATEGORY_LABELS, KIND_LABELS
from sicrm.templates_lib.definition import KEY_PATTERN, MAX_DAYS
from sicrm.templates_lib.roles import GATE_RULES, REVIEWER_ROLES, TEAM_ROLES


def key_field():
    return StringField(
        _l("Key"), validators=[Optional(), Regexp(
            KEY_PATTERN, message=_l("Use lower-case letters, digits, “-” and “_”, starting "
                                    "with a letter or digit."))],
        description=_l("Optional; made for you when left empty. Used to match versions."))


def days(label, minimum: int):
    return IntegerField(label, validators=[
        required() if minimum else Optional(),
        NumberRange(minimum, MAX_DAYS, message=_l("Please enter a number from %(min)s to "
                                                 "%(max)s.", min=minimum, max=MAX_DAYS))],
        default=minimum)


class _Names:
    name_zh = StringField(_l("Name (Chinese)"), validators=[required(), length(200)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), length(200)])


class TemplateForm(RecordForm):
    name_zh = _Names.name_zh
    name_en = _Names.name_en
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS))
    industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, ""),
                           validators=[Optional()])
    category = StringField(lazy_pgettext("business", "Category"), validators=[Optional(), length(100)],
                           description=_l("e.g. 安防, 数据中心, 智慧城市"))
    description = TextAreaField(_l("Description"), validators=[Optional(), length(5000)])


class PublishForm(FlaskForm):
    change_note = TextAreaField(_l("What changed"), validators=[required(), length(2000)])


class ImportForm(FlaskForm):
    file = FileField(_l("Template file (.json, .yaml, .yml)"), validators=[required()])


class NewStageForm(RecordForm):
    key = key_field()
    name_zh = _Names.name_zh
    name_en = _Names.name_en
    duration = days(_l("Standard duration (working days)"), 1)


class StageForm(RecordForm):
    name_zh = _Names.name_zh
    name_en = _Names.name_en
    duration = days(_l("Standard duration (working days)"), 1)
    gate_enabled = BooleanField(_l("This stage ends with a gate review"))
    gate_rule = SelectField(_l("Decision rule"), choices=options(GATE_RULES), default="all")
    reviewer_roles = MultiCheckboxField(_l("Reviewer roles"), choices=options(REVIEWER_ROLES))
    reviewer_users = MultiCheckboxField(_l("Named reviewers"), choices=[])
    checklist = TextAreaField(
        _l("Exit criteria"), validators=[Optional(), length(10000)],
        description=_l("One per line: Chinese text, optionally “|” and the English text."))


class TaskForm(RecordForm):
    key = key_field()
    name_zh = _Names.name_zh
    name_en = _Names.name_en
    owner_role = SelectField(_l("Owner role"), choices=options(TEAM_ROLES))
    after = SelectField(_l("Starts after task"), choices=[], validators=[Optional()])
    offset = days(_l("Offset (working days)"), 0)
    duration = days(_l("Duration (working days)"), 1)


class MilestoneForm(RecordForm):
    key = key_field()
    name_zh = _Names.name_zh
    name_en = _Names.name_en
    owner_role = SelectField(_l("Owner role"), choices=options(TEAM_ROLES, ""),
                             validators=[Optional()])
    offset = days(_l("Due (working days after the stage start)"), 0)


class DocumentForm(RecordForm):
    key = key_field()
    name_zh = _Names.name_zh
    name_en = _Names.name_en
    category = SelectField(_l("Document category"), choices=options(DOCUMENT_CATEGORY_LABELS),
                           default="other", validators=[Optional()],
                           description=_l("Gives the document's number its code "
                                          "(contract: CTR)."))
    description = TextAreaField(_l("Description"), validators=[Optional(), length(5000)])
    approver_roles = MultiCheckboxField(_l("Approved by"), choices=options(REVIEWER_ROLES))
    format_file = FileField(_l("Format template file"))
    remove_file = BooleanField(_l("Remove the format file"))


ITEM_FORMS = {"tasks": TaskForm, "milestones": MilestoneForm, "documents": DocumentForm}
