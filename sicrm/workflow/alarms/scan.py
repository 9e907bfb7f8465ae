"""The alarm scan: what is due now, raised once.

One scan looks at the open milestones and tasks of active stages (task_alarms.py;
a stage not started yet is covered by the current stage's overrun alarm, and a
finished stage's leftovers are cancelled with it), active stages and pending gate
reviews, works out
which reminders and escalation levels are due today (in working days, on the
company's calendar) and raises each as an Alarm row with its deliveries, in-app
notifications and outbox messages — one transaction per alarm. The unique keys of
Alarm (subject, kind, level, due date) and AlarmDelivery (alarm, user, repeat) make it
exactly-once: a scan run twice, two schedulers at once or a scan killed half-way and
restarted deliver each thing once. A scan does not depend on when the previous one
ran, so after an outage the next scan sends what became due, once.

The alarm day starts at SICRM_ALARM_HOUR (08:00) local time: nothing is sent at
midnight, and late alarms count working days, so a weekend or a public holiday does
not escalate."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.exc import IntegrityError

from sicrm.core import notifications
from sicrm.core.calendar import WorkCalendar
from sicrm.core.models import User, utcnow
from sicrm.extensions import db, reading
from sicrm.projects.finance.queries import overdue_instalments
from sicrm.projects.models import OPEN_STATUSES, Milestone, Project, ProjectStage
from sicrm.templates_lib.models import TemplateVersion
from sicrm.workflow.alarms import digest, task_alarms
from sicrm.workflow.alarms.messages import KIND_LABELS
from sicrm.workflow.alarms.policy import PolicyBook, Rules
from sicrm.workflow.alarms.recipients import Directory
from sicrm.workflow.delivery.services import webhooks
from sicrm.workflow.models import (
    Alarm,
    AlarmDelivery,
    GateDecision,
    GateReview,
    GateReviewer,
)

log = logging.getLogger(__name__)

#: alarm statuses that still matter (not resolved)
LIVE = Alarm.LIVE


def local_now(moment: datetime) -> datetime:
    """A naive UTC time in the company's time zone."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)


def alarm_day(now: datetime) -> date:
    """The company's date for alarms at `now` (naive UTC): local date, with the day
    starting at SICRM_ALARM_HOUR."""
    return (local_now(now) - timedelta(hours=current_app.config["SICRM_ALARM_HOUR"])).date()


def local_date(moment: datetime) -> date:
    return local_now(moment).date()


class WorkdayIndex:
    """Counts working days between two dates for the scan. The calendar's per-year
    tables make each count O(years); `start`/`end` are kept for callers that name the
    range they expect (dates outside it are counted all the same)."""

    def __init__(self, calendar: WorkCalendar, start: date, end: date):
        self.calendar, self.start, self.end = calendar, start, end

    def after(self, first: date, last: date) -> int:
        """Working days d with first < d <= last (0 when last <= first)."""
        if last <= first:
            return 0
        return self.calendar.workdays_between(first + timedelta(days=1), last)


@dataclass
class Due:
    """One reminder or escalation level due now (or one repeat of it)."""

    subject_type: str
    subject_id: int
    kind: str
    level: int
    due_date: date
    project_id: int
    recipients: tuple
    days: int
    names: tuple[str, str]   # subject name in Chinese and English
    pm_id: int | None
    department_id: int | None
    owner_id: int | None = None
    reviewer_ids: tuple = ()
    repeat_days: int | None = None

    @property
    def key(self):
        return (self.subject_type, self.subject_id, self.kind, self.level, self.due_date)


@dataclass
class ScanResult:
    raised: int = 0
    repeated: int = 0
    delivered: int = 0
    resolved: int = 0
    skipped: int = 0
    digests: int = 0
    errors: list = field(default_factory=list)


def _levels_reached(levels, days_late: int, offset: int = 0):
    """Escalation levels whose "after" has been reached: a level with after=A is due
    on the (offset+A+1)-th working day late."""
    return [(index, recipients) for index, (after, recipients) in enumerate(levels)
            if days_late >= offset + after + 1]


def collect(today: date, book: PolicyBook, calendar: WorkCalendar) -> list[Due]:
    """Everything due on `today`, read in a few queries (none per row)."""
    horizon = calendar.add_workdays(today, book.max_reminder_offset() + 1)
    milestones = db.session.execute(
        select(Milestone.id, Milestone.name, Milestone.planned_date, Milestone.owner_id,
               Milestone.project_id, ProjectStage.key, Project.pm_id, Project.department_id,
               TemplateVersion.template_id)
        .join(ProjectStage, ProjectStage.id == Milestone.stage_id)
        .join(Project, Project.id == Milestone.project_id)
        .join(TemplateVersion, TemplateVersion.id == Project.template_version_id)
        .where(Milestone.status == "open", Project.status.in_(OPEN_STATUSES),
               ProjectStage.status == "active", Milestone.planned_date <= horizon)).all()
    stages = db.session.execute(
        select(ProjectStage.id, ProjectStage.name_zh, ProjectStage.name_en,
               ProjectStage.planned_end, ProjectStage.key, Project.id, Project.pm_id,
               Project.department_id, TemplateVersion.template_id)
        .join(Project, Project.id == ProjectStage.project_id)
        .join(TemplateVersion, TemplateVersion.id == Project.template_version_id)
        .where(ProjectStage.status == "active", Project.status.in_(OPEN_STATUSES),
               ProjectStage.planned_end < today)).all()
    reviews = db.session.execute(
        select(GateReview.id, GateReview.submitted_dt, ProjectStage.name_zh,
               ProjectStage.name_en, ProjectStage.key, Project.id, Project.pm_id,
               Project.department_id, TemplateVersion.template_id)
        .join(ProjectStage, ProjectStage.id == GateReview.stage_id)
        .join(Project, Project.id == GateReview.project_id)
        .join(TemplateVersion, TemplateVersion.id == Project.template_version_id)
        .where(GateReview.status == "pending", Project.status.in_(OPEN_STATUSES))).all()
    undecided: dict[int, list[int]] = {}
    if reviews:
        decided = exists().where(GateDecision.review_id == GateReviewer.review_id,
                                 GateDecision.reviewer_id == GateReviewer.user_id)
        for review_id, user_id in db.session.execute(
                select(GateReviewer.review_id, GateReviewer.user_id)
                .join(GateReview, GateReview.id == GateReviewer.review_id)
                .where(GateReview.status == "pending", ~decided)
                .order_by(GateReviewer.review_id, GateReviewer.user_id)):
            undecided.setdefault(review_id, []).append(user_id)

    tasks = task_alarms.rows(horizon)
    earliest = min([row.planned_date for row in milestones]
                   + [row.planned_end for row in stages] + [row.due_date for row in tasks]
                   + [local_date(row.submitted_dt) for row in reviews] + [today])
    index = WorkdayIndex(calendar, earliest, max(horizon, today))
    dues: list[Due] = []
    for (mid, name, planned, owner_id, project_id, stage_key, pm_id, dept_id,
         template_id) in milestones:
        rules: Rules = book.rules(template_id, stage_key)
        common = dict(subject_type="milestone", subject_id=mid, due_date=planned,
                      project_id=project_id, names=(name, name), pm_id=pm_id,
                      department_id=dept_id, owner_id=owner_id, repeat_days=rules.repeat_days)
        if planned >= today:
            remaining = index.after(today, planned)
            offsets = [n for n in rules.reminder_offsets if remaining <= n]
            if offsets:
                dues.append(Due(kind="reminder", level=min(offsets), recipients=("owner",),
                                days=remaining, **{**common, "repeat_days": None}))
            continue
        late = index.after(planned, today)
        for level, recipients in _levels_reached(rules.milestone_escalation, late):
            dues.append(Due(kind="overdue", level=level, recipients=recipients, days=late,
                            **common))
    for (sid, name_zh, name_en, planned_end, stage_key, project_id, pm_id, dept_id,
         template_id) in stages:
        rules = book.rules(template_id, stage_key)
        late = index.after(planned_end, today)
        for level, recipients in _levels_reached(rules.stage_escalation, late):
            dues.append(Due("stage", sid, "stage_overrun", level, planned_end, project_id,
                            recipients, late, (name_zh, name_en), pm_id, dept_id,
                            repeat_days=rules.repeat_days))
    for (rid, submitted, name_zh, name_en, stage_key, project_id, pm_id, dept_id,
         template_id) in reviews:
        rules = book.rules(template_id, stage_key)
        if rules.review_pending_days is None:
            continue
        since = local_date(submitted)
        waited = index.after(since, today)
        for level, recipients in _levels_reached(rules.review_escalation, waited,
                                                 rules.review_pending_days - 1):
            dues.append(Due("review", rid, "review_pending", level, since, project_id,
                            recipients, waited, (name_zh, name_en), pm_id, dept_id,
                            reviewer_ids=tuple(undecided.get(rid, ())),
                            repeat_days=rules.repeat_days))
    dues.extend(task_alarms.dues(tasks, today, book, index, Due, _levels_reached))
    dues.extend(_receivables(today, index))
    return dues


#: overdue receivables: who hears, level by level (working days late)
RECEIVABLE_ESCALATION = ((0, ("pm", "finance")), (5, ("pm_manager",)), (10, ("executive",)))


def _receivables(today: date, index: WorkdayIndex) -> list[Due]:
    """Instalments of the payment plan past their due date and not fully received."""
    overdue = overdue_instalments(today)
    if not overdue:
        return []
    projects = {pid: (pm_id, dept_id) for pid, pm_id, dept_id in db.session.execute(
        select(Project.id, Project.pm_id, Project.department_id).where(
            Project.id.in_({row.project_id for row in overdue})))}
    dues = []
    for row in overdue:
        late = index.after(row.due_date, today)
        pm_id, dept_id = projects.get(row.project_id, (None, None))
        for level, recipients in _levels_reached(RECEIVABLE_ESCALATION, late):
            dues.append(Due("instalment", row.id, "receivable", level, row.due_date,
                            row.project_id, recipients, late, (row.name, row.name), pm_id,
                            dept_id))
    return dues


def resolve_receivables(dues: list[Due], now: datetime) -> int:
    """Receivable alarms whose instalment was paid, re-dated or removed."""
    still = {(due.subject_id, due.due_date) for due in dues if due.subject_type == "instalment"}
    stale = [alarm_id for alarm_id, subject_id, due_date in db.session.execute(
        select(Alarm.id, Alarm.subject_id, Alarm.due_date).where(
            Alarm.subject_type == "instalment", Alarm.status.in_(LIVE)))
        if (subject_id, due_date) not in still]
    if stale:
        db.session.execute(update(Alarm).where(Alarm.id.in_(stale)).values(
            status="resolved", resolved_dt=now).execution_options(synchronize_session=False))
    return len(stale)


def resolve_stale(today: date, now: datetime) -> int:
    """Resolve live alarms whose subject is done, re-planned, decided or closed, and
    reminders whose day has passed (the overdue alarm takes over)."""
    count = 0
    milestone_alive = exists().where(
        Milestone.id == Alarm.subject_id, Milestone.status == "open",
        Milestone.planned_date == Alarm.due_date,
        Milestone.stage_id.in_(select(ProjectStage.id).where(ProjectStage.status == "active")),
        Milestone.project_id.in_(select(Project.id).where(Project.status.in_(OPEN_STATUSES))))
    stage_alive = exists().where(
        ProjectStage.id == Alarm.subject_id, ProjectStage.status == "active",
        ProjectStage.planned_end == Alarm.due_date,
        ProjectStage.project_id.in_(
            select(Project.id).where(Project.status.in_(OPEN_STATUSES))))
    review_alive = exists().where(GateReview.id == Alarm.subject_id,
                                  GateReview.status == "pending")
    stale = or_(
        and_(Alarm.subject_type == "milestone", ~milestone_alive),
        and_(Alarm.subject_type == "milestone", Alarm.kind == "reminder",
             Alarm.due_date < today),
        and_(Alarm.subject_type == "stage", ~stage_alive),
        and_(Alarm.subject_type == "review", ~review_alive),
        task_alarms.stale_condition(Alarm, today),
    )
    count += db.session.execute(
        update(Alarm).where(Alarm.status.in_(LIVE), stale)
        .values(status="resolved", resolved_dt=now).execution_options(
            synchronize_session=False)).rowcount
    db.session.execute(
        update(Alarm).where(Alarm.status == "snoozed", Alarm.snoozed_until <= today)
        .values(status="open", snoozed_until=None).execution_options(
            synchronize_session=False))
    db.session.commit()
    return count


def scan(now: datetime | None = None, calendar: WorkCalendar | None = None) -> ScanResult:
    """Raise and deliver what is due at `now` (naive UTC). Commits per alarm."""
    now = now or utcnow()
    today = alarm_day(now)
    result = ScanResult()
    result.resolved = resolve_stale(today, now)
    # collecting only reads: on SQLite its transaction does not take the write lock,
    # so web requests keep writing while a big scan reads
    db.session.rollback()
    with reading():
        calendar = calendar or WorkCalendar()
        book = PolicyBook()
        dues = collect(today, book, calendar)
        existing, delivered, paused = _known(dues, today)
        directory = Directory()
        db.session.rollback()  # end the reading transaction before writing unit by unit
    result.resolved += resolve_receivables(dues, now)
    db.session.commit()
    index = WorkdayIndex(calendar, today - timedelta(days=400), today)
    for due in dues:
        subject = (due.subject_type, due.subject_id)
        if subject in paused:
            result.skipped += 1
            continue
        known = existing.get(due.key)
        if known is None:
            _unit(result, lambda: _raise(due, now, directory), "raised")
            continue
        alarm_id, status, raised_dt = known
        if status != "open" or not due.repeat_days:
            continue
        repeat = index.after(alarm_day(raised_dt), today) // due.repeat_days
        if repeat >= 1 and (alarm_id, repeat) not in delivered:
            _unit(result, lambda: _deliver(db.session.get(Alarm, alarm_id), due, repeat,
                                           directory, now), "repeated")
    try:
        result.digests = digest.send_digests(today, now)
    except Exception as error:  # noqa: BLE001 — the next scan makes them
        db.session.rollback()
        log.exception("alarm digests: %s", error)
        result.errors.append(str(error))
    return result


def _known(dues: list[Due], today: date):
    """Alarms already raised for the subjects in `dues`, the (alarm, repeat) pairs
    delivered, and the subjects paused by a snooze."""
    existing, delivered, paused = {}, set(), set()
    by_type: dict[str, set[int]] = {}
    for due in dues:
        by_type.setdefault(due.subject_type, set()).add(due.subject_id)
    if not dues:
        return existing, delivered, paused
    earliest = min(due.due_date for due in dues)
    rows = db.session.execute(
        select(Alarm.id, Alarm.subject_type, Alarm.subject_id, Alarm.kind, Alarm.level,
               Alarm.due_date, Alarm.status, Alarm.raised_dt, Alarm.snoozed_until)
        .where(Alarm.due_date >= earliest, Alarm.subject_type.in_(list(by_type)))).all()
    live_ids = []
    for row in rows:
        if row.subject_id not in by_type.get(row.subject_type, ()):
            continue
        existing[(row.subject_type, row.subject_id, row.kind, row.level, row.due_date)] = (
            row.id, row.status, row.raised_dt)
        if row.status == "snoozed" and row.snoozed_until and row.snoozed_until > today:
            paused.add((row.subject_type, row.subject_id))
        if row.status == "open":
            live_ids.append(row.id)
    if live_ids:
        delivered = set(map(tuple, db.session.execute(
            select(AlarmDelivery.alarm_id, AlarmDelivery.repeat).distinct()
            .join(Alarm, Alarm.id == AlarmDelivery.alarm_id)
            .where(Alarm.status == "open", Alarm.due_date >= earliest))))
    return existing, delivered, paused


def _unit(result: ScanResult, work, counter: str) -> None:
    """One alarm (or repeat) in its own transaction: all of it, or none of it."""
    try:
        sent = work()
        db.session.commit()
    except IntegrityError:
        # another scheduler raised or delivered it first: exactly once holds
        db.session.rollback()
        result.skipped += 1
        return
    except Exception as error:  # noqa: BLE001 — one bad subject must not stop the scan
        db.session.rollback()
        log.exception("alarm scan: %s", error)
        result.errors.append(str(error))
        return
    setattr(result, counter, getattr(result, counter) + 1)
    result.delivered += sent


def _raise(due: Due, now: datetime, directory: Directory) -> int:
    alarm = Alarm(subject_type=due.subject_type, subject_id=due.subject_id, kind=due.kind,
                  level=due.level, project_id=due.project_id, due_date=due.due_date,
                  status="open", raised_dt=now)
    db.session.add(alarm)
    db.session.flush()
    sent = _deliver(alarm, due, 0, directory, now)
    if due.kind != "reminder":
        _to_webhooks(alarm, due)
    return sent


def _deliver(alarm: Alarm, due: Due, repeat: int, directory: Directory,
             now: datetime | None = None) -> int:
    """Deliveries, notifications and outbox rows for one alarm (or its repeat) to the
    recipients its level names now. The delivery rows come first, so that a second
    scheduler doing the same fails on their unique key before anything else. An
    escalation (a level above the first) gets no notification of its own: it goes
    into its recipients' daily digest (digest.py)."""
    now = now or utcnow()
    user_ids = directory.resolve(due.recipients, pm_id=due.pm_id,
                                 department_id=due.department_id, owner_id=due.owner_id,
                                 reviewer_ids=due.reviewer_ids)
    users = [user for user in (db.session.get(User, uid) for uid in user_ids)
             if user is not None and user.active]
    for user in users:
        db.session.add(AlarmDelivery(alarm_id=alarm.id, user_id=user.id, repeat=repeat,
                                     created_dt=now))
    db.session.flush()
    if digest.is_escalation(due.kind, due.level):
        return len(users)
    project = db.session.get(Project, due.project_id)
    for user in users:
        english = (user.locale or "").startswith("en")
        notifications.notify(
            [user], f"alarm_{due.kind}", alarm_path(alarm.id), alarm_id=alarm.id,
            subject=due.names[1] if english else due.names[0],
            project=f"{project.code} {project.name}", due=due.due_date.isoformat(),
            days=due.days, level=due.level + 1, repeat=repeat)
    return len(users)


def _to_webhooks(alarm: Alarm, due: Due) -> None:
    """The project's and its department's group robots hear every escalation level."""
    project = db.session.get(Project, due.project_id)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        message = notifications.KINDS[f"alarm_{due.kind}"]
        text = str(message) % {
            "subject": due.names[0], "project": f"{project.code} {project.name}",
            "due": due.due_date.isoformat(), "days": due.days, "level": due.level + 1}
        title = str(KIND_LABELS[due.kind])
    webhooks.queue_for_project(project, title, text, url=alarm_path(alarm.id),
                               dedupe_key=f"alarm:{alarm.id}")


def alarm_path(alarm_id: int) -> str:
    return f"/alarms/{alarm_id}"
