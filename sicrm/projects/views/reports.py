"""The pipeline board and the funnel summary."""
from __future__ import annotations

from datetime import date

from flask import render_template
from flask_login import current_user, login_required

from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import arg_date, arg_int
from sicrm.extensions import db
from sicrm.projects import charts, queries, reports
from sicrm.projects.views.common import locale


def _template_choice():
    """The templates to choose from and the chosen one (default: standard presales)."""
    templates = db.session.scalars(queries.templates_with_versions()).all()
    wanted = arg_int("template")
    chosen = next((t for t in templates if t.id == wanted), None) or queries.default_template(
        templates)
    version = queries.latest_version_of(chosen) if chosen else None
    return templates, chosen, (version.stages if version else [])


def _date_arg(name: str) -> date | None:
    return arg_date(name)


@login_required
def board():
    templates, chosen, stages = _template_choice()
    lang = locale()
    columns = []
    if chosen is not None:
        columns = reports.board_columns(stages, queries.board_rows(current_user, chosen), lang,
                                        date.today())
    return render_template("projects/board.html", templates=templates, chosen=chosen,
                           columns=columns, locale=lang, confirm=ConfirmForm(),
                           limit=reports.CARDS_PER_COLUMN)


@login_required
def funnel():
    templates, chosen, stages = _template_choice()
    lang = locale()
    args = {"department": arg_int("department"), "start": _date_arg("start"),
            "end": _date_arg("end")}
    rows, outcomes, chart_open, chart_conversion, chart_days = [], {}, None, None, None
    if chosen is not None:
        data = queries.funnel_data(current_user, chosen, args["department"], args["start"],
                                   args["end"])
        rows = reports.funnel_rows(stages, data, lang)
        outcomes = data["outcomes"]
        chart_open = charts.bar_chart(
            [(r["name"], [r["open"]], [str(r["open"])]) for r in rows])
        chart_conversion = charts.bar_chart(
            [(r["name"], [r["conversion"]], [f"{r['conversion']}%" if r["conversion"]
                                             is not None else "—"]) for r in rows[1:]])
        chart_days = charts.bar_chart(
            [(r["name"], [r["average"], r["std"]],
              [str(r["average"]) if r["average"] is not None else "—", str(r["std"])])
             for r in rows], series=2)
    return render_template(
        "projects/funnel.html", templates=templates, chosen=chosen, rows=rows,
        outcomes=outcomes, args=args, locale=lang,
        departments=pairs(by_pinyin(db.session.execute(queries.departments()).all()), ""),
        charts={"open": chart_open, "conversion": chart_conversion, "days": chart_days})
