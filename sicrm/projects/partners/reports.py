"""Win/loss figures over the presales projects a user may see, aggregated in SQL:
win rate overall, per competitor, industry and department; the price gap; the
reasons. Win rate = won / (won + lost); abandoned projects are counted apart."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select, union

from sicrm.core.models import Department, Organization
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.partners.models import ProjectCompetitor, WinLossAnalysis
from sicrm.projects.permissions import visible_filter

DECIDED = ("won", "lost", "abandoned")
#: rows per breakdown table (the largest first)
TOP = 20


@dataclass
class Filters:
    start: date | None = None
    end: date | None = None
    department_id: int | None = None
    industry: str | None = None


def _where(user, filters: Filters) -> list:
    conditions = [Project.kind == "presales", Project.status.in_(DECIDED), visible_filter(user)]
    if filters.start:
        conditions.append(Project.outcome_dt >= datetime.combine(filters.start, time()))
    if filters.end:
        conditions.append(Project.outcome_dt < datetime.combine(filters.end + timedelta(days=1),
                                                                time()))
    if filters.department_id:
        conditions.append(Project.department_id == filters.department_id)
    if filters.industry:
        conditions.append(Project.industry == filters.industry)
    return conditions


def _counts():
    return (func.sum(case((Project.status == "won", 1), else_=0)).label("won"),
            func.sum(case((Project.status == "lost", 1), else_=0)).label("lost"),
            func.sum(case((Project.status == "abandoned", 1), else_=0)).label("abandoned"),
            func.sum(case((Project.status == "won", Project.signed_amount),
                          else_=None)).label("won_amount"))


def _row(key, label, row) -> dict:
    won, lost, abandoned = int(row.won or 0), int(row.lost or 0), int(row.abandoned or 0)
    return {"key": key, "label": label, "won": won, "lost": lost, "abandoned": abandoned,
            "total": won + lost + abandoned, "won_amount": row.won_amount,
            "rate": round(100 * won / (won + lost), 1) if won + lost else None}


def overall(user, filters: Filters) -> dict:
    row = db.session.execute(select(*_counts()).where(*_where(user, filters))).one()
    return _row(None, "", row)


def by_industry(user, filters: Filters) -> list[dict]:
    rows = db.session.execute(
        select(Project.industry, *_counts()).where(*_where(user, filters))
        .group_by(Project.industry).order_by(func.count().desc()).limit(TOP)).all()
    return [_row(r.industry, r.industry, r) for r in rows]


def by_department(user, filters: Filters) -> list[dict]:
    rows = db.session.execute(
        select(Project.department_id, Department.name, *_counts())
        .outerjoin(Department, Department.id == Project.department_id)
        .where(*_where(user, filters))
        .group_by(Project.department_id, Department.name)
        .order_by(func.count().desc()).limit(TOP)).all()
    return [_row(r.department_id, r.name, r) for r in rows]


def by_competitor(user, filters: Filters) -> list[dict]:
    """Each organisation we met (linked as competitor or recorded as winner): our
    record on those projects and how often it took the project from us."""
    met = union(
        select(ProjectCompetitor.project_id.label("project_id"),
               ProjectCompetitor.organization_id.label("org_id")),
        select(Project.id.label("project_id"), Project.winner_id.label("org_id"))
        .where(Project.winner_id.is_not(None)),
    ).subquery()
    rows = db.session.execute(
        select(met.c.org_id, Organization.name, *_counts(),
               func.sum(case((Project.winner_id == met.c.org_id, 1), else_=0)).label("lost_to"))
        .select_from(met).join(Project, Project.id == met.c.project_id)
        .join(Organization, Organization.id == met.c.org_id)
        .where(*_where(user, filters))
        .group_by(met.c.org_id, Organization.name)
        .order_by(func.count().desc(), Organization.name).limit(TOP)).all()
    result = []
    for r in rows:
        item = _row(r.org_id, r.name, r)
        item["lost_to"] = int(r.lost_to or 0)
        result.append(item)
    return result


def price_gap(user, filters: Filters) -> dict:
    """On lost projects with both prices: how far above (or below) the winning price
    we were, on average, in money and in percent of the winning price."""
    gap = WinLossAnalysis.our_price - WinLossAnalysis.winning_price
    row = db.session.execute(
        select(func.count().label("count"), func.avg(gap).label("average"),
               func.avg(case((WinLossAnalysis.winning_price > 0,
                              100 * gap / WinLossAnalysis.winning_price),
                             else_=None)).label("percent"),
               func.sum(case((gap > 0, 1), else_=0)).label("dearer"),
               func.min(gap).label("lowest"), func.max(gap).label("highest"))
        .join(Project, Project.id == WinLossAnalysis.project_id)
        .where(*_where(user, filters), Project.status == "lost",
               WinLossAnalysis.our_price.is_not(None),
               WinLossAnalysis.winning_price.is_not(None))).one()
    return {"count": row.count or 0, "average": row.average,
            "percent": round(float(row.percent), 1) if row.percent is not None else None,
            "dearer": int(row.dearer or 0), "lowest": row.lowest, "highest": row.highest}


def reasons(user, filters: Filters, statuses: tuple[str, ...]) -> list[tuple[str, int]]:
    """(main reason, projects) for projects in `statuses`, most common first."""
    return [(r.outcome_reason, r.count) for r in db.session.execute(
        select(Project.outcome_reason, func.count().label("count"))
        .where(*_where(user, filters), Project.status.in_(statuses),
               Project.outcome_reason.is_not(None))
        .group_by(Project.outcome_reason).order_by(func.count().desc(), Project.outcome_reason)
    ).all()]
