"""Two people and one record, one person and two clicks.

- **Stale saves.** A `Versioned` record carries `row_version`; an edit form carries the
  version it started from (`RecordForm.row_version`). A save from an older version is
  refused with `StaleRecord` (nothing written), and SQLAlchemy's version counter makes
  the UPDATE itself match no row when another save slips in between the check and the
  flush (`StaleDataError`, turned into the same refusal by `commit_service`).
- **Double submits.** A form rendered from `RecordForm` carries a one-time
  `submit_token`; the first submission claims it in the same transaction as the
  record it creates (a unique row in `form_submissions`), a second one finds it
  claimed and is sent where the first one went, without creating anything."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, g
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from sicrm.core.errors import ServiceError
from sicrm.core.models import AuditLog, FormSubmission, User, Versioned, utcnow
from sicrm.extensions import db

#: the names of the hidden fields (sicrm.core.forms.RecordForm)
VERSION_FIELD = "row_version"
TOKEN_FIELD = "submit_token"


class StaleRecord(ServiceError):
    """The record was saved by someone else after this form was opened."""


def _last_change(record) -> str:
    """Who saved the record last and when, from the audit log, for the message."""
    if record is None or getattr(record, "id", None) is None:
        return ""
    entry = db.session.execute(
        select(AuditLog.created_dt, User.full_name)
        .outerjoin(User, User.id == AuditLog.actor_id)
        .where(AuditLog.object_type == type(record).__name__,
               AuditLog.object_id == record.id)
        .order_by(AuditLog.id.desc()).limit(1)
    ).first()
    if entry is None:
        return ""
    when = format_datetime(entry.created_dt, "short")
    return str(_l("Last saved by %(name)s at %(when)s.", name=entry.full_name or "—",
                  when=when))


def stale_error(record) -> StaleRecord:
    return StaleRecord(_l(
        "Someone else changed this record after you opened the form. Nothing was saved: "
        "reload the page to see their changes, then apply yours again. %(last)s",
        last=_last_change(record)))


def expect_version(record, submitted) -> None:
    """Refuse a save made from another version than the record's current one; then
    make the coming UPDATE check that version too (a save in between fails it).
    `submitted` None or empty (a form without the field) checks nothing."""
    if record is None or not isinstance(record, Versioned) or submitted in (None, ""):
        return
    try:
        version = int(submitted)
    except (TypeError, ValueError):
        raise stale_error(record) from None
    if version != record.row_version:
        raise stale_error(record)
    set_committed_value(record, "row_version", version)


def fingerprint(records) -> str:
    """One version for a form that edits several records at once (a project's budget
    lines): their ids and versions."""
    return ",".join(f"{record.id}:{record.row_version}"
                    for record in sorted(records, key=lambda r: r.id))


def expect_fingerprint(submitted, records) -> None:
    """Like `expect_version` for a form over several records (`fingerprint`)."""
    if submitted not in (None, "") and submitted != fingerprint(records):
        raise stale_error(None)


def claim_submission(token: str | None, user) -> FormSubmission | None:
    """Claim a rendered form's token in the current transaction. None when this is
    its first submission (the claim commits with the action and is undone with it);
    else the earlier submission, and the caller must not act again."""
    if not token:
        return None
    token = str(token)[:64]
    if g.get("_sicrm_claimed_token") == token:  # this request claimed it already
        return None
    earlier = db.session.scalar(select(FormSubmission).where(FormSubmission.token == token))
    if earlier is not None:
        return earlier
    claim = FormSubmission(token=token, user_id=getattr(user, "id", None))
    try:
        with db.session.begin_nested():  # a concurrent twin commits first: unique key
            db.session.add(claim)
    except IntegrityError:
        return db.session.scalar(select(FormSubmission).where(FormSubmission.token == token))
    g._sicrm_submission_id, g._sicrm_claimed_token = claim.id, token
    return None


def record_result(response) -> None:
    """After a claimed submission's answer: remember where it sent the browser, so its
    twin goes there too (a small write of its own, after the action's commit)."""
    submission_id = g.pop("_sicrm_submission_id", None)
    if submission_id is None or not response.location or response.status_code not in (
            301, 302, 303):
        return
    try:
        db.session.rollback()
        claim = db.session.get(FormSubmission, submission_id)
        if claim is not None:  # gone when the action was rolled back
            claim.result_url = response.location[:500]
            db.session.commit()
    except Exception:  # noqa: BLE001 (a lost URL only sends the twin elsewhere)
        db.session.rollback()


def forget_old_submissions() -> int:
    """The scheduler's round: claimed tokens older than SICRM_SUBMISSION_KEEP_DAYS
    are removed (a form sent again after that is taken as new)."""
    since = utcnow() - timedelta(days=current_app.config["SICRM_SUBMISSION_KEEP_DAYS"])
    removed = db.session.execute(
        delete(FormSubmission).where(FormSubmission.created_dt < since)).rowcount
    db.session.commit()
    return removed
