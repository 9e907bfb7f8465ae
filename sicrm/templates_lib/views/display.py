"""What pages need to show a definition: labels, schedules, file and user names."""
from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import select

from sicrm.core.models import StoredFile, User
from sicrm.extensions import db
from sicrm.templates_lib.choices import ITEM_KIND_LABELS
from sicrm.templates_lib.definition import format_file_ids, task_schedule, text
from sicrm.templates_lib.roles import GATE_RULES, REVIEWER_ROLES, TEAM_ROLES


def name_text(names) -> str:
    """Jinja filter `tname`: a {"zh", "en"} name in the page's language."""
    return text(names, "en" if get_locale().language == "en" else "zh")


def definition_context(version) -> dict:
    definition = version.definition if version is not None else {"stages": []}
    ids = format_file_ids(definition)
    usernames = {u for stage in definition.get("stages", ())
                 for u in (stage.get("gate") or {}).get("reviewer_users", ())}
    files = {f.id: f for f in db.session.scalars(
        select(StoredFile).where(StoredFile.id.in_(ids)))} if ids else {}
    reviewers = dict(db.session.execute(select(User.username, User.full_name).where(
        User.username.in_(usernames))).all()) if usernames else {}
    return {
        "stages": definition.get("stages", []),
        "schedules": {stage["key"]: task_schedule(stage)
                      for stage in definition.get("stages", ())},
        "files": files,
        "reviewers": reviewers,
        "team_roles": TEAM_ROLES,
        "reviewer_roles": REVIEWER_ROLES,
        "gate_rules": GATE_RULES,
        "item_kinds": ITEM_KIND_LABELS,
        "total_days": sum(stage["duration"] for stage in definition.get("stages", ())),
    }
