"""Alarm policies: when to remind a milestone's owner and whom to alarm, level by
level, when a milestone is overdue, a stage runs past its standard duration or a
gate review stays pending. The company default applies unless a template (all its
stages, or one stage) has its own policy.

Escalation levels are lists of {"after": working days, "recipients": [...]};
recipients are roles resolved when sending (see RECIPIENT_ROLES) or "user:NAME"."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.workflow.models import AlarmPolicy

RECIPIENT_ROLES = {
    "owner": _l("Owner (milestone owner; the PM for a stage; the pending reviewers)"),
    "pm": _l("The project's PM"),
    "reviewers": _l("Reviewers who have not decided yet"),
    "pm_manager": _l("The PM's department manager"),
    "dept_manager": _l("The manager of the project's department"),
    "dept_head_above": _l("The department head above the PM's manager"),
    "executive": _l("Executives"),
    "finance": _l("Finance"),
}
USER_PREFIX = "user:"
MAX_LEVELS = 6
MAX_DAYS = 250

#: used while an administrator has not saved a company default
BUILTIN = {
    "reminder_offsets": [5, 1],
    "milestone_escalation": [
        {"after": 0, "recipients": ["owner", "pm"]},
        {"after": 3, "recipients": ["pm_manager"]},
        {"after": 7, "recipients": ["dept_head_above", "executive"]},
    ],
    "stage_escalation": [
        {"after": 0, "recipients": ["pm"]},
        {"after": 5, "recipients": ["pm_manager"]},
        {"after": 10, "recipients": ["dept_head_above"]},
    ],
    "review_pending_days": 3,
    "review_escalation": [
        {"after": 0, "recipients": ["reviewers"]},
        {"after": 3, "recipients": ["pm_manager"]},
    ],
    "repeat_days": 2,
}
ESCALATIONS = ("milestone_escalation", "stage_escalation", "review_escalation")


@dataclass(frozen=True)
class Rules:
    """The policy that applies to one stage of one project."""

    reminder_offsets: tuple[int, ...] = ()
    milestone_escalation: tuple = ()
    stage_escalation: tuple = ()
    review_pending_days: int | None = None
    review_escalation: tuple = ()
    repeat_days: int | None = None
    source: str = field(default="builtin", compare=False)

    @classmethod
    def of(cls, data: dict, source: str) -> Rules:
        return cls(
            reminder_offsets=tuple(sorted(set(data.get("reminder_offsets") or ()),
                                          reverse=True)),
            milestone_escalation=tuple(_levels(data.get("milestone_escalation"))),
            stage_escalation=tuple(_levels(data.get("stage_escalation"))),
            review_pending_days=data.get("review_pending_days"),
            review_escalation=tuple(_levels(data.get("review_escalation"))),
            repeat_days=data.get("repeat_days"),
            source=source,
        )


def _levels(levels) -> list[tuple[int, tuple[str, ...]]]:
    return [(int(level["after"]), tuple(level["recipients"])) for level in levels or ()]


class PolicyBook:
    """Every active policy, loaded once; answers which rules apply to a stage."""

    def __init__(self, policies: list[AlarmPolicy] | None = None):
        if policies is None:
            policies = db.session.scalars(
                select(AlarmPolicy).where(AlarmPolicy.active.is_(True))).all()
        self._by_key = {(p.template_id, p.stage_key): Rules.of(_policy_data(p), str(p.id))
                        for p in policies}
        self.default = self._by_key.get((None, None)) or Rules.of(BUILTIN, "builtin")

    def rules(self, template_id: int | None, stage_key: str | None) -> Rules:
        return (self._by_key.get((template_id, stage_key))
                or self._by_key.get((template_id, None))
                or self.default)

    def max_reminder_offset(self) -> int:
        offsets = [max(r.reminder_offsets) for r in self._all() if r.reminder_offsets]
        return max(offsets, default=0)

    def _all(self):
        return [*self._by_key.values(), self.default]


def _policy_data(policy: AlarmPolicy) -> dict:
    return {key: getattr(policy, key) for key in (
        "reminder_offsets", "review_pending_days", "repeat_days", *ESCALATIONS)}


# --- editing -----------------------------------------------------------------------


def parse_offsets(text: str) -> list[int]:
    """"5, 1" → [5, 1]; refuses anything but whole numbers of 0 or more."""
    offsets = []
    for part in (text or "").replace("，", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        try:
            value = int(part)
        except ValueError:
            value = -1
        if value < 0 or value > MAX_DAYS:
            raise ServiceError(_l("Reminder offsets are whole numbers of working days "
                                  "from 0 to %(max)d: “%(value)s” is not one.",
                                  max=MAX_DAYS, value=part.strip()), "reminder_offsets")
        offsets.append(value)
    return sorted(set(offsets), reverse=True)


def parse_levels(text: str, field_name: str) -> list[dict]:
    """One level per line, "DAYS: recipient, recipient" → [{"after", "recipients"}]."""
    levels = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        days, separator, names = line.replace("：", ":").partition(":")
        if not separator:
            raise ServiceError(_l("Line %(line)d: write the days overdue, a colon and the "
                                  "recipients, e.g. “3: pm_manager”.", line=number), field_name)
        try:
            after = int(days)
        except ValueError:
            after = -1
        recipients = [name.strip() for name in names.replace("，", ",").split(",")
                      if name.strip()]
        levels.append({"after": after, "recipients": recipients, "line": number})
    return levels


def format_levels(levels) -> str:
    return "\n".join(f"{level['after']}: {', '.join(level['recipients'])}"
                     for level in levels or ())


def _check_levels(levels: list[dict], field_name: str) -> list[dict]:
    if len(levels) > MAX_LEVELS:
        raise ServiceError(_l("At most %(max)d levels.", max=MAX_LEVELS), field_name)
    checked, previous = [], -1
    for index, level in enumerate(levels, start=1):
        line = level.get("line", index)
        after = level.get("after")
        if not isinstance(after, int) or after < 0 or after > MAX_DAYS:
            raise ServiceError(_l("Line %(line)d: the days overdue must be a whole number "
                                  "from 0 to %(max)d.", line=line, max=MAX_DAYS), field_name)
        if after <= previous:
            raise ServiceError(_l("Line %(line)d: each level must come more days after the "
                                  "one before it.", line=line), field_name)
        previous = after
        recipients = list(dict.fromkeys(level.get("recipients") or ()))
        if not recipients:
            raise ServiceError(_l("Line %(line)d: name at least one recipient.", line=line),
                               field_name)
        for name in recipients:
            _check_recipient(name, line, field_name)
        checked.append({"after": after, "recipients": recipients})
    return checked


def _check_recipient(name: str, line: int, field_name: str) -> None:
    if name in RECIPIENT_ROLES:
        return
    if name.startswith(USER_PREFIX):
        username = name[len(USER_PREFIX):]
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            raise ServiceError(_l("Line %(line)d: there is no active user “%(name)s”.",
                                  line=line, name=username), field_name)
        return
    raise ServiceError(_l("Line %(line)d: unknown recipient “%(name)s”. Use one of "
                          "%(roles)s, or user:USERNAME.", line=line, name=name,
                          roles=", ".join(RECIPIENT_ROLES)), field_name)


def stage_keys(template_id: int) -> list[str]:
    """The stage keys found in any version of a template."""
    keys: dict[str, None] = {}
    for definition in db.session.scalars(
            select(TemplateVersion.definition).where(TemplateVersion.template_id == template_id)):
        for stage in (definition or {}).get("stages", []):
            keys.setdefault(stage.get("key"), None)
    return [key for key in keys if key]


def validate(data: dict) -> dict:
    """Check a policy's fields (escalations given as parsed levels) and return the
    values to store."""
    name = (data.get("name") or "").strip()
    if not name:
        raise ServiceError(_l("A name is required."), "name")
    template_id = data.get("template_id") or None
    stage_key = (data.get("stage_key") or "").strip() or None
    if template_id is not None and db.session.get(ProjectTemplate, template_id) is None:
        raise ServiceError(_l("Please choose a value from the list."), "template_id")
    if stage_key and template_id is None:
        raise ServiceError(_l("A stage policy needs its template."), "template_id")
    if stage_key and stage_key not in stage_keys(template_id):
        raise ServiceError(_l("The template has no stage “%(key)s”.", key=stage_key),
                           "stage_key")
    offsets = data.get("reminder_offsets") or []
    if any(not isinstance(value, int) or value < 0 or value > MAX_DAYS for value in offsets):
        raise ServiceError(_l("Reminder offsets are whole numbers of working days from 0 to "
                              "%(max)d: “%(value)s” is not one.", max=MAX_DAYS,
                              value=", ".join(map(str, offsets))), "reminder_offsets")
    values = {"name": name[:100], "template_id": template_id, "stage_key": stage_key,
              "reminder_offsets": sorted(set(offsets), reverse=True),
              "active": bool(data.get("active", True))}
    for key in ESCALATIONS:
        values[key] = _check_levels(data.get(key) or [], key)
    if not values["milestone_escalation"]:
        raise ServiceError(_l("Name who is alarmed when a milestone is overdue."),
                           "milestone_escalation")
    for key in ("review_pending_days", "repeat_days"):
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or value < 1 or value > MAX_DAYS):
            raise ServiceError(_l("Enter a whole number of working days from 1 to %(max)d.",
                                  max=MAX_DAYS), key)
        values[key] = value
    if values["review_escalation"] and values["review_pending_days"] is None:
        raise ServiceError(_l("Say after how many working days a pending review alarms."),
                           "review_pending_days")
    return values


def save_policy(actor, data: dict, policy: AlarmPolicy | None = None) -> AlarmPolicy:
    values = validate(data)
    clash = db.session.scalar(select(AlarmPolicy.id).where(
        AlarmPolicy.template_id.is_(None) if values["template_id"] is None
        else AlarmPolicy.template_id == values["template_id"],
        AlarmPolicy.stage_key.is_(None) if values["stage_key"] is None
        else AlarmPolicy.stage_key == values["stage_key"]))
    if clash is not None and (policy is None or clash != policy.id):
        raise ServiceError(_l("A policy for this template and stage exists already; "
                              "edit that one."), "stage_key")
    set_actor(actor)
    if policy is None:
        policy = AlarmPolicy()
        db.session.add(policy)
    for key, value in values.items():
        setattr(policy, key, value)
    db.session.flush()
    return policy


def delete_policy(actor, policy: AlarmPolicy) -> None:
    set_actor(actor)
    db.session.delete(policy)
    db.session.flush()
