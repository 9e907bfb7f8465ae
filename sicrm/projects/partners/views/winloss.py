"""The win/loss analysis after marking, the reasons administrators configure, and
the win/loss report."""
from __future__ import annotations

from datetime import date
from functools import partial

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from sicrm.core import permissions as CP
from sicrm.core.choices import INDUSTRIES, pairs
from sicrm.core.models import Organization
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import SAVED, arg_date, arg_int, commit_service
from sicrm.extensions import db
from sicrm.projects import charts
from sicrm.projects import queries as project_queries
from sicrm.projects.partners import permissions as P
from sicrm.projects.partners import queries, reasons, reports
from sicrm.projects.partners.forms import AnalysisForm, ReasonForm, reason_fields
from sicrm.projects.partners.services import winloss
from sicrm.projects.views.common import load_project, locale, to_project


@login_required
def analysis_edit(project_id: int):
    project = load_project(project_id, P.can_edit_analysis)
    analysis = queries.analysis(project)
    lang = locale()
    form = AnalysisForm(
        record=analysis, reason=project.outcome_reason, winner_id=project.winner_id,
        note=project.outcome_note,
        other_reasons=analysis.other_reasons if analysis else [],
        our_price=analysis.our_price if analysis else project.signed_amount,
        winning_price=analysis.winning_price if analysis else None)
    reason_fields(form, lang, project.outcome_reason,
                  analysis.other_reasons if analysis else ())
    form.winner_id.choices = pairs(db.session.execute(project_queries.competitors()).all())
    if form.validate_on_submit():
        action = partial(
            winloss.save_analysis, current_user, project, reason=form.reason.data,
            other_reasons=form.other_reasons.data,
            winner=db.session.get(Organization, form.winner_id.data)
            if form.winner_id.data else None,
            our_price=form.our_price.data, winning_price=form.winning_price.data,
            lessons=form.note.data)
        if commit_service(action, form, SAVED):
            return to_project(project, "partners")
    return render_template("partners/analysis_form.html", project=project, form=form)


# -- reasons ----------------------------------------------------------------------------


@login_required
def reason_list():
    CP.ensure(P.can_manage_reasons(current_user))
    form = ReasonForm()
    if form.validate_on_submit():
        action = partial(winloss.save_reason, current_user, form.code.data,
                         name_zh=form.name_zh.data, name_en=form.name_en.data,
                         position=form.position.data, active=form.active.data)
        if commit_service(action, form, SAVED):
            return redirect(url_for("partners.reason_list"))
    lang = locale()
    return render_template("partners/reasons.html", form=form,
                           rows=reasons.reason_rows(lang))


# -- report -----------------------------------------------------------------------------


def _date_arg(name: str) -> date | None:
    return arg_date(name)


def _industry_label(row) -> str:
    return str(INDUSTRIES.get(row["key"], row["key"] or "—"))


def _competitor_label(row) -> str:
    return row["label"]


def _department_label(row) -> str:
    return row["label"] or "—"


def _rate_chart(rows, label):
    return charts.bar_chart([(label(r), [r["rate"]], [f"{r['rate']}%" if r["rate"] is not None
                                                     else "—"]) for r in rows]) if rows else None


@login_required
def report():
    CP.ensure(P.can_see_reports(current_user))
    industry = request.args.get("industry") or None
    filters = reports.Filters(start=_date_arg("start"), end=_date_arg("end"),
                              department_id=arg_int("department"),
                              industry=industry if industry in INDUSTRIES else None)
    lang = locale()
    labels = reasons.reason_labels(lang)
    data = {
        "overall": reports.overall(current_user, filters),
        "competitors": reports.by_competitor(current_user, filters),
        "industries": reports.by_industry(current_user, filters),
        "departments": reports.by_department(current_user, filters),
        "gap": reports.price_gap(current_user, filters),
        "loss_reasons": reports.reasons(current_user, filters, ("lost", "abandoned")),
        "win_reasons": reports.reasons(current_user, filters, ("won",)),
    }
    chart = {
        "competitors": _rate_chart(data["competitors"], _competitor_label),
        "industries": _rate_chart(data["industries"], _industry_label),
        "departments": _rate_chart(data["departments"], _department_label),
        "loss_reasons": charts.bar_chart(
            [(labels.get(code, code), [count], [str(count)])
             for code, count in data["loss_reasons"]]) if data["loss_reasons"] else None,
    }
    return render_template(
        "partners/report.html", data=data, chart=chart, filters=filters, labels=labels,
        industries=INDUSTRIES, industry_label=_industry_label,
        competitor_label=_competitor_label, department_label=_department_label,
        departments=pairs(by_pinyin(db.session.execute(project_queries.departments()).all()),
                          ""))
