"""Form submissions already made: a rendered form's one-time token, so the same form
sent twice (a double click, a reload of the POST) creates its record once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.core.models.base import utcnow
from sicrm.extensions import db


class FormSubmission(db.Model):
    __tablename__ = "form_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the hidden `submit_token` of the rendered form; unique, so two concurrent
    #: submissions of one form cannot both be accepted
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    #: where the first submission's answer sent the browser (its redirect), so a
    #: second submission ends up on the same page
    result_url: Mapped[str | None] = mapped_column(String(500))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
