"""The project list: filters, sort, saved filters, visibility and query count."""
from datetime import date, timedelta

from sqlalchemy import select

from sicrm.extensions import db as _db
from sicrm.projects.models import SavedFilter
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_org
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries


def _names(response) -> set[str]:
    html = response.data.decode()
    return {name for name in ("项目一", "项目二", "项目三", "外人项目") if f">{name}</a>" in html}


def _world(people):
    seller, pm = people["seller"], people["pm"]
    customer_a, customer_b = make_org("甲客户"), make_org("乙客户")
    presales = make_version(category="数据中心")
    implementation = make_version(kind="implementation", name="实施")
    make_project(seller, version=presales, customer=customer_a, name="项目一", pm=pm,
                 industry="government", start=date.today() - timedelta(days=60))
    two = make_project(seller, version=presales, customer=customer_b, name="项目二",
                       industry="finance", category="安防", start=date(2030, 1, 7))
    lifecycle.mark_lost(seller, two, status="lost", reason="price")
    make_project(seller, version=implementation, customer=customer_a, name="项目三",
                 start=date(2030, 1, 7))
    make_project(people["outsider"], version=presales, name="外人项目")
    return customer_a


def test_filters(login_as, db, people):
    customer_a = _world(people)
    client = login_as(people["seller"])
    cases = [
        ("", {"项目一", "项目二", "项目三"}),  # the outsider's project is not visible
        ("?kind=implementation", {"项目三"}),
        ("?status=lost", {"项目二"}),
        (f"?pm={people['pm'].id}", {"项目一"}),
        (f"?customer={customer_a.id}", {"项目一", "项目三"}),
        ("?industry=finance", {"项目二"}),
        ("?category=数据中心", {"项目一"}),
        ("?overdue=1", {"项目一"}),
        ("?stage=线索", {"项目一", "项目二"}),
        ("?stage=Kickoff", {"项目三"}),
        ("?q=项目三", {"项目三"}),
        ("?q=PS-2030", {"项目二"}),
        ("?kind=presales&status=active", {"项目一"}),
        ("?pm=abc&sort=nonsense", {"项目一", "项目二", "项目三"}),
    ]
    for query, expected in cases:
        response = client.get(f"/projects/{query}")
        assert response.status_code == 200, query
        assert _names(response) == expected, query
    overdue = client.get("/projects/").data.decode()
    assert "table-danger" in overdue and "milestone overdue" in overdue
    assert "No project matches these filters." in client.get(
        "/projects/?industry=energy").data.decode()


def test_sort_and_paging(app, login_as, db, people):
    seller = people["seller"]
    version = make_version()
    for index, amount in enumerate(("300", "100", "200")):
        make_project(seller, version=version, name=f"排序{index}", amount=amount)
    html = login_as(seller).get("/projects/?sort=-amount").data.decode()
    assert html.index("排序0") < html.index("排序2") < html.index("排序1")
    size, app.config["SICRM_PAGE_SIZE"] = app.config["SICRM_PAGE_SIZE"], 2
    try:
        html = login_as(seller).get("/projects/?sort=amount&page=2").data.decode()
    finally:
        app.config["SICRM_PAGE_SIZE"] = size
    assert "排序0" in html and "排序1" not in html


def test_saved_filters(login_as, db, people):
    seller, outsider = people["seller"], people["outsider"]
    client = login_as(seller)
    response = client.post("/projects/filters", data={
        "name": "政府项目", "args": "industry=government&kind=presales&page=3&evil=1"})
    assert response.status_code == 302
    assert "industry=government" in response.location and "page" not in response.location
    saved = _db.session.scalar(select(SavedFilter))
    assert (saved.user_id, saved.args) == (seller.id, {"kind": "presales",
                                                        "industry": "government"})
    # the same name replaces it
    client.post("/projects/filters", data={"name": "政府项目", "args": "overdue=1"})
    _db.session.expire_all()
    assert _db.session.scalar(select(SavedFilter.args)) == {"overdue": "1"}
    assert client.post("/projects/filters", data={"name": "", "args": "x=1"}).status_code == 302
    page = client.get("/projects/?kind=presales").data.decode()
    assert 'id="saved-filters"' in page and "政府项目" in page and "/projects/?overdue=1" in page
    assert 'id="save-filter"' in page
    assert "政府项目" not in login_as(outsider).get("/projects/").data.decode()
    delete = f"/projects/filters/{saved.id}/delete"
    assert login_as(outsider).post(delete).status_code == 403
    assert client.post(delete).status_code == 302
    assert _db.session.scalar(select(SavedFilter)) is None


def test_list_query_count_does_not_grow(app, login_as, db, people):
    seller = people["seller"]
    version = make_version()

    def queries_for_list():
        _db.session.commit()
        client = login_as(seller)
        client.get("/projects/")  # warm up
        with count_queries(_db.engine) as counter:
            assert client.get("/projects/?sort=stage_end").status_code == 200
        return counter.count

    for index in range(2):
        make_project(seller, version=version, name=f"少{index}", customer=make_org(),
                     pm=people["pm"], start=date.today() - timedelta(days=30))
    few = queries_for_list()
    for index in range(8):
        make_project(seller, version=version, name=f"多{index}", customer=make_org(),
                     pm=people["pm"], start=date.today() - timedelta(days=30))
    assert queries_for_list() == few
