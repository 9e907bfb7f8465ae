"""Two people, one record; one person, two clicks (organisations and contacts).

A save from a form opened before someone else's save is refused, with a message that
says so, and writes nothing; the same rendered form sent twice creates one record."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from sicrm.core import concurrency, jobs
from sicrm.core import roles as R
from sicrm.core.models import Contact, FormSubmission, Organization, utcnow
from tests.fixtures.factories import make_contact, make_org, make_user
from tests.fixtures.forms import rendered

STALE = "Someone else changed this record after you opened the form"


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def _org_form(org, owner, **fields):
    return {"name": org.name, "kinds": ["customer"], "industry": "finance",
            "owner_id": owner.id, **fields}


def test_a_stale_organisation_save_is_refused_and_writes_nothing(login_as, db, sales):
    colleague = make_user("colleague", full_name="周同事", roles=[R.ADMIN])
    org = make_org("上海并发测试有限公司", owner=sales, industry="finance")
    alice, bob = login_as(sales), login_as(colleague)
    url = f"/organizations/{org.id}/edit"
    alice_form, bob_form = rendered(alice, url), rendered(bob, url)
    assert alice_form["row_version"] == "1"
    assert alice.post(url, data={**_org_form(org, sales, city="上海"),
                                 **alice_form}).status_code == 302
    response = bob.post(url, data={**_org_form(org, sales, city="北京"), **bob_form})
    assert response.status_code == 200
    assert STALE in response.text
    assert f"Last saved by {sales.full_name}" in response.text  # who changed it
    db.session.refresh(org)
    assert org.city == "上海" and org.row_version == 2
    # reloaded, Bob's save goes through
    response = bob.post(url, data={**_org_form(org, sales, city="北京"), **rendered(bob, url)})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.city == "北京"


def test_a_stale_contact_save_is_refused(login_as, db, sales):
    org = make_org(owner=sales)
    contact = make_contact(org, "王芳")
    client = login_as(sales)
    url = f"/contacts/{contact.id}/edit"
    first, second = rendered(client, url), rendered(client, url)  # two tabs
    data = {"name": "王芳", "relationship_strength": "3"}
    assert client.post(url, data={**data, "title": "主任", **first}).status_code == 302
    response = client.post(url, data={**data, "title": "处长", **second})
    assert response.status_code == 200 and STALE in response.text
    db.session.refresh(contact)
    assert contact.title == "主任"


def test_the_same_organisation_form_sent_twice_creates_one(login_as, db, sales):
    client = login_as(sales)
    form = rendered(client, "/organizations/new")
    assert form["submit_token"] and "row_version" in form
    data = {"name": "北京双击科技有限公司", "kinds": ["customer"], **form}
    first = client.post("/organizations/new", data=data)
    second = client.post("/organizations/new", data=data)
    assert first.status_code == second.status_code == 302
    assert second.location == first.location  # to the organisation made the first time
    assert _count(db, Organization) == 1
    page = client.get(second.location).text
    assert "already been sent" in page


def test_a_refused_submission_can_be_corrected_and_sent_again(login_as, db, sales):
    client = login_as(sales)
    form = rendered(client, "/organizations/new")
    bad = client.post("/organizations/new", data={"name": "", "kinds": ["customer"], **form})
    assert bad.status_code == 200
    good = client.post("/organizations/new", data={"name": "广州改正科技有限公司",
                                                   "kinds": ["customer"], **form})
    assert good.status_code == 302 and _count(db, Organization) == 1


def test_old_form_tokens_are_forgotten_by_the_scheduler(app, db, sales):
    old = FormSubmission(token="old", user_id=sales.id,
                         created_dt=utcnow() - timedelta(
                             days=app.config["SICRM_SUBMISSION_KEEP_DAYS"] + 1))
    db.session.add_all([old, FormSubmission(token="new", user_id=sales.id)])
    db.session.commit()
    assert "sicrm.form_submissions_cleanup" in jobs.REGISTRY
    assert concurrency.forget_old_submissions() == 1
    assert db.session.scalars(select(FormSubmission.token)).all() == ["new"]
