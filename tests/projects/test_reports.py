"""The pipeline board and the funnel on a small known data set."""
import re
from datetime import date

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project, make_version
from tests.fixtures.queries import count_queries

START = date(2030, 1, 7)  # a Monday; 2030 has weekends only


def _known_set(people):
    """a in lead; b and c past lead; c past the approval gate; d lost in lead;
    e of another department; f of another template."""
    seller = people["seller"]
    version = make_version(name="标准售前")
    made = {}
    for name in "abcd":
        made[name] = make_project(seller, version=version, name=f"项目{name}", start=START,
                                  amount="100000")
    lifecycle.finish_stage(seller, made["b"], on=date(2030, 1, 9))  # lead: 3 working days
    lifecycle.finish_stage(seller, made["c"], on=date(2030, 1, 11))  # lead: 5 working days
    lifecycle.finish_stage(seller, made["c"], gate_passed=True, on=date(2030, 1, 15))  # 3
    lifecycle.mark_lost(seller, made["d"], status="lost", reason="price")
    elsewhere = make_user("east", roles=[R.SALES], department=make_department("华东组"))
    made["e"] = make_project(elsewhere, version=version, name="项目e", start=START,
                             amount="500000")
    made["f"] = make_project(seller, version=make_version(name="别的模板"), name="项目f")
    return version, made


def _column(html: str, key: str) -> str:
    start = html.index(f'data-stage="{key}"')
    end = html.find('data-stage="', start + 10)
    return html[start:end if end > 0 else len(html)]


def test_board_columns_and_cards(login_as, db, people):
    version, made = _known_set(people)
    html = login_as(people["seller"]).get(
        f"/projects/board?template={version.template_id}").data.decode()
    assert '<span class="column-count">1</span>' in _column(html, "lead")
    lead = _column(html, "lead")
    assert "项目a" in lead and "项目d" not in lead and "项目e" not in lead
    assert "项目b" in _column(html, "approval") and "项目c" in _column(html, "solution")
    assert '<span class="column-count">0</span>' in _column(html, "contract_review")
    assert made["a"].code in lead and "¥100,000.00" in lead
    assert "项目f" not in html
    admin_html = login_as(people["admin"]).get(
        f"/projects/board?template={version.template_id}").data.decode()
    assert '<span class="column-count">2</span>' in _column(admin_html, "lead")


def test_board_query_count_does_not_grow(login_as, db, people):
    seller = people["seller"]
    version = make_version()

    def count():
        _db.session.commit()
        client = login_as(seller)
        client.get("/projects/board")
        with count_queries(_db.engine) as counter:
            assert client.get(f"/projects/board?template={version.template_id}"
                              ).status_code == 200
        return counter.count

    make_project(seller, version=version)
    few = count()
    for _ in range(6):
        lifecycle.finish_stage(seller, make_project(seller, version=version, start=START),
                               on=START)
    assert count() == few


def _cell(html: str, key: str, name: str) -> str:
    row = re.search(rf'<tr data-stage="{key}">(.*?)</tr>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", re.search(rf'class="text-end {name}[^"]*">(.*?)</td>', row,
                                            re.S).group(1)).strip()


def test_funnel_numbers(login_as, db, people):
    version, _ = _known_set(people)
    client = login_as(people["seller"])
    html = client.get(f"/projects/funnel?template={version.template_id}").data.decode()
    assert [_cell(html, "lead", c) for c in ("open", "reached", "conversion", "average")] == [
        "1", "4", "—", "4.0 (2 finished)"]
    assert [_cell(html, "approval", c) for c in ("open", "reached", "conversion", "average")
            ] == ["1", "2", "50.0%", "3.0 (1 finished)"]
    assert [_cell(html, "solution", c) for c in ("open", "reached", "conversion")] == [
        "1", "1", "50.0%"]
    assert _cell(html, "contract_review", "conversion") == "0.0%"
    assert _cell(html, "lead", "amount").endswith("¥100,000.00")
    assert 'class="fs-4 outcome-lost">1<' in html and 'class="fs-4 outcome-active">3<' in html
    for chart in ("chart-open", "chart-conversion", "chart-days"):
        assert f'<svg id="{chart}"' in html
    # the administrator sees the other department's project unless filtering by 销售部
    admin = login_as(people["admin"])
    url = f"/projects/funnel?template={version.template_id}"
    assert _cell(admin.get(url).data.decode(), "lead", "reached") == "5"
    by_dept = admin.get(f"{url}&department={people['dept'].id}").data.decode()
    assert _cell(by_dept, "lead", "reached") == "4"
    later = admin.get(f"{url}&start=2099-01-01").data.decode()
    assert _cell(later, "lead", "reached") == "0"
    today = date.today().isoformat()
    assert _cell(admin.get(f"{url}&start={today}&end={today}").data.decode(),
                 "lead", "reached") == "5"



def test_board_moves_a_card_to_the_next_stage_within_the_rules(login_as, db):
    seller = make_user("board_seller", roles=[R.SALES])
    version = make_version()
    project = make_project(seller, version=version, start=date(2026, 3, 2))
    client = login_as(seller)
    board = f"/projects/board?template={version.template_id}"
    assert 'class="board-move"' in client.get(board).data.decode()  # lead → next: allowed
    response = client.post(f"/projects/{project.id}/stage/finish", data={"next": board})
    assert response.location == board
    db.session.refresh(project)
    assert project.current_stage.key == "approval"
    page = client.get(board).data.decode()
    assert 'class="board-move"' not in page and "#gate" in page  # a gate: review, not move
    # an observer sees the card but may not move it
    observer = make_user("board_observer", roles=[R.ENGINEER])
    lifecycle.set_member(seller, project, observer, "observer")
    lifecycle.finish_stage(seller, project, gate_passed=True)  # back to a plain stage
    page = login_as(observer).get(board).data.decode()
    assert project.code in page and "board-move" not in page
    assert "board-move" in client.get(board).data.decode()
