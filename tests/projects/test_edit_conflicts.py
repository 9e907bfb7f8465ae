"""Lost updates and double submits on a project's records (milestones, expenses,
instalments): a save from a form opened before someone else's save is refused and
writes nothing; the same rendered form sent twice creates one record, two rendered
forms create two."""
from __future__ import annotations

import io
import re
import threading
from datetime import date, timedelta

import time_machine
from sqlalchemy import func, select

from sicrm.extensions import db as _db
from sicrm.projects.documents.models import DocumentVersion
from sicrm.projects.finance.models import Expense
from sicrm.projects.finance.services import costs
from sicrm.projects.models import Milestone
from sicrm.projects.services import lifecycle
from sicrm.projects.urls import project_path
from tests.fixtures.forms import rendered
from tests.fixtures.projects import make_project

STALE = "Someone else changed this record after you opened the form"
ALREADY = "already been sent"
YESTERDAY = date.today() - timedelta(days=1)


def _count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


@time_machine.travel(date(2026, 3, 11), tick=False)
def test_a_stale_milestone_save_is_refused_and_writes_nothing(login_as, people):
    project = make_project(people["seller"], start=date(2026, 3, 2), pm=people["pm"])
    milestone = project.stages[2].milestones[0]
    url = f"/projects/{project.id}/milestones/{milestone.id}/edit"
    seller, pm = login_as(people["seller"]), login_as(people["pm"])
    seller_form, pm_form = rendered(seller, url), rendered(pm, url)
    data = {"planned_date": "2026-03-18", "owner_id": str(people["pm"].id), "notes": ""}
    assert pm.post(url, data={**data, "name": "方案评审（PM）", **pm_form}).status_code == 302
    response = seller.post(url, data={**data, "name": "方案评审（销售）", "notes": "x",
                                      **seller_form})
    assert response.status_code == 200 and STALE in response.text
    _db.session.refresh(milestone)
    assert milestone.name == "方案评审（PM）" and milestone.notes in (None, "")


def _expense_form(fin, **fields):
    return {"category": "travel", "spent_on": YESTERDAY.isoformat(), "amount": "300",
            "description": "出差", "spent_by_id": str(fin["engineer"].id), **fields}


def test_a_stale_expense_save_is_refused(login_as, fin):
    project = fin["impl"]
    expense = costs.submit_expense(fin["engineer"], project, category="travel",
                                   spent_on=YESTERDAY, amount="300", description="出差",
                                   spent_by=fin["engineer"])
    url = f"/projects/{project.id}/finance/expenses/{expense.id}/edit"
    client = login_as(fin["engineer"])
    first, second = rendered(client, url), rendered(client, url)
    assert client.post(url, data={**_expense_form(fin, amount="320"), **first}).status_code \
        == 302
    response = client.post(url, data={**_expense_form(fin, amount="999"), **second})
    assert response.status_code == 200 and STALE in response.text
    _db.session.refresh(expense)
    assert str(expense.amount) == "320.00"


def test_the_same_expense_form_sent_twice_creates_one_expense(login_as, fin):
    project = fin["impl"]
    client = login_as(fin["engineer"])
    url = f"/projects/{project.id}/finance/expenses/new"
    form = rendered(client, url)
    first = client.post(url, data={**_expense_form(fin), **form})
    second = client.post(url, data={**_expense_form(fin), **form})
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    assert _count(Expense) == 1
    assert ALREADY in client.get(second.location).text
    # two forms rendered separately are two expenses
    assert client.post(url, data={**_expense_form(fin), **rendered(client, url)}) \
        .status_code == 302
    assert _count(Expense) == 2


def test_the_same_milestone_form_sent_twice_creates_one(login_as, people):
    project = make_project(people["seller"], start=date(2026, 3, 2), pm=people["pm"])
    client = login_as(people["pm"])
    url = f"/projects/{project.id}/milestones/new"
    form = rendered(client, url)
    data = {"stage_id": str(project.stages[2].id), "name": "样机到货",
            "planned_date": "2030-03-19", "owner_id": str(people["pm"].id), "notes": "",
            **form}
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code == 302
    assert _db.session.scalar(select(func.count(Milestone.id)).where(
        Milestone.name == "样机到货")) == 1


def test_the_same_form_sent_twice_at_the_same_moment_creates_one(app, login_as, fin):
    project = fin["impl"]
    url = f"/projects/{project.id}/finance/expenses/new"
    form = rendered(login_as(fin["engineer"]), url)
    clients = [login_as(fin["engineer"]) for _ in range(4)]
    data = {**_expense_form(fin), **form}
    _db.session.commit()  # the threads touch no object of this session
    start = threading.Barrier(len(clients))
    answers = []

    def send(client):
        with app.app_context():
            start.wait()
            answers.append(client.post(url, data=data).status_code)

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == [302] * len(clients)
    assert _count(Expense) == 1


def test_a_document_upload_sent_twice_is_one_document(login_as, people):
    project = make_project(people["seller"], start=date(2026, 3, 2))
    lifecycle.finish_stage(people["seller"], project, on=date(2026, 3, 3))
    requirement = project.current_stage.required_documents[0]
    client = login_as(people["seller"])
    page = client.get(project_path(project.id)).get_data(as_text=True)
    token = re.search(rf'name="submit_token" value="([^"]+-{requirement.id})"', page).group(1)

    def upload():
        return client.post(f"/projects/{project.id}/documents/new", data={
            "required_document_id": requirement.id, "category": "management", "note": "初稿",
            "submit_token": token, "file": (io.BytesIO("立项申请".encode()), "立项申请表.txt")},
            content_type="multipart/form-data")

    assert upload().status_code == upload().status_code == 302
    assert _count(DocumentVersion) == 1
