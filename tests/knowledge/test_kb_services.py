"""Knowledge base services and permissions, called without a request: the catalog
tree (moves, cycles, archive), inherited and overridden query permissions,
restricted articles and drafts, keywords (aliases, merge, autocomplete without
leaks), versions and their diff, promotion with origin and the outdated mark."""
import io

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification, StoredFile
from sicrm.extensions import db as _db
from sicrm.knowledge import permissions as P
from sicrm.knowledge import queries
from sicrm.knowledge.diff import side_by_side
from sicrm.knowledge.models import (
    Article,
    ArticleKeyword,
    ImmutableVersionError,
    Keyword,
)
from sicrm.knowledge.services import articles as AS
from sicrm.knowledge.services import catalogs as CS
from sicrm.knowledge.services import keywords as KS
from sicrm.knowledge.services.promotion import promote_version
from sicrm.projects.documents import services as document_services
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project
from tests.knowledge.kb_world import (
    dept,
    everyone,
    make_article,
    make_catalog,
    role,
    txt,
    user,
)


@pytest.fixture
def kb(db):
    """行业解决方案 (everyone) / 政务 (inherits) / 内部 (managers only, own permissions);
    技术方案 (engineers, an editor)."""
    sales = make_department("销售部")
    north = make_department("华北组", parent=sales)
    people = {
        "admin": make_user("kbadmin", roles=[R.ADMIN]),
        "curator": make_user("curator", roles=[R.PRESALES]),
        "editor": make_user("editor", roles=[R.ENGINEER]),
        "engineer": make_user("eng", roles=[R.ENGINEER]),
        "seller": make_user("seller", roles=[R.SALES], department=north),
        "manager": make_user("mgr", roles=[R.DEPT_MANAGER], department=sales),
        "outsider": make_user("outsider", roles=[R.FINANCE]),
    }
    admin = people["admin"]
    solutions = make_catalog(admin, "行业解决方案", grants=[everyone()], owner=people["curator"])
    gov = make_catalog(admin, "政务", parent=solutions)
    internal = make_catalog(admin, "内部", parent=solutions, inherit=False,
                            grants=[role(R.DEPT_MANAGER)])
    tech = make_catalog(admin, "技术方案", grants=[role(R.ENGINEER),
                                                  user(people["editor"], "edit")])
    sales_kb = make_catalog(admin, "销售经验", grants=[dept(sales)])
    return {**people, "solutions": solutions, "gov": gov, "internal": internal, "tech": tech,
            "sales_kb": sales_kb, "sales": sales, "north": north}


def _count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


def _readable_ids(person):
    return set(_db.session.scalars(select(Article.id).where(P.readable_article_filter(person))))


# -- tree -------------------------------------------------------------------------------


def test_move_refuses_its_own_subtree_and_moves_the_branch(kb):
    admin = kb["admin"]
    deep = make_catalog(admin, "省级", parent=kb["gov"])
    for target in (kb["solutions"], kb["gov"], deep):
        with pytest.raises(ServiceError, match="into itself"):
            CS.move_catalog(admin, kb["solutions"], target)
    CS.move_catalog(admin, kb["gov"], kb["tech"])
    tree = P.load_tree()
    assert tree.ancestors(deep.id) == [kb["tech"].id, kb["gov"].id, deep.id]
    assert tree.path(deep.id) == "技术方案 / 政务 / 省级"
    with pytest.raises(ServiceError, match="already there"):
        CS.move_catalog(admin, kb["gov"], kb["tech"])


def test_catalog_rules_refuse_bad_input(kb):
    admin, curator = kb["admin"], kb["curator"]
    with pytest.raises(ServiceError, match="already exists"):
        make_catalog(admin, "政务", parent=kb["solutions"])
    with pytest.raises(ServiceError, match="name"):
        make_catalog(admin, "  ")
    with pytest.raises(ServiceError, match="/"):
        make_catalog(admin, "a/b")
    with pytest.raises(ServiceError, match="administrators"):
        make_catalog(curator, "顶层")  # the owner of a branch adds below it only
    assert make_catalog(curator, "金融", parent=kb["solutions"]).owner_id == curator.id
    with pytest.raises(ServiceError, match="top-level|administrators"):
        CS.move_catalog(curator, kb["gov"], None)
    with pytest.raises(ServiceError):  # the curator does not manage 技术方案
        CS.move_catalog(curator, kb["gov"], kb["tech"])
    with pytest.raises(ServiceError):
        CS.update_catalog(kb["editor"], kb["tech"], name="x")


def test_ensure_path_creates_missing_levels(kb):
    catalog = CS.ensure_path(kb["admin"], "技术方案/网络安全/防火墙")
    assert P.load_tree().path(catalog.id) == "技术方案 / 网络安全 / 防火墙"
    assert CS.ensure_path(kb["admin"], "技术方案 / 网络安全/防火墙").id == catalog.id
    assert CS.find_by_path("技术方案/网络安全").id == catalog.parent_id


# -- permissions ------------------------------------------------------------------------


def test_query_permissions_inherit_and_override(kb):
    ids = {name: kb[name].id for name in ("solutions", "gov", "internal", "tech", "sales_kb")}
    readable = {person: P.readable_catalog_ids(kb[person]) for person in
                ("engineer", "seller", "manager", "outsider", "curator")}
    assert readable["engineer"] == {ids["solutions"], ids["gov"], ids["tech"]}
    # the department grant reaches the sub-department's member
    assert readable["seller"] == {ids["solutions"], ids["gov"], ids["sales_kb"]}
    # inherit=False: only its own grant (managers) reads 内部
    assert ids["internal"] in readable["manager"]
    assert ids["internal"] not in readable["outsider"]
    assert readable["outsider"] == {ids["solutions"], ids["gov"]}
    # the owner of a branch manages it all, overrides included
    assert ids["internal"] in readable["curator"]
    assert P.can_manage_catalog(kb["curator"], kb["internal"])
    assert P.readable_catalog_ids(kb["admin"]) == P.ALL
    # edit grants: the editor writes in 技术方案 only
    assert P.can_edit_catalog(kb["editor"], kb["tech"])
    assert not P.can_edit_catalog(kb["engineer"], kb["tech"])
    assert not P.can_manage_catalog(kb["editor"], kb["tech"])


def test_archived_catalog_is_hidden_from_readers_but_not_editors(kb):
    CS.set_archived(kb["admin"], kb["solutions"], True)
    assert kb["gov"].id not in P.readable_catalog_ids(kb["engineer"])
    assert kb["gov"].id in P.readable_catalog_ids(kb["curator"])
    with pytest.raises(ServiceError, match="archived"):
        make_article(kb["curator"], kb["gov"])
    with pytest.raises(ServiceError, match="already archived"):
        CS.set_archived(kb["admin"], kb["solutions"], True)
    CS.set_archived(kb["admin"], kb["solutions"], False)
    assert kb["gov"].id in P.readable_catalog_ids(kb["engineer"])


def test_restricted_article_and_drafts(kb):
    editor = kb["editor"]
    open_article = make_article(editor, kb["tech"], title="公开的配置指南")
    secret = make_article(editor, kb["tech"], title="核心客户报价", restricted=True,
                          grants=[user(kb["engineer"])])
    draft = make_article(editor, kb["tech"], title="草稿", status="draft")
    other = make_user("eng2", roles=[R.ENGINEER])
    for person, expected in [(kb["engineer"], {open_article.id, secret.id}),
                             (other, {open_article.id}),
                             (editor, {open_article.id, secret.id, draft.id}),
                             (kb["outsider"], set()),
                             (kb["admin"], {open_article.id, secret.id, draft.id})]:
        assert _readable_ids(person) == expected, person
        assert {a.id for a in (open_article, secret, draft) if P.can_read(person, a)} == expected
    # a grant to someone outside the catalog does not open it to them
    AS.set_permissions(editor, secret, restricted=True, grants=[user(kb["outsider"])])
    assert not P.can_read(kb["outsider"], secret)
    assert not P.can_read(kb["engineer"], secret)
    with pytest.raises(ServiceError, match="at least one"):
        AS.set_permissions(editor, secret, restricted=True, grants=[])
    with pytest.raises(ServiceError):
        AS.set_permissions(kb["engineer"], open_article, restricted=False)


def test_article_services_refuse_bad_input_and_change_nothing(kb):
    editor = kb["editor"]
    before = (_count(Article), _count(Keyword), _count(StoredFile))
    cases = [
        (dict(title=""), "title"),
        (dict(title="x" * 201), "200"),
        (dict(industry="bogus"), "industry"),
        (dict(status="bogus"), "status"),
        (dict(keywords=["k" * 65]), "keyword"),
        (dict(attachments=[("setup.exe", io.BytesIO(b"MZ\x90"))]), "not accepted"),
    ]
    for fields, message in cases:
        with pytest.raises(ServiceError, match=message):
            with _db.session.begin_nested():
                make_article(editor, kb["tech"], **fields)
    with pytest.raises(ServiceError, match="may not"):
        make_article(kb["engineer"], kb["tech"])
    assert (_count(Article), _count(Keyword), _count(StoredFile)) == before


def test_attachments_keep_text_and_flag_unreadable_files(kb):
    article = make_article(kb["editor"], kb["tech"], attachments=[
        ("说明.md", txt("# 防火墙\n双机热备")), ("broken.docx", io.BytesIO(b"PK\x03\x04junk"))])
    by_name = {a.filename: a for a in article.attachments}
    assert by_name["说明.md"].text.startswith("# 防火墙")
    assert by_name["broken.docx"].extraction_status == "failed"
    assert by_name["broken.docx"].text is None
    with pytest.raises(ServiceError, match="already attached"):
        AS.add_attachment(kb["editor"], article, txt("# 防火墙\n双机热备"), "again.md")
    AS.remove_attachment(kb["editor"], by_name["说明.md"])
    assert [a.filename for a in article.attachments] == ["broken.docx"]


# -- keywords ---------------------------------------------------------------------------


def test_keywords_are_normalised_merged_and_suggested_without_leaks(kb):
    editor, admin = kb["editor"], kb["admin"]
    first = make_article(editor, kb["tech"], keywords=["ERP, 实施方案；ＥＲＰ"])
    assert sorted(k.name for k in first.keywords) == ["ERP", "实施方案"]
    second = make_article(editor, kb["tech"], title="另一个", keywords=["erp实施", "ERP"])
    secret = make_article(admin, kb["internal"], title="机密", keywords=["裁员计划", "ERP项目"])
    engineer = kb["engineer"]
    assert queries.keyword_suggestions(engineer, "erp") == ["ERP", "erp实施"]
    assert queries.keyword_suggestions(engineer, "裁员") == []
    assert queries.keyword_suggestions(kb["manager"], "裁员") == ["裁员计划"]
    with pytest.raises(ServiceError, match="No keyword"):  # not even that it exists
        KS.merge_by_name(editor, "裁员计划", "ERP")
    KS.merge_by_name(editor, "erp实施", "ERP")
    alias = _db.session.scalar(select(Keyword).where(Keyword.name == "erp实施"))
    assert alias.merged_into.name == "ERP"
    assert [k.name for k in second.keywords] == ["ERP"]  # no duplicate link
    assert _count(ArticleKeyword) == 5
    # typing the alias finds the kept keyword, for suggestions and new articles
    assert queries.keyword_suggestions(engineer, "erp实") == ["ERP"]
    third = make_article(editor, kb["tech"], title="第三", keywords=["ERP实施"])
    assert [k.name for k in third.keywords] == ["ERP"]
    with pytest.raises(ServiceError, match="itself"):
        KS.merge_by_name(editor, "erp实施", "ERP")
    with pytest.raises(ServiceError, match="may not"):
        KS.merge_by_name(engineer, "实施方案", "ERP")
    assert first and secret


# -- versions ---------------------------------------------------------------------------


def test_each_save_is_a_version_and_stale_saves_are_refused(kb):
    editor = kb["editor"]
    article = make_article(editor, kb["tech"], body="第一行\n第二行\n第三行", keywords=["防火墙"])
    AS.update_article(editor, article, title=article.title, body="第一行\n第二行改\n第三行",
                      keywords=["防火墙", "华为"], note="补充", expected_version=1)
    AS.update_article(editor, article, title=article.title, body=article.body,
                      keywords=["防火墙", "华为"], industry="government")
    assert article.version == 2  # no change of text or keywords: no new version
    assert [(v.number, v.keywords) for v in article.versions] == [
        (1, ["防火墙"]), (2, ["华为", "防火墙"])]
    assert article.versions[1].note == "补充"
    with pytest.raises(ServiceError, match="in the meantime"):
        AS.update_article(editor, article, title="x", body="", expected_version=1)
    rows = side_by_side(article.versions[0].body, article.versions[1].body)
    assert [(r.tag, r.old, r.new) for r in rows] == [
        ("equal", "第一行", "第一行"), ("replace", "第二行", "第二行改"),
        ("equal", "第三行", "第三行")]


def test_diff_marks_insertions_deletions_and_skips_far_context():
    old = "\n".join(f"line {i}" for i in range(20))
    new = old.replace("line 2\n", "").replace("line 17", "line 17\nadded")
    rows = side_by_side(old, new)
    assert None in rows  # unchanged lines far from the changes are skipped
    tags = [(r.tag, r.old, r.new) for r in rows if r and r.tag != "equal"]
    assert tags == [("delete", "line 2", None), ("insert", None, "added")]


# -- promotion --------------------------------------------------------------------------


def test_promotion_keeps_origin_shares_the_file_and_marks_newer_versions(kb):
    seller = kb["seller"]
    project = make_project(seller, industry="government")
    version = document_services.create_document(
        seller, project, title="某市政务云技术方案", category="technical",
        stream=txt("政务云 技术方案 第一版"), filename="方案.txt")
    curator = kb["curator"]
    files = _count(StoredFile)
    with pytest.raises(ServiceError, match="may not see"):
        promote_version(curator, version, catalog=kb["gov"], title="x")
    article = promote_version(seller, version, catalog=kb["gov"], title="政务云方案",
                              keywords=["政务云"], industry=project.industry) \
        if P.can_edit_catalog(seller, kb["gov"]) else None
    assert article is None  # the seller reads 政务 but does not edit it
    CS.set_permissions(kb["admin"], kb["gov"], inherit=True, grants=[user(seller, "edit")])
    article = promote_version(seller, version, catalog=kb["gov"], title="政务云方案",
                              keywords=["政务云"], industry=project.industry)
    assert (article.origin_project_id, article.origin_document_id, article.origin_version_id) \
        == (project.id, version.document_id, version.id)
    attachment = article.attachments[0]
    assert attachment.file_id == version.file_id and _count(StoredFile) == files
    assert attachment.text == "政务云 技术方案 第一版"
    assert queries.article_with_origin(article.id).newer is None
    newer = document_services.add_version(seller, version.document, txt("第二版"), "方案.txt")
    assert queries.article_with_origin(article.id).newer == newer.number
    assert queries.newer_for([article.id]) == {article.id: 2}
    with pytest.raises(ServiceError, match="catalog"):
        promote_version(seller, version, catalog=None, title="x")


def test_article_owners_hear_of_a_newer_origin_version(kb):
    seller = kb["seller"]
    project = make_project(seller)
    version = document_services.create_document(
        seller, project, title="机房建设方案", category="technical", stream=txt("第一版"),
        filename="机房.txt")
    CS.set_permissions(kb["admin"], kb["gov"], inherit=True, grants=[user(seller, "edit")])
    mine = promote_version(seller, version, catalog=kb["gov"], title="机房方案")
    theirs = promote_version(kb["admin"], version, catalog=kb["gov"], title="机房方案2")
    _db.session.flush()
    editor = make_user("doc_editor", roles=[R.ADMIN])
    document_services.add_version(editor, version.document, txt("第二版"), "机房.txt")
    notes = _db.session.scalars(select(Notification).where(
        Notification.kind == "kb_origin_updated").order_by(Notification.user_id)).all()
    assert [(n.user_id, n.url) for n in notes] == [
        (kb["admin"].id, f"/knowledge/articles/{theirs.id}"),
        (seller.id, f"/knowledge/articles/{mine.id}")]
    assert notes[0].params["version"] == "v2"


def test_stored_versions_cannot_be_changed(kb):
    article = make_article(kb["editor"], kb["tech"], body="原文")
    _db.session.flush()
    article.versions[0].body = "篡改"
    with pytest.raises(ImmutableVersionError):
        _db.session.flush()
    _db.session.rollback()
