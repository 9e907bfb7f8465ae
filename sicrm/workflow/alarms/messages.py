"""The notification kinds alarms raise, rendered in each reader's language."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from sicrm.core import i18n, notifications
from sicrm.projects import history

KIND_LABELS = {
    "reminder": _l("Milestone reminder"),
    "overdue": _l("Overdue milestone"),
    "stage_overrun": _l("Stage past its standard duration"),
    "review_pending": _l("Gate review pending too long"),
    "receivable": _l("Overdue receivable"),
    "task_reminder": _l("Task reminder"),
    "task_overdue": _l("Overdue task"),
}
SUBJECT_LABELS = {"milestone": _l("Milestone"), "stage": _l("Stage"),
                  "review": _l("Gate review"), "instalment": _l("Instalment"),
                  "task": _l("Task")}
#: kinds whose level counts working days before the due date (not an escalation step)
REMINDER_KINDS = frozenset({"reminder", "task_reminder"})


def level_label(alarm) -> str:
    """What an alarm's level means, in words: a reminder's lead time or an escalation
    step, with the date it counts from."""
    due = i18n.date(alarm.due_date, "medium")
    if alarm.kind in REMINDER_KINDS:
        return _("Reminder %(days)s working day(s) before the due date (%(due)s)",
                 days=alarm.level, due=due)
    return _("Escalation level %(level)s (due %(due)s)", level=alarm.level + 1, due=due)


STATUS_LABELS = {"open": lazy_pgettext("alarm", "Open"), "acknowledged": _l("Acknowledged"),
                 "snoozed": _l("Snoozed"), "resolved": _l("Resolved")}

notifications.register_kind(
    "alarm_reminder",
    _l("Reminder: milestone “%(subject)s” of %(project)s is due on %(due)s."),
    _l("Milestone reminders"))
notifications.register_kind(
    "alarm_overdue",
    _l("Alarm level %(level)s: milestone “%(subject)s” of %(project)s was due on %(due)s "
       "and is %(days)s working day(s) late."),
    _l("Overdue milestones"))
notifications.register_kind(
    "alarm_stage_overrun",
    _l("Alarm level %(level)s: stage “%(subject)s” of %(project)s should have ended on "
       "%(due)s and has run %(days)s working day(s) past its standard duration."),
    _l("Stages past their standard duration"))
notifications.register_kind(
    "alarm_review_pending",
    _l("Alarm level %(level)s: the gate review of stage “%(subject)s” of %(project)s has "
       "been pending since %(due)s (%(days)s working day(s))."),
    _l("Gate reviews pending too long"))
notifications.register_kind(
    "alarm_receivable",
    _l("Alarm level %(level)s: the instalment “%(subject)s” of %(project)s was due on "
       "%(due)s and is not fully received, %(days)s working day(s) late."),
    _l("Overdue receivables"))
notifications.register_kind(
    "alarm_task_reminder",
    _l("Reminder: task “%(subject)s” of %(project)s is due on %(due)s."),
    _l("Task reminders"))
notifications.register_kind(
    "alarm_task_overdue",
    _l("Alarm level %(level)s: task “%(subject)s” of %(project)s was due on %(due)s "
       "and is %(days)s working day(s) late."),
    _l("Overdue tasks"))

history.MESSAGES.update({
    "alarm_acknowledged": _l("Acknowledged an alarm (level %(level)s): %(note)s"),
    "alarm_snoozed": _l("Snoozed an alarm (level %(level)s) until %(until)s: %(note)s"),
    "reminder_acknowledged": _l("Acknowledged the reminder %(days)s working day(s) before the "
                                "due date: %(note)s"),
    "reminder_snoozed": _l("Snoozed the reminder %(days)s working day(s) before the due date "
                           "until %(until)s: %(note)s"),
})
