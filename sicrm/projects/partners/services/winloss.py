"""The win/loss analysis of a presales project: filled when it is marked won, lost or
abandoned, and edited afterwards. The main reason, the winner and the lessons learned
live on the project (outcome_reason, winner_id, outcome_note); the further reasons and
the prices in WinLossAnalysis."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Organization
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.partners import reasons
from sicrm.projects.partners.models import OutcomeReason, WinLossAnalysis
from sicrm.projects.partners.permissions import CLOSED_PRESALES
from sicrm.projects.partners.services.common import amount, text
from sicrm.projects.partners.services.partners import carry_partners
from sicrm.projects.services import events, lifecycle

#: what an analysis holds (the keyword arguments of save_analysis besides the project)
FIELDS = ("reason", "other_reasons", "winner", "our_price", "winning_price", "lessons")


def analysis_of(project: Project) -> WinLossAnalysis | None:
    return db.session.scalar(select(WinLossAnalysis).where(
        WinLossAnalysis.project_id == project.id))


def save_analysis(actor, project: Project, *, reason: str | None, other_reasons=(),
                  winner: Organization | None = None, our_price=None, winning_price=None,
                  lessons: str | None = None) -> WinLossAnalysis:
    """Write (or rewrite) the analysis of a won, lost or abandoned presales project."""
    set_actor(actor)
    if project.kind != "presales" or project.status not in CLOSED_PRESALES:
        raise ServiceError(_l("Only a won, lost or abandoned presales project has a "
                              "win/loss analysis."))
    kept = project.outcome_reason
    if not reasons.is_offered(reason, kept):
        raise ServiceError(_l("Please choose a reason."), "reason")
    others = []
    for code in other_reasons or ():
        if code == reason or code in others:
            continue
        if not reasons.is_offered(code, code if code in _stored_others(project) else None):
            raise ServiceError(_l("Unknown reason: %(reason)s", reason=code), "other_reasons")
        others.append(code)
    if project.status == "won":
        if winner is not None:
            raise ServiceError(_l("We won this project: leave “Won by” empty."), "winner_id")
    elif winner is not None and winner.id == project.customer_id:
        raise ServiceError(_l("The customer cannot have won its own project."), "winner_id")
    ours = amount(our_price, "our_price")
    winning = amount(winning_price, "winning_price")
    if project.status == "won":
        ours = ours if ours is not None else project.signed_amount
        winning = ours
    analysis = analysis_of(project)
    if analysis is None:
        analysis = WinLossAnalysis(project_id=project.id)
        db.session.add(analysis)
    analysis.other_reasons = others
    analysis.our_price = ours
    analysis.winning_price = winning
    analysis.updated_by_id = getattr(actor, "id", None)
    project.outcome_reason = reason
    project.winner_id = winner.id if winner is not None else None
    project.outcome_note = text(lessons, 5000, "note")
    events.record(project, "analysis_saved", actor, reason=reason,
                  winner=winner.name if winner else None)
    db.session.flush()
    return analysis


def _stored_others(project: Project) -> list[str]:
    analysis = analysis_of(project)
    return list(analysis.other_reasons or []) if analysis else []


def record_loss(actor, project: Project, *, status: str, reason: str,
                winner: Organization | None = None, note: str | None = None,
                other_reasons=(), our_price=None, winning_price=None) -> WinLossAnalysis:
    """Mark the project lost or abandoned and write its analysis, in one go."""
    lifecycle.mark_lost(actor, project, status=status, reason=reason, winner=winner, note=note)
    return save_analysis(actor, project, reason=reason, other_reasons=other_reasons,
                         winner=winner, our_price=our_price, winning_price=winning_price,
                         lessons=note)


def record_win(actor, project: Project, *, reason: str | None = None, other_reasons=(),
               lessons: str | None = None, our_price=None, **won) -> Project:
    """Mark the project won (lifecycle.mark_won's arguments in `won`), carry its
    partners onto the implementation project and, when a reason is given, write its
    analysis. Returns the implementation project."""
    if reason and not reasons.is_offered(reason):
        raise ServiceError(_l("Please choose a reason."), "reason")
    amount(our_price, "our_price")
    implementation = lifecycle.mark_won(actor, project, **won)
    carry_partners(actor, project, implementation)
    if reason:
        save_analysis(actor, project, reason=reason, other_reasons=other_reasons,
                      our_price=our_price, lessons=lessons)
    return implementation


# -- reasons (administrators) ---------------------------------------------------------


def save_reason(actor, code: str, *, name_zh: str, name_en: str | None = None,
                position: int = 100, active: bool = True) -> OutcomeReason:
    """Add a reason or change one (a built-in reason gets its row on first change)."""
    set_actor(actor)
    code = (code or "").strip().lower()
    if not code or len(code) > 32 or not code.replace("_", "").isalnum() or not code.isascii():
        raise ServiceError(_l("The code is up to 32 letters, digits or underscores."), "code")
    name_zh = text(name_zh, 100, "name_zh")
    if not name_zh:
        raise ServiceError(_l("A name is required."), "name_zh")
    if position is None or not 0 <= position <= 10_000:
        raise ServiceError(_l("The position is a number from 0 to 10000."), "position")
    row = db.session.scalar(select(OutcomeReason).where(OutcomeReason.code == code))
    if row is None:
        row = OutcomeReason(code=code)
        db.session.add(row)
    row.name_zh = name_zh
    row.name_en = text(name_en, 100, "name_en")
    row.position = position
    row.active = bool(active)
    db.session.flush()
    if not reasons.reason_choices("zh_CN"):
        raise ServiceError(_l("At least one reason must stay offered."), "active")
    return row
