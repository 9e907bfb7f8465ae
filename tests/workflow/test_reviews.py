import io
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification, User
from sicrm.extensions import db as thread_db
from sicrm.projects.documents import services as documents
from sicrm.projects.models import ProjectEvent, RequiredDocument
from sicrm.projects.services.lifecycle import finish_stage
from sicrm.workflow.models import GateDecision, GateReview
from sicrm.workflow.services import reviews
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import PRESALES, make_project, make_version


@pytest.fixture
def people(db):
    sales_dept = make_department("销售部")
    manager = make_user("manager", roles=[R.DEPT_MANAGER], department=sales_dept)
    return {
        "seller": make_user("seller", roles=[R.SALES], department=sales_dept),
        "manager": manager,
        "head": make_user("head", roles=[R.SALES]),
        "ceo": make_user("ceo", roles=[R.EXECUTIVE]),
        "cfo": make_user("cfo", roles=[R.FINANCE]),
        "outsider": make_user("outsider", roles=[R.SALES]),
        "dept": sales_dept,
    }


def _gate_definition(rule, roles, users=()):
    stages = [dict(stage) for stage in PRESALES["stages"]]
    stages[1] = {**stages[1], "documents": [],
                 "gate": {"rule": rule, "reviewer_roles": list(roles),
                          "reviewer_users": list(users), "checklist": []}}
    return {"stages": stages}


def _at_gate(people, rule="all", roles=("dept_manager", "executive"), users=()):
    version = make_version(_gate_definition(rule, roles, users))
    project = make_project(people["seller"], version=version, start=date(2026, 3, 2))
    finish_stage(people["seller"], project, on=date(2026, 3, 3))
    return project


def test_submit_needs_documents_and_checklist(db, people):
    project = make_project(people["seller"], version=make_version(), start=date(2026, 3, 2))
    finish_stage(people["seller"], project, on=date(2026, 3, 3))
    with pytest.raises(ServiceError) as error:
        reviews.submit(people["seller"], project, checked=[0])
    assert "立项申请表" in str(error.value.message)
    document = db.session.scalar(select(RequiredDocument))
    version = documents.create_document(
        people["seller"], project, title=None, category="management", requirement=document,
        stream=io.BytesIO(b"%PDF-1.4"), filename="立项申请表.pdf", submit=True)
    with pytest.raises(ServiceError) as error:  # uploaded, but not approved yet
        reviews.submit(people["seller"], project, checked=[0])
    assert "立项申请表" in str(error.value.message)
    documents.decide(people["manager"], version, "approve", "同意")
    with pytest.raises(ServiceError) as error:
        reviews.submit(people["seller"], project, checked=[])
    assert error.value.field == "checklist"
    review = reviews.submit(people["seller"], project, checked=[0], note="请审批")
    assert review.status == "pending" and review.round == 1
    assert {r.user_id for r in review.reviewers} == {people["manager"].id}
    with pytest.raises(ServiceError):  # one pending review at a time
        reviews.submit(people["seller"], project, checked=[0])
    notified = db.session.scalars(select(Notification.user_id).where(
        Notification.kind == "gate_review_requested")).all()
    assert notified == [people["manager"].id]


def test_rule_all(db, people):
    project = _at_gate(people, "all")
    review = reviews.submit(people["seller"], project, checked=[])
    assert reviews.decide(people["manager"], review, "approve") == "pending"
    assert project.current_stage.key == "approval"
    assert reviews.decide(people["ceo"], review, "approve") == "approved"
    assert project.current_stage.key == "solution"
    kinds = db.session.scalars(select(ProjectEvent.kind).order_by(ProjectEvent.id)).all()
    assert kinds[-3:] == ["gate_submitted", "gate_approved", "stage_finished"]


def test_rule_all_rejected_by_one_keeps_the_stage_and_can_be_resubmitted(db, people):
    project = _at_gate(people, "all")
    review = reviews.submit(people["seller"], project, checked=[])
    with pytest.raises(ServiceError) as error:
        reviews.decide(people["ceo"], review, "reject", "")
    assert error.value.field == "comment"
    assert reviews.decide(people["ceo"], review, "reject", "预算不足") == "rejected"
    assert project.current_stage.key == "approval"
    with pytest.raises(ServiceError):  # decided already
        reviews.decide(people["manager"], review, "approve")
    again = reviews.submit(people["seller"], project, checked=[])
    assert again.round == 2
    rejected = db.session.scalar(select(Notification).where(Notification.kind == "gate_rejected"))
    assert rejected.params["reason"] == "预算不足" and rejected.user_id == people["seller"].id


def test_rule_any(db, people):
    project = _at_gate(people, "any", roles=("dept_manager", "executive", "finance"))
    review = reviews.submit(people["seller"], project, checked=[])
    assert reviews.decide(people["cfo"], review, "reject", "不同意") == "pending"
    assert reviews.decide(people["ceo"], review, "approve") == "approved"


def test_rule_majority(db, people):
    project = _at_gate(people, "majority", roles=("dept_manager", "executive", "finance"))
    review = reviews.submit(people["seller"], project, checked=[])
    assert reviews.decide(people["cfo"], review, "reject", "价格太低") == "pending"
    assert reviews.decide(people["ceo"], review, "reject", "风险高") == "rejected"


@pytest.mark.parametrize(("rule", "n", "approvals", "rejections", "result"), [
    ("all", 3, 3, 0, "approved"), ("all", 3, 2, 0, None), ("all", 3, 2, 1, "rejected"),
    ("any", 3, 1, 2, "approved"), ("any", 3, 0, 2, None), ("any", 3, 0, 3, "rejected"),
    ("majority", 4, 3, 0, "approved"), ("majority", 4, 2, 2, "rejected"),
    ("majority", 4, 2, 1, None), ("majority", 1, 1, 0, "approved"),
])
def test_outcome_table(rule, n, approvals, rejections, result):
    assert reviews.outcome(rule, n, approvals, rejections) == result


def test_non_reviewer_and_double_decision_are_refused(db, people):
    project = _at_gate(people, "all")
    review = reviews.submit(people["seller"], project, checked=[])
    with pytest.raises(ServiceError):
        reviews.decide(people["outsider"], review, "approve")
    reviews.decide(people["manager"], review, "approve")
    with pytest.raises(ServiceError):
        reviews.decide(people["manager"], review, "approve")
    assert db.session.scalar(select(func.count(GateDecision.id))) == 1


def test_named_reviewers_join_the_team_as_observers(db, people):
    project = _at_gate(people, "all", roles=(), users=("outsider",))
    reviews.submit(people["seller"], project, checked=[])
    roles = {m.user_id: m.role for m in project.members}
    assert roles[people["outsider"].id] == "observer"


def test_nobody_for_a_role_is_refused_clearly(db, people):
    project = _at_gate(people, "all", roles=("presales",))
    with pytest.raises(ServiceError) as error:
        reviews.submit(people["seller"], project, checked=[])
    assert "presales" in str(error.value.message)


def test_inbox(db, people):
    project = _at_gate(people, "all")
    review = reviews.submit(people["seller"], project, checked=[])
    assert db.session.scalars(reviews.inbox(people["ceo"])).all() == [review]
    reviews.decide(people["ceo"], review, "approve")
    assert db.session.scalars(reviews.inbox(people["ceo"])).all() == []
    assert db.session.scalars(reviews.inbox(people["manager"])).all() == [review]


def test_concurrent_approvals_pass_the_gate_once(app, db, people):
    """Two reviewers approve at the same moment in separate transactions: the gate
    passes once, the stage advances once, and no decision is lost or doubled."""
    project = _at_gate(people, "any")
    review = reviews.submit(people["seller"], project, checked=[])
    db.session.flush()
    review_id, ids = review.id, [people["manager"].id, people["ceo"].id]
    db.session.commit()  # and touch nothing until the threads are done
    barrier = threading.Barrier(2, timeout=30)
    results = []

    def approve(user_id):
        with app.app_context():
            barrier.wait()
            try:
                user = thread_db.session.get(User, user_id)
                target = thread_db.session.get(GateReview, review_id)
                results.append(reviews.decide(user, target, "approve"))
                thread_db.session.commit()
            except Exception as error:  # noqa: BLE001 - the loser may fail in several ways
                thread_db.session.rollback()
                results.append(type(error).__name__)

    threads = [threading.Thread(target=approve, args=(uid,)) for uid in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    passed = db.session.scalar(select(func.count(ProjectEvent.id)).where(
        ProjectEvent.kind == "gate_approved"))
    assert passed == 1, results
    assert results.count("approved") == 1
    assert db.session.get(GateReview, review_id).status == "approved"
    assert project.current_stage.key == "solution"
