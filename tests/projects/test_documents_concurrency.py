"""Two people upload a new version of the same document at the same moment (and
two the first document of one requirement): every upload ends up as a version,
numbered in order, nothing overwritten. Runs on SQLite and, with --db=postgresql,
on PostgreSQL."""
import io
import threading
from datetime import date

from sqlalchemy import select

from sicrm.core.models import User
from sicrm.extensions import db as thread_db
from sicrm.projects.documents import services
from sicrm.projects.documents.models import DocumentVersion, ProjectDocument
from sicrm.projects.models import RequiredDocument
from sicrm.projects.services import lifecycle
from tests.fixtures.projects import make_project


def _race(app, work, count=2):
    """Run `work(index)` in `count` threads released together, each in its own app
    context and transaction; return what each returned or the error's name."""
    barrier = threading.Barrier(count, timeout=30)
    results = [None] * count

    def run(index):
        with app.app_context():
            barrier.wait()
            try:
                results[index] = work(index)
                thread_db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported in the assertion
                thread_db.session.rollback()
                results[index] = f"{type(error).__name__}: {error}"
            finally:
                thread_db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_concurrent_new_versions_both_land_in_order(app, db, people):
    seller = people["seller"]
    project = make_project(seller)
    first = services.create_document(seller, project, title="实施方案", category="technical",
                                     stream=io.BytesIO(b"v1"), filename="plan.txt")
    document_id, user_ids = first.document_id, [seller.id, people["manager"].id]
    db.session.commit()

    def upload(index):
        user = thread_db.session.get(User, user_ids[index])
        document = thread_db.session.get(ProjectDocument, document_id)
        version = services.add_version(user, document, io.BytesIO(f"v{index}".encode() * 50),
                                       f"plan-{index}.txt", note=f"修改 {index}")
        return version.number

    results = _race(app, upload)
    assert sorted(results) == [2, 3], results
    db.session.expire_all()
    versions = db.session.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == document_id).order_by(DocumentVersion.number)).all()
    assert [v.number for v in versions] == [1, 2, 3]
    assert {v.note for v in versions[1:]} == {"修改 0", "修改 1"}
    assert len({v.sha256 for v in versions}) == 3  # nothing overwritten


def test_concurrent_first_uploads_for_a_requirement_share_one_document(app, db, people):
    seller = people["seller"]
    project = make_project(seller, start=date(2026, 3, 2))
    lifecycle.finish_stage(seller, project, on=date(2026, 3, 3))
    requirement_id, project_id = project.current_stage.required_documents[0].id, project.id
    user_ids = [seller.id, people["manager"].id]
    db.session.commit()

    def upload(index):
        user = thread_db.session.get(User, user_ids[index])
        requirement = thread_db.session.get(RequiredDocument, requirement_id)
        version = services.create_document(
            user, requirement.stage.project, title=None, category="management",
            requirement=requirement, stream=io.BytesIO(f"form {index}".encode()),
            filename="立项申请表.txt")
        return version.number

    results = _race(app, upload)
    assert sorted(results) == [1, 2], results
    db.session.expire_all()
    documents = db.session.scalars(select(ProjectDocument).where(
        ProjectDocument.project_id == project_id)).all()
    assert len(documents) == 1 and len(documents[0].versions) == 2
