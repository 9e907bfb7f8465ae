"""Notifications naming a project (a document or gate of it) are told without its
names to a reader who may no longer see the project."""
import io
from datetime import date

from flask import g
from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core.models import Notification
from sicrm.extensions import db as _db
from sicrm.projects.documents import services as documents
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_department
from tests.fixtures.projects import make_project


def test_a_document_notification_hides_a_project_no_longer_seen(db, people):
    project = make_project(people["seller"], start=date(2026, 3, 2))
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 3))
    requirement = project.current_stage.required_documents[0]
    documents.create_document(people["seller"], project, title=None, category="management",
                              stream=io.BytesIO(b"x"), filename="立项申请表.txt",
                              requirement=requirement, submit=True)
    note = _db.session.scalar(select(Notification).where(
        Notification.user_id == people["manager"].id,
        Notification.kind == "document_review_requested"))
    assert project.code in notifications.text(note)
    project.department_id = make_department("别的部门").id  # out of the manager's reach
    _db.session.flush()
    g.pop("_sicrm_managed", None)
    text = notifications.text(note)
    assert project.code not in text and "立项申请表" not in text
    assert text == "A document of a project you may no longer see awaits your approval."
