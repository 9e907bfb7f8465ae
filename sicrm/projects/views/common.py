"""Helpers the project views share: loading with permission checks, choices."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import get_locale
from flask_login import current_user

from sicrm.core import permissions as CP
from sicrm.core.choices import pairs
from sicrm.core.text import by_pinyin
from sicrm.core.views.helpers import commit_service, get_or_404
from sicrm.extensions import db
from sicrm.projects import permissions as P
from sicrm.projects import queries
from sicrm.projects.models import Project


def locale() -> str:
    return "en" if get_locale().language == "en" else "zh_CN"


def load_project(project_id: int, check=P.can_view) -> Project:
    """The project or 404; 403 unless `check(current_user, project)` allows."""
    project = get_or_404(Project, project_id)
    CP.ensure(check(current_user, project))
    return project


def load_part(model, object_id: int, project: Project):
    """A row that hangs on `project` (milestone, document…) or 404."""
    obj = get_or_404(model, object_id)
    if obj.project_id != project.id:
        abort(404)
    return obj


def user_choices(blank: str | None = "—"):
    """Active users, in pinyin order."""
    return pairs(by_pinyin(db.session.execute(queries.active_users()).all()), blank)


def pm_choices(keep_id: int | None = None, blank: str | None = "—"):
    """Who may be the PM (and the current one), in pinyin order."""
    return pairs(by_pinyin(db.session.execute(queries.pm_candidates(keep_id)).all()), blank)


def version_choices(kind: str | None = None):
    versions = db.session.scalars(queries.latest_versions(kind)).all()
    lang = locale()
    return pairs([(v.id, f"{v.template.name(lang)} · v{v.number}") for v in versions], "")


def only_choice(choices):
    """The value of the one real choice of a select (after its blank), else None: a
    form preselects it so it can be sent as it is shown."""
    real = [choice for choice in choices if choice.value not in ("", None)]
    return real[0].value if len(real) == 1 else None


def to_project(project: Project, tab: str | None = None):
    """Back to the project page, on `tab` (stages, team, documents…) when given."""
    return redirect(url_for("projects.project_view", project_id=project.id,
                            _anchor=f"tab-{tab}" if tab else None))


def flash_form_errors(form) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "danger")
    for error in form.form_errors:
        flash(error, "danger")


def run_action(form, action, success: str) -> bool:
    """Validate a small inline form, call the service, commit; flash either way."""
    if not form.validate_on_submit():
        flash_form_errors(form)
        return False
    return commit_service(action, success=success)
