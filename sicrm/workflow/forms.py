"""Forms of the workflow pages. They validate; they never write."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional, ValidationError

from sicrm.core.choices import INDUSTRIES, options
from sicrm.core.forms import RecordForm, int_or_none, length, required
from sicrm.templates_lib.roles import TEAM_ROLES

KIND_LABELS = {"presales": _l("Presales"), "implementation": _l("Implementation")}


class SubmitGateForm(FlaskForm):
    note = TextAreaField(_l("Note for the reviewers"), validators=[Optional(), length(2000)])


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=options(
        {"approve": _l("Approve"), "reject": _l("Reject")}), validators=[required()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), length(2000)])


class RoutingRuleForm(RecordForm):
    name = StringField(_l("Name"), validators=[required(), length(100)])
    position = IntegerField(_l("Order"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=9999)])
    active = BooleanField(_l("Active"), default=True)
    match_kind = SelectField(_l("Project kind"), choices=options(KIND_LABELS, _l("Any")),
                             validators=[Optional()])
    match_category = StringField(_l("Business category"), validators=[Optional(), length(100)])
    match_industry = SelectField(_l("Industry"), choices=options(INDUSTRIES, _l("Any")),
                                 validators=[Optional()])
    department_id = SelectField(_l("Owning department"), coerce=int_or_none,
                                validators=[Optional()])
    pm_mode = SelectField(_l("Project manager"), choices=options(
        {"head": _l("The department's head"), "user": _l("A named user")},
        _l("Keep the project manager chosen on the form")), validators=[Optional()])
    pm_user_id = SelectField(_l("Named project manager"), coerce=int_or_none,
                             validators=[Optional()])
    tasks = TextAreaField(
        _l("Tasks to add"), validators=[Optional(), length(5000)],
        description=_l("One per line: title | owner role | working days after the start, "
                       "e.g. “现场勘察 | engineer | 3”. Roles: %(roles)s",
                       roles=", ".join(TEAM_ROLES)))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_specs = []  # validate_tasks fills it; it does not run on an empty field

    def validate_tasks(self, field):
        """Each line: title | owner role | offset (role and offset may be left out)."""
        self.task_specs = []
        for number, line in enumerate((field.data or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            title, role = parts[0], (parts[1] if len(parts) > 1 and parts[1] else "pm")
            offset = parts[2] if len(parts) > 2 and parts[2] else "0"
            if (not title or len(title) > 200 or role not in TEAM_ROLES
                    or not re.fullmatch(r"[0-9]{1,4}", offset)):
                raise ValidationError(_l("Line %(n)d is not “title | role | days”.", n=number))
            self.task_specs.append({"title": title, "owner_role": role, "offset": int(offset)})

    @staticmethod
    def tasks_text(tasks) -> str:
        return "\n".join(f"{t['title']} | {t['owner_role']} | {t['offset']}" for t in tasks or [])
