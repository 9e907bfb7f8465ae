"""The project pages through the test client: create, page, actions."""
from datetime import date, timedelta
from io import BytesIO

from flask import url_for
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.projects.models import Milestone, Project, ProjectMember, RequiredDocument
from sicrm.projects.services import lifecycle
from sicrm.projects.urls import project_path
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import IMPLEMENTATION, make_project, make_version
from tests.fixtures.queries import count_queries


def _count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


def test_project_page_path_matches_the_notification_links(app):
    with app.test_request_context():
        assert url_for("projects.project_view", project_id=42) == project_path(42)


def _create_form(version, customer, **fields):
    return {"template_version_id": str(version.id), "customer_id": str(customer.id),
            "name": "北京某局数据中心项目", "start_date": "2030-01-07", "amount": "1200000",
            "win_probability": "40", "expected_sign_date": "2030-06-30",
            "industry": "government", "category": "数据中心", **fields}


def test_create_project(login_as, db, people):
    version, customer = make_version(), make_org("北京某局")
    seller, engineer = people["seller"], people["engineer"]
    client = login_as(seller)
    page = client.get("/projects/new")
    assert "Test template · v1".encode() in page.data and "北京某局".encode() in page.data
    response = client.post("/projects/new", data=_create_form(
        version, customer, pm_id=str(people["pm"].id),
        **{"members-0-user_id": str(engineer.id), "members-0-role": "engineer"}))
    assert response.status_code == 302
    project = db.session.scalar(select(Project))
    assert response.location == project_path(project.id)
    assert (project.name, project.amount, project.win_probability) == (
        "北京某局数据中心项目", 1200000, 40)
    assert project.pm_id == people["pm"].id and project.category == "数据中心"
    roles = {m.user_id: m.role for m in project.members}
    assert roles == {seller.id: "sales", engineer.id: "engineer", people["pm"].id: "pm"}
    page = client.get(response.location)
    assert project.code.encode() in page.data and "¥1,200,000.00".encode() in page.data


def test_create_accepts_amounts_as_people_write_them(login_as, db, people):
    version, customer = make_version(), make_org("北京某局")
    client = login_as(people["seller"])
    for typed, name in (("120万", "万元项目"), ("1.2亿", "亿元项目"), ("1 200 000", "空格项目"),
                        ("１，２００，０００", "全角项目")):
        response = client.post("/projects/new", data=_create_form(version, customer,
                                                                  amount=typed, name=name))
        assert response.status_code == 302, typed
    page = client.get("/projects/new").data.decode()
    amount_input = page[page.index('name="amount"') - 200:page.index('name="amount"') + 200]
    assert 'type="text"' in amount_input and 'inputmode="decimal"' in amount_input
    amounts = dict(db.session.execute(select(Project.name, Project.amount)).all())
    assert amounts == {"万元项目": 1200000, "亿元项目": 120000000, "空格项目": 1200000,
                       "全角项目": 1200000}


def test_create_refuses_bad_input_and_keeps_it(login_as, db, people):
    version, customer = make_version(), make_org("北京某局")
    draft = make_version(status="draft", name="草稿模板")
    client = login_as(people["seller"])
    cases = [
        ({"amount": "-5"}, b"The amount must be between 0"),
        ({"amount": "lots"}, b"Please enter an amount, such as 1,200,000"),
        ({"amount": "1e309"}, b"Please enter an amount, such as 1,200,000"),
        ({"amount": "99999999999999999999"}, b"The amount must be between 0"),
        ({"start_date": "0001-01-01"}, b"Please enter a date between 2000-01-01"),
        ({"win_probability": "120"}, b"percentage from 0 to 100"),
        ({"name": ""}, b"This field is required."),
        ({"start_date": "2030-13-45"}, b"Not a valid date value"),
        ({"template_version_id": str(draft.id)}, b"Not a valid choice"),
        ({"members-0-user_id": str(people["engineer"].id), "members-0-role": "boss"},
         b"Not a valid choice"),
    ]
    for change, message in cases:
        response = client.post("/projects/new", data=_create_form(version, customer, **change))
        assert response.status_code == 200, change
        assert message in response.data, change
        assert "category\" type=\"text\" value=\"数据中心".encode() in response.data or \
            'value="数据中心"'.encode() in response.data
    assert _count(Project) == 0


def test_create_is_refused_to_engineers(login_as, people):
    assert login_as(people["engineer"]).get("/projects/new").status_code == 403


def test_page_shows_overview_and_timeline_with_late_work_in_red(login_as, db, people):
    seller = people["seller"]
    start = date.today() - timedelta(days=40)  # the lead stage (5 days) is long overdue
    project = make_project(seller, start=start, amount="350000", win_probability=60,
                           customer=make_org("某客户"))
    response = login_as(seller).get(project_path(project.id))
    html = response.data.decode()
    assert response.status_code == 200
    assert f'href="/organizations/{project.customer_id}"' in html
    assert "¥350,000.00" in html and "60%" in html and project.code in html
    assert '<svg id="timeline"' in html
    assert 'class="actual late"' in html and "#dc3545" in html  # the lead stage is late
    assert "milestone milestone-late" in html  # first visit not done
    assert 'class="today"' in html
    assert html.count('class="planned"') == 5
    assert 'id="finish-stage"' in html  # lead has no gate
    assert 'id="mark-won"' not in html  # gates not passed


def test_finishing_a_stage_and_the_history_in_both_languages(login_as, db, people):
    seller = people["seller"]
    project = make_project(seller, start=date.today() - timedelta(days=10))
    client = login_as(seller)
    response = client.post(f"/projects/{project.id}/stage/finish")
    assert response.status_code == 302
    _db.session.expire_all()
    assert [s.status for s in project.stages[:2]] == ["done", "active"]
    page = client.get(project_path(project.id)).data.decode()
    assert "Finished the stage “Lead”." in page
    assert 'id="finish-stage"' not in page  # the approval ends in a gate
    # a gate stage is not finished from here
    client.post(f"/projects/{project.id}/stage/finish")
    _db.session.expire_all()
    assert project.current_stage.key == "approval"
    seller.locale = "zh_CN"
    page = client.get(project_path(project.id)).data.decode()
    assert "线索" in page


def test_milestone_marked_done_by_its_owner(login_as, db, people):
    seller = people["seller"]
    project = make_project(seller, start=date(2030, 1, 7))
    milestone = _db.session.scalar(select(Milestone).where(Milestone.key == "first_visit"))
    assert login_as(people["outsider"]).post(
        f"/projects/{project.id}/milestones/{milestone.id}/done").status_code == 403
    response = login_as(seller).post(f"/projects/{project.id}/milestones/{milestone.id}/done")
    assert response.status_code == 302
    _db.session.expire_all()
    assert milestone.status == "done" and milestone.done_by_id == seller.id


def _through_the_gates(seller, project):
    for _ in range(4):
        lifecycle.finish_stage(seller, project, gate_passed=True, on=date(2030, 2, 1))


def test_won_opens_the_new_implementation_project(login_as, db, people):
    seller, manager, pm = people["seller"], people["manager"], people["pm"]
    project = make_project(seller, start=date(2030, 1, 7), amount="1000000")
    impl = make_version(IMPLEMENTATION, kind="implementation", name="实施模板")
    client = login_as(manager)
    form = {"signed_amount": "980000", "signed_date": "2030-03-01",
            "template_version_id": str(impl.id), "pm_id": str(pm.id)}
    refused = client.post(f"/projects/{project.id}/won", data=form)
    assert b"The contract review must be passed" in refused.data
    _through_the_gates(seller, project)
    page = client.get(project_path(project.id)).data.decode()
    assert 'id="mark-won"' in page
    response = client.post(f"/projects/{project.id}/won", data=form)
    assert response.status_code == 302
    implementation = _db.session.scalar(select(Project).where(Project.kind == "implementation"))
    assert response.location == project_path(implementation.id)
    page = client.get(response.location).data.decode()
    assert implementation.code in page and project.code in page and "李经理" in page
    _db.session.expire_all()
    assert project.status == "won" and project.signed_amount == 980000


def test_lost_with_reason_and_winner(login_as, db, people):
    seller, manager = people["seller"], people["manager"]
    project = make_project(seller)
    rival = make_org("对手科技有限公司", is_competitor=True, is_customer=False)
    client = login_as(manager)
    form = client.get(f"/projects/{project.id}/lost").data.decode()
    assert "对手科技有限公司" in form and "Price" in form
    bad = client.post(f"/projects/{project.id}/lost", data={"status": "lost", "reason": ""})
    assert bad.status_code == 200 and b"This field is required." in bad.data
    response = client.post(f"/projects/{project.id}/lost", data={
        "status": "lost", "reason": "price", "winner_id": str(rival.id), "note": "低价中标"})
    assert response.status_code == 302
    _db.session.expire_all()
    assert (project.status, project.outcome_reason, project.winner_id) == (
        "lost", "price", rival.id)
    page = client.get(project_path(project.id)).data.decode()
    assert "won by 对手科技有限公司" in page
    assert "Marked the project lost to 对手科技有限公司 (reason: Price)." in page


def test_team_add_change_and_remove(login_as, db, people):
    seller, manager, engineer = people["seller"], people["manager"], people["engineer"]
    project = make_project(seller)
    url = f"/projects/{project.id}/team"
    assert login_as(seller).post(url, data={"user_id": engineer.id, "role": "engineer"}
                                 ).status_code == 403  # a sales member does not manage
    client = login_as(manager)
    assert client.post(url, data={"user_id": engineer.id, "role": "engineer"}).status_code == 302
    assert client.post(url, data={"user_id": engineer.id, "role": "presales"}).status_code == 302
    role = _db.session.scalar(select(ProjectMember.role).where(
        ProjectMember.user_id == engineer.id))
    assert role == "presales"
    client.post(url, data={"user_id": engineer.id, "role": "boss"})
    assert _db.session.scalar(select(ProjectMember.role).where(
        ProjectMember.user_id == engineer.id)) == "presales"
    page = client.get(project_path(project.id)).data.decode()
    assert "Put 赵工 on the team as Presales engineer." in page
    client.post(f"{url}/{engineer.id}/remove")
    assert _db.session.scalar(select(ProjectMember.id).where(
        ProjectMember.user_id == engineer.id)) is None


def test_closed_project_is_read_only(login_as, db, people):
    seller, admin = people["seller"], people["admin"]
    project = make_project(seller)
    document = project.stages[1].required_documents[0]
    lifecycle.mark_lost(seller, project, status="abandoned", reason="budget_cut")
    client = login_as(seller)
    page = client.get(project_path(project.id)).data.decode()
    assert 'id="read-only"' in page
    for marker in ('id="finish-stage"', 'id="mark-lost"', 'id="member-form"',
                   'type="file"', 'id="replan-form"', "Mark done"):
        assert marker not in page
    assert client.post(f"/projects/{project.id}/stage/finish").status_code == 403
    upload = client.post(f"/projects/{project.id}/documents/new",
                         data={"file": (BytesIO(b"x"), "a.txt"), "category": "other",
                               "required_document_id": document.id})
    assert upload.status_code == 403
    assert client.get(f"/projects/{project.id}/lost").status_code == 403
    # an administrator may still act; the services keep the closed project as it is
    assert login_as(admin).post(f"/projects/{project.id}/stage/finish").status_code == 302
    _db.session.expire_all()
    assert project.current_stage.key == "lead"


def test_required_document_upload_and_format(login_as, db, people):
    """The documents tab lists the requirement; an upload becomes version 1 of a
    controlled document (approval: tests/projects/test_documents_views.py)."""
    seller = people["seller"]
    project = make_project(seller)
    document = _db.session.scalar(select(RequiredDocument))
    client = login_as(seller)
    assert client.get(f"/projects/{project.id}/documents/{document.id}/format"
                      ).status_code == 404  # the template has none
    new = f"/projects/{project.id}/documents/new"
    form = {"category": "management", "required_document_id": document.id}
    bad = client.post(new, data={**form, "file": (BytesIO(b"MZ\x00\x00"), "x.exe")},
                      content_type="multipart/form-data")
    assert bad.status_code == 302
    assert "not accepted" in client.get(project_path(project.id)).data.decode()
    response = client.post(new, data={**form, "file": (BytesIO("立项申请".encode()),
                                                       "立项申请表.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and response.location.endswith("#tab-documents")
    page = client.get(project_path(project.id)).data.decode()
    assert "-MGT-001" in page and "Uploaded" in page and "立项申请表.txt" in page


def test_other_projects_parts_are_not_found(login_as, db, people):
    seller = people["seller"]
    project, other = make_project(seller), make_project(seller)
    document = other.stages[1].required_documents[0]
    response = login_as(seller).get(f"/projects/{project.id}/documents/{document.id}/format")
    assert response.status_code == 404


def test_project_page_does_not_grow_in_queries(login_as, db):
    manager = make_user("page_manager", roles=[R.DEPT_MANAGER],
                        department=make_department("页面部"))
    small = make_project(manager, start=date(2026, 3, 2))
    big = make_project(manager, start=date(2026, 3, 2))
    for i in range(30):
        db.session.add(Milestone(project_id=big.id, stage_id=big.stages[2].id, name=f"M{i}",
                                 planned_date=date(2026, 4, 1)))
    for i in range(10):
        lifecycle.set_member(manager, big, make_user(f"member{i}"), "engineer")
    client = login_as(manager)

    def queries_for(project):
        client.get(f"/projects/{project.id}")
        with count_queries(db.engine) as counter:
            assert client.get(f"/projects/{project.id}").status_code == 200
        return counter.count

    assert queries_for(big) == queries_for(small)


def test_pm_choice_offers_only_project_managers_in_pinyin_order(login_as, db, people):
    make_version()
    make_user("pm2", roles=[R.PROJECT_MANAGER], full_name="艾经理")  # ai < li
    make_user("gone", roles=[R.PROJECT_MANAGER], full_name="离职经理", active=False)
    make_org("中国移动")
    make_org("阿里云计算有限公司")  # a < z although 中 < 阿 in code points
    page = login_as(people["seller"]).get("/projects/new").data.decode()
    pm_select = page[page.index('name="pm_id"'):]
    pm_select = pm_select[:pm_select.index("</select>")]
    assert "李经理" in pm_select and "艾经理" in pm_select
    assert pm_select.index("艾经理") < pm_select.index("李经理")
    for not_a_pm in ("王销售", "赵工", "离职经理"):
        assert not_a_pm not in pm_select
    members = page[page.index('name="members-0-user_id"'):]
    assert "赵工" in members[:members.index("</select>")]
    customers = page[page.index('name="customer_id"'):]
    customers = customers[:customers.index("</select>")]
    assert customers.index("阿里云计算有限公司") < customers.index("中国移动")
