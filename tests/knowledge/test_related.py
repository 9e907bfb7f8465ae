"""Related knowledge: suggestions next to a project, the team's pins and dismissals
(remembered by the ranking), links by hand, and no trace of unreadable articles."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.knowledge.related import services
from sicrm.knowledge.related.models import RelatedMark
from sicrm.projects.models import ProjectEvent
from sicrm.projects.services.events import record
from sicrm.projects.urls import project_path
from tests.fixtures.factories import make_department, make_org, make_user
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries
from tests.knowledge.kb_world import everyone, make_article, make_catalog, user


@pytest.fixture
def world(db, search_index):
    dept = make_department("政企事业部")
    admin = make_user("kbadmin", roles=[R.ADMIN])
    pm = make_user("pm", roles=[R.PROJECT_MANAGER], department=dept)
    engineer = make_user("eng", roles=[R.ENGINEER], department=dept)
    boss = make_user("boss", roles=[R.PROJECT_MANAGER], department=dept)
    outsider = make_user("outsider", roles=[R.ENGINEER])
    customer = make_org("某省大数据管理局", industry="government")
    project = make_project(pm, customer=customer, name="智慧政务云平台建设项目",
                           industry="government", pm=pm,
                           team=[(engineer, "engineer")])
    public = make_catalog(admin, "行业解决方案", grants=[everyone()])
    secret = make_catalog(admin, "报价策略", grants=[user(boss), user(pm)])
    articles = {
        "cloud": make_article(admin, public, title="政务云平台建设方案",
                              body="政务云 平台 建设 的总体架构与实施路径。", industry="government"),
        "bank": make_article(admin, public, title="银行核心系统灾备方案",
                             body="银行 核心系统 双活 灾备。", industry="finance"),
        "gov": make_article(admin, public, title="政务外网安全等保整改",
                            body="政务 外网 等保 整改 经验。", industry="government"),
        "secret": make_article(admin, secret, title="政务云平台报价底线",
                               body="政务云 平台 报价 底线 与折扣。", industry="government"),
    }
    db.session.commit()
    search_index.drain()
    return {"admin": admin, "pm": pm, "engineer": engineer, "boss": boss,
            "outsider": outsider, "project": project, "customer": customer, **articles}


def titles(items):
    return [item.article.title for item in items]


def test_suggestions_by_description_and_industry_within_permissions(world):
    seen_by_engineer = titles(services.for_project(world["engineer"], world["project"]))
    assert seen_by_engineer[0] == "政务云平台建设方案"
    assert "政务外网安全等保整改" in seen_by_engineer        # same industry
    assert "政务云平台报价底线" not in seen_by_engineer        # not readable for them
    assert "银行核心系统灾备方案" not in seen_by_engineer      # neither words nor industry
    seen_by_pm = titles(services.for_project(world["pm"], world["project"]))
    assert "政务云平台报价底线" in seen_by_pm


def test_pin_dismiss_and_take_back(world):
    pm, project = world["pm"], world["project"]
    services.mark(pm, project, world["gov"], "pinned")
    services.mark(pm, project, world["cloud"], "dismissed")
    _db.session.commit()
    items = services.for_project(world["engineer"], project)
    assert items[0].article.title == "政务外网安全等保整改" and items[0].reason == "pinned"
    assert "政务云平台建设方案" not in titles(items)
    services.mark(pm, project, world["cloud"], None)
    _db.session.commit()
    assert "政务云平台建设方案" in titles(services.for_project(world["engineer"], project))
    kinds = _db.session.scalars(select(ProjectEvent.kind).where(
        ProjectEvent.project_id == project.id, ProjectEvent.kind.like("knowledge_%"))).all()
    assert sorted(kinds) == ["knowledge_dismissed", "knowledge_pinned", "knowledge_unmarked"]


def test_the_ranking_remembers_verdicts_on_similar_projects(world):
    pm, admin = world["pm"], world["admin"]

    def suggested():
        return titles([i for i in services.for_project(pm, world["project"])
                       if i.reason == "suggested"])

    def verdicts(title, mark):
        article = next(world[key] for key in ("cloud", "gov", "secret")
                       if world[key].title == title)
        for n in range(3):  # three other government projects gave the same verdict
            other = make_project(pm, customer=world["customer"], name=f"政务项目{mark}{n}",
                                 industry="government", pm=pm)
            _db.session.add(RelatedMark(project_id=other.id, article_id=article.id,
                                        mark=mark, user_id=admin.id))
        _db.session.commit()

    before = suggested()
    verdicts(before[1], "pinned")
    assert suggested()[0] == before[1]
    verdicts(before[0], "dismissed")
    assert suggested().index(before[0]) > 0


def test_links_by_hand_show_on_both_sides(world):
    pm, project = world["pm"], world["project"]
    services.link_project(pm, project, world["bank"])
    services.link_organization(world["admin"], world["customer"], world["gov"])
    _db.session.commit()
    items = services.for_project(world["engineer"], project)
    reasons = {item.article.title: item.reason for item in items}
    assert reasons["银行核心系统灾备方案"] == "linked"
    assert reasons["政务外网安全等保整改"] == "linked"     # through the customer
    links = services.for_article(world["engineer"], world["bank"])
    assert [p.code for p, _link, _reason in links.projects] == [project.code]
    assert services.for_article(world["outsider"], world["bank"]).projects == []
    assert [a.title for a in services.for_organization(world["outsider"], world["customer"])] \
        == ["政务外网安全等保整改"]


def test_refusals(world):
    project = world["project"]
    with pytest.raises(ServiceError):
        services.mark(world["outsider"], project, world["cloud"], "pinned")   # not the team
    with pytest.raises(ServiceError):
        services.mark(world["engineer"], project, world["secret"], "pinned")  # cannot read it
    with pytest.raises(ServiceError):
        services.link_organization(world["engineer"], world["customer"], world["cloud"])
    with pytest.raises(ServiceError):
        services.find_target("PS-1999-9999")
    _db.session.rollback()
    assert _db.session.scalar(select(RelatedMark.id)) is None


def test_project_page_tab_and_fragment(world, login_as):
    client = login_as(world["engineer"])
    page = client.get(f"/projects/{world['project'].id}").get_data(as_text=True)
    assert 'id="tab-knowledge"' in page and "data-fragment=" in page
    fragment = client.get(f"/projects/{world['project'].id}/knowledge?partial=1")
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html
    assert "政务云平台建设方案" in html and "政务云平台报价底线" not in html
    response = client.post(
        f"/projects/{world['project'].id}/knowledge/{world['gov'].id}/mark",
        data={"verdict": "pinned"})
    assert response.status_code == 302 and response.location.endswith("#tab-knowledge")
    assert _db.session.scalar(select(RelatedMark.mark)) == "pinned"
    bad = client.post(f"/projects/{world['project'].id}/knowledge/{world['gov'].id}/mark",
                      data={"verdict": "nonsense"})
    assert bad.status_code == 400
    client.post("/language", data={"locale": "zh_CN"})
    chinese = client.get(f"/projects/{world['project'].id}/knowledge").get_data(as_text=True)
    assert "相关知识" in chinese


def test_article_page_shows_similar_articles_and_links(world, login_as, search_index):
    services.link_project(world["pm"], world["project"], world["cloud"])
    make_article(world["admin"], world["cloud"].catalog, title="政务云平台运维手册",
                 body="政务云 平台 运维 巡检。")
    _db.session.commit()
    search_index.drain()
    html = login_as(world["engineer"]).get(
        f"/knowledge/articles/{world['cloud'].id}").get_data(as_text=True)
    assert 'id="more-like-this"' in html and "政务云平台运维手册" in html
    assert "政务云平台报价底线" not in html
    assert world["project"].code in html
    outsider_view = login_as(world["outsider"]).get(f"/knowledge/articles/{world['cloud'].id}")
    assert world["project"].code not in outsider_view.get_data(as_text=True)


def test_knowledge_tab_does_not_grow_in_queries(world, login_as, search_index):
    client = login_as(world["pm"])
    url = f"/projects/{world['project'].id}/knowledge?partial=1"
    client.get(url)
    with count_queries(_db.engine) as few:
        client.get(url)
    public = make_catalog(world["admin"], "更多方案", grants=[everyone()])
    for n in range(12):
        article = make_article(world["admin"], public, title=f"政务云平台经验{n}",
                               body="政务云 平台 建设", industry="government")
        services.mark(world["admin"], world["project"], article,
                      "pinned" if n % 2 else "dismissed")
        services.link_project(world["admin"], world["project"], article)
    _db.session.commit()
    search_index.drain()
    with count_queries(_db.engine) as many:
        client.get(url)
    assert many.count == few.count


def test_history_does_not_name_articles_the_reader_may_not_read(world, login_as):
    """The project's History tab tells a reader who may not read an article that a
    restricted article was linked, without its title (old events, which kept only
    the title, too)."""
    project, pm = world["project"], world["pm"]
    services.link_project(pm, project, world["secret"])
    services.mark(pm, project, world["cloud"], "pinned")
    record(project, "knowledge_dismissed", pm, article="政务云平台报价底线")  # before ids
    _db.session.commit()
    engineer_page = login_as(world["engineer"]).get(project_path(project.id)).data.decode()
    assert "政务云平台报价底线" not in engineer_page
    assert "Linked a restricted knowledge article." in engineer_page
    assert "Dismissed a restricted knowledge article." in engineer_page
    assert "Pinned the knowledge article “政务云平台建设方案”." in engineer_page
    pm_page = login_as(pm).get(project_path(project.id)).data.decode()
    assert "Linked the knowledge article “政务云平台报价底线”." in pm_page
    assert "Dismissed the suggested knowledge article “政务云平台报价底线”." in pm_page
