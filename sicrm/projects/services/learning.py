"""Learning from history: how long each template stage really took, adopting that
into a new template version, and saving a finished project as a template."""
from __future__ import annotations

import copy
import statistics
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.audit import set_actor
from sicrm.core.calendar import WorkCalendar
from sicrm.core.errors import ServiceError
from sicrm.extensions import db
from sicrm.projects.models import (
    Milestone,
    Project,
    ProjectStage,
    RequiredDocument,
    Task,
)
from sicrm.projects.services import leftovers
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.templates_lib.services.templates import (
    create_template_from_definition,
    create_version_from_definition,
)


@dataclass
class StageHistory:
    key: str
    name: dict
    standard: int
    count: int
    median: float | None
    low: int | None  # shortest
    high: int | None  # longest
    q1: float | None
    q3: float | None

    @property
    def suggestion(self) -> int | None:
        return max(1, round(self.median)) if self.median is not None else None

    @property
    def differs(self) -> bool:
        return self.suggestion is not None and self.suggestion != self.standard


def _quartiles(values: list[int]) -> tuple[float, float]:
    if len(values) < 2:
        return float(values[0]), float(values[0])
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def stage_history(template: ProjectTemplate, version: TemplateVersion,
                  calendar: WorkCalendar | None = None) -> list[StageHistory]:
    """For each stage of `version`, the actual durations (working days, start and
    end included) of finished stages with the same key in projects made from any
    version of the template."""
    calendar = calendar or WorkCalendar()
    rows = db.session.execute(
        select(ProjectStage.key, ProjectStage.actual_start, ProjectStage.actual_end)
        .join(Project, Project.id == ProjectStage.project_id)
        .join(TemplateVersion, TemplateVersion.id == Project.template_version_id)
        .where(TemplateVersion.template_id == template.id, ProjectStage.status == "done",
               ProjectStage.actual_start.is_not(None), ProjectStage.actual_end.is_not(None))
    ).all()
    durations: dict[str, list[int]] = {}
    for key, start, end in rows:
        durations.setdefault(key, []).append(max(calendar.workdays_between(start, end), 1))
    history = []
    for stage in version.definition["stages"]:
        values = sorted(durations.get(stage["key"], []))
        q1, q3 = _quartiles(values) if values else (None, None)
        history.append(StageHistory(
            key=stage["key"], name=stage["name"], standard=stage["duration"],
            count=len(values), median=statistics.median(values) if values else None,
            low=values[0] if values else None, high=values[-1] if values else None,
            q1=q1, q3=q3))
    return history


def adopt_suggestions(actor, template: ProjectTemplate, version: TemplateVersion,
                      stage_keys: list[str]) -> TemplateVersion:
    """A new published version where the chosen stages take their median actual
    duration as the standard."""
    set_actor(actor)
    suggestions = {h.key: h for h in stage_history(template, version)}
    chosen = [key for key in stage_keys if key in suggestions and suggestions[key].differs]
    if not chosen:
        raise ServiceError(_l("Choose at least one stage whose duration should change."))
    definition = copy.deepcopy(version.definition)
    changes = []
    for stage in definition["stages"]:
        if stage["key"] in chosen:
            new = suggestions[stage["key"]].suggestion
            changes.append(f"{stage['name'].get('zh') or stage['key']}: "
                           f"{stage['duration']} → {new}")
            stage["duration"] = new
            for milestone in stage.get("milestones", []):
                milestone["offset"] = min(milestone["offset"], new)
    return create_version_from_definition(
        actor, template, definition,
        change_note=str(_l("Standard durations from project history: %(changes)s",
                           changes="; ".join(changes))))


def _names(zh: str, en: str = "") -> dict:
    return {"zh": zh, "en": en or ""}


def definition_from_project(project: Project, calendar: WorkCalendar | None = None) -> dict:
    """The project's stages, key tasks, milestones and required documents as a
    template definition; finished stages take their actual duration as standard."""
    calendar = calendar or WorkCalendar()
    source = {s["key"]: s for s in project.template_version.definition["stages"]}
    # what was cancelled with its stage or the project (not by hand) is kept
    kept_milestones, kept_tasks = leftovers.closed_ids(project)
    milestones = [m for m in db.session.scalars(select(Milestone).where(
        Milestone.project_id == project.id))
        if m.status != "cancelled" or m.id in kept_milestones]
    tasks = [t for t in db.session.scalars(select(Task).where(
        Task.project_id == project.id, Task.stage_id.is_not(None)))
        if t.status != "cancelled" or t.id in kept_tasks]
    documents = db.session.scalars(select(RequiredDocument).where(
        RequiredDocument.project_id == project.id)).all()
    stages = []
    for stage in project.stages:
        duration = stage.std_duration
        if stage.actual_start and stage.actual_end:
            duration = max(calendar.workdays_between(stage.actual_start, stage.actual_end), 1)
        original = source.get(stage.key, {})
        spec = {
            "key": stage.key, "name": _names(stage.name_zh, stage.name_en),
            "duration": duration, "gate": copy.deepcopy(stage.gate),
            "milestones": [
                {"key": m.key or f"m{m.id}", "name": _names(m.name),
                 "offset": min(m.offset, duration), "owner_role": m.owner_role or "pm"}
                for m in milestones if m.stage_id == stage.id],
            "tasks": [
                {"key": t.key or f"t{t.id}", "name": _names(t.title),
                 "owner_role": t.owner_role or "pm", "offset": 0, "after": None,
                 "duration": max(t.offset + 1, 1)}
                for t in tasks if t.stage_id == stage.id],
            "documents": [
                {"key": d.key or f"d{d.id}", "name": _names(d.name),
                 "description": d.description or "", "format_file_id": d.format_file_id,
                 "approver_roles": list(d.approver_roles or [])}
                for d in documents if d.stage_id == stage.id],
        }
        if not spec["gate"] and original.get("gate"):
            spec["gate"] = copy.deepcopy(original["gate"])
        stages.append(spec)
    return {"stages": stages}


def save_as_template(actor, project: Project, *, name_zh: str, name_en: str = "") -> ProjectTemplate:
    """A new template (draft v1) made from a finished project."""
    set_actor(actor)
    if project.is_open:
        raise ServiceError(_l("Only a finished project can be saved as a template."))
    source = project.template_version.template
    return create_template_from_definition(
        actor, name_zh=name_zh, name_en=name_en, kind=project.kind,
        industry=project.industry, category=project.category,
        description=str(_l("Made from project %(code)s.", code=project.code)),
        definition=definition_from_project(project), publish=False,
        change_note=str(_l("From project %(code)s (template %(name)s).", code=project.code,
                           name=source.name_zh)))
