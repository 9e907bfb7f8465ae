"""Knowledge pages through the test client: the tree and lists show only what the
user may read (with a bounded number of queries), forms refuse bad input with a
message and change nothing, promotion from the document page, history and diff."""
from io import BytesIO

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.knowledge.models import Article, Catalog
from sicrm.knowledge.services import articles as AS
from sicrm.knowledge.services import catalogs as CS
from sicrm.projects.documents import services as document_services
from tests.fixtures.factories import make_user
from tests.fixtures.kept import kept_tokens
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries
from tests.knowledge.kb_world import (
    everyone,
    make_article,
    make_catalog,
    role,
    txt,
    user,
)


@pytest.fixture
def kb(db):
    admin = make_user("kbadmin", roles=[R.ADMIN])
    editor = make_user("editor", roles=[R.PRESALES])
    reader = make_user("reader", roles=[R.ENGINEER])
    outsider = make_user("outsider", roles=[R.FINANCE])
    public = make_catalog(admin, "行业解决方案", grants=[everyone(), user(editor, "edit")])
    gov = make_catalog(admin, "政务", parent=public)
    tech = make_catalog(admin, "技术方案", grants=[role(R.ENGINEER), user(editor, "edit")])
    secret = make_article(editor, tech, title="华为防火墙机密配置", keywords=["防火墙机密"])
    article = make_article(editor, gov, title="智慧政务解决方案", body="第一行\n第二行",
                           keywords=["政务云"])
    _db.session.commit()
    return {"admin": admin, "editor": editor, "reader": reader, "outsider": outsider,
            "public": public, "gov": gov, "tech": tech, "secret": secret, "article": article}


def _count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


def test_tree_shows_readable_catalogs_and_counts_only(kb, login_as):
    page = login_as(kb["outsider"]).get("/knowledge/").get_data(as_text=True)
    assert "行业解决方案" in page and "政务" in page
    assert "技术方案" not in page
    reader_page = login_as(kb["reader"]).get("/knowledge/").get_data(as_text=True)
    assert "技术方案" in reader_page


def test_lists_show_no_trace_of_unreadable_articles(kb, login_as):
    client = login_as(kb["outsider"])
    listing = client.get(f"/knowledge/catalogs/{kb['public'].id}").get_data(as_text=True)
    assert "智慧政务解决方案" in listing and "机密" not in listing
    assert client.get("/knowledge/keywords.json?q=防火墙").get_json() == {"keywords": []}
    assert client.get("/knowledge/keywords.json?q=政务").get_json() == {"keywords": ["政务云"]}
    assert login_as(kb["reader"]).get("/knowledge/keywords.json?q=防火墙").get_json() == {
        "keywords": ["防火墙机密"]}
    assert client.get(f"/knowledge/articles/{kb['secret'].id}").status_code == 403


def _grow(kb, n):
    for i in range(n):
        catalog = make_catalog(kb["admin"], f"目录{i}", parent=kb["public"])
        make_article(kb["editor"], catalog, title=f"文章{i}", keywords=[f"k{i}", "共用"])
    _db.session.commit()


def test_tree_and_list_queries_do_not_grow_with_rows(kb, login_as):
    client = login_as(kb["reader"])
    urls = ["/knowledge/", f"/knowledge/catalogs/{kb['public'].id}"]
    client.get(urls[0])  # warm up (login, caches)
    before = {}
    for url in urls:
        with count_queries(_db.engine) as counter:
            assert client.get(url).status_code == 200
        before[url] = counter.count
    _grow(kb, 8)
    for url in urls:
        with count_queries(_db.engine) as counter:
            response = client.get(url)
        assert response.status_code == 200
        assert counter.count <= before[url], (url, counter.statements)
    assert "文章7" in client.get(urls[1]).get_data(as_text=True)


def test_create_article_and_refusals(kb, login_as):
    client = login_as(kb["editor"])
    before = _count(Article)
    response = client.post(f"/knowledge/catalogs/{kb['gov'].id}/articles/new", data={
        "catalog_id": kb["gov"].id, "title": "", "body": "x", "industry": "",
        "status": "published"})
    assert response.status_code == 200 and "This field is required" in response.get_data(
        as_text=True)
    response = client.post(f"/knowledge/catalogs/{kb['gov'].id}/articles/new", data={
        "catalog_id": kb["gov"].id, "title": "政务外网等保方案", "body": "**等保** 三级",
        "keywords": "等保, 政务外网", "industry": "government", "status": "published",
        "files": (BytesIO("等保测评要点".encode()), "要点.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    article = _db.session.scalar(select(Article).where(Article.title == "政务外网等保方案"))
    assert sorted(k.name for k in article.keywords) == ["政务外网", "等保"]
    assert article.attachments[0].text == "等保测评要点"
    page = client.get(response.location).get_data(as_text=True)
    assert "<strong>等保</strong>" in page
    # into a catalog the editor may not write: refused with a message, nothing stored
    response = client.post(f"/knowledge/catalogs/{kb['gov'].id}/articles/new", data={
        "catalog_id": 999999, "title": "x", "status": "published", "industry": ""})
    assert "Please choose a catalog from the list" in response.get_data(as_text=True)
    closed = make_catalog(kb["admin"], "只读目录", grants=[everyone()])
    _db.session.commit()
    response = client.post(f"/knowledge/catalogs/{kb['gov'].id}/articles/new", data={
        "catalog_id": closed.id, "title": "x", "status": "published", "industry": ""})
    assert "may not add or change articles" in response.get_data(as_text=True)
    assert _count(Article) == before + 1


def test_move_into_own_subtree_is_refused_with_a_message(kb, login_as):
    client = login_as(kb["admin"])
    response = client.post(f"/knowledge/catalogs/{kb['public'].id}/move",
                           data={"parent_id": kb["gov"].id}, follow_redirects=True)
    assert "cannot be moved into itself" in response.get_data(as_text=True)
    assert _db.session.get(Catalog, kb["public"].id).parent_id is None


def test_history_shows_a_diff(kb, login_as):
    article = kb["article"]
    AS.update_article(kb["editor"], article, title=article.title, body="第一行\n第二行改",
                      keywords=["政务云"])
    _db.session.commit()
    page = login_as(kb["reader"]).get(f"/knowledge/articles/{article.id}/history?a=1&b=2")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "第二行改" in html and "diff-replace" in html
    assert login_as(kb["reader"]).get(
        f"/knowledge/articles/{article.id}/history?a=1&b=9").status_code == 404


def test_preview_is_sanitised(kb, login_as):
    response = login_as(kb["editor"]).post("/knowledge/preview", data={
        "body": "<script>alert(1)</script>[x](javascript:alert(1))"})
    html = response.get_data(as_text=True)
    assert "<script" not in html and 'href="javascript' not in html


def test_promotion_from_the_document_page(kb, login_as):
    seller = make_user("seller", roles=[R.SALES])
    project = make_project(seller, industry="government")
    version = document_services.create_document(
        seller, project, title="某市政务云技术方案", category="technical",
        stream=txt("政务云 技术方案"), filename="方案.txt")
    _db.session.commit()
    document_page = f"/projects/{project.id}/documents/{version.document_id}"
    assert "kb-promote" not in login_as(seller).get(document_page).get_data(as_text=True)
    CS.set_permissions(kb["admin"], kb["gov"], inherit=True, grants=[user(seller, "edit")])
    _db.session.commit()
    client = login_as(seller)
    assert "kb-promote" in client.get(document_page).get_data(as_text=True)
    form = client.get(f"/knowledge/promote/{version.id}").get_data(as_text=True)
    assert "某市政务云技术方案" in form
    response = client.post(f"/knowledge/promote/{version.id}", data={
        "catalog_id": kb["gov"].id, "title": "政务云方案（来自项目）", "keywords": "政务云",
        "industry": "government", "body": ""})
    assert response.status_code == 302
    article = _db.session.scalar(select(Article).where(Article.origin_version_id == version.id))
    assert article.attachments[0].file_id == version.file_id
    document_services.add_version(seller, version.document, txt("第二版"), "方案.txt")
    _db.session.commit()
    page = client.get(f"/knowledge/articles/{article.id}").get_data(as_text=True)
    assert "newer-version" in page and project.code in page
    # a reader who cannot see the project sees the mark but not the project
    other = login_as(kb["outsider"]).get(f"/knowledge/articles/{article.id}")
    assert project.code not in other.get_data(as_text=True)


def test_permission_editors_and_keyword_merge(kb, login_as):
    admin_client, editor_client = login_as(kb["admin"]), login_as(kb["editor"])
    # inherit off with no grant: the branch closes to everyone but its managers
    response = admin_client.post(f"/knowledge/catalogs/{kb['gov'].id}/permissions",
                                 data={"inherit": ""})
    assert response.status_code == 302
    assert login_as(kb["outsider"]).get(
        f"/knowledge/articles/{kb['article'].id}").status_code == 403
    response = admin_client.post(f"/knowledge/catalogs/{kb['gov'].id}/permissions",
                                 data={"inherit": "", "users": ["999999"]})
    assert "This user does not exist" in response.get_data(as_text=True)
    # a restricted article needs a grant
    article = kb["secret"]
    response = editor_client.post(f"/knowledge/articles/{article.id}/permissions",
                                  data={"restricted": "y"})
    assert "at least one person" in response.get_data(as_text=True)
    response = editor_client.post(f"/knowledge/articles/{article.id}/permissions",
                                  data={"restricted": "y", "users": [str(kb["editor"].id)]})
    assert response.status_code == 302
    assert login_as(kb["reader"]).get(f"/knowledge/articles/{article.id}").status_code == 403
    # merge: a keyword the editor cannot see is "not found"
    make_article(kb["admin"], kb["public"], title="云", keywords=["政务云平台"])
    make_article(kb["admin"], kb["public"], title="云2", keywords=["政务云"])
    _db.session.commit()
    response = editor_client.post("/knowledge/keywords/merge",
                                  data={"source": "政务云平台", "target": "政务云"})
    assert response.status_code == 302
    assert login_as(kb["outsider"]).get("/knowledge/keywords.json?q=平台").get_json() == {
        "keywords": ["政务云"]}
    response = editor_client.post("/knowledge/keywords/merge",
                                  data={"source": "不存在", "target": "政务云"})
    assert "No keyword “不存在” was found" in response.get_data(as_text=True)


def test_article_page_queries_do_not_grow_with_keywords_and_attachments(kb, login_as):
    small = make_article(kb["editor"], kb["gov"], title="小", keywords=["a"],
                         attachments=[("a.txt", txt("a"))])
    big = make_article(kb["editor"], kb["gov"], title="大", keywords=[f"k{i}" for i in range(8)],
                       attachments=[(f"{i}.txt", txt(f"内容{i}")) for i in range(6)])
    _db.session.commit()
    client = login_as(kb["reader"])
    client.get("/knowledge/")
    counts = []
    for article in (small, big):
        with count_queries(_db.engine) as counter:
            assert client.get(f"/knowledge/articles/{article.id}").status_code == 200
        counts.append(counter.count)
    assert counts[1] <= counts[0], counts


def test_attachments_survive_a_failed_validation(kb, login_as):
    """An article refused for its missing title keeps its attachments: the page
    names them, and saving again (without choosing them again) stores them; an
    unticked one is left out."""
    client = login_as(kb["editor"])
    url = f"/knowledge/catalogs/{kb['gov'].id}/articles/new"
    fields = {"catalog_id": kb["gov"].id, "body": "x", "industry": "", "status": "published"}
    response = client.post(url, data={**fields, "title": "", "files": [
        (BytesIO("等保测评要点".encode()), "要点.txt"), (BytesIO(b"extra"), "extra.txt")]},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert "This field is required" in html
    assert "要点.txt kept" in html and "extra.txt kept" in html
    first, _second = kept_tokens(html, "files")
    response = client.post(url, data={**fields, "title": "等保方案", "files_kept": [first]})
    assert response.status_code == 302
    article = _db.session.scalar(select(Article).where(Article.title == "等保方案"))
    assert [(a.filename, a.text) for a in article.attachments] == [("要点.txt", "等保测评要点")]
