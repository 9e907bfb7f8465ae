"""Bulk import through HTTP: the upload form end to end (a GBK-named zip with a
sub-folder and an encrypted PDF), refusals that change nothing (a catalog the user
does not edit, a file that is not a zip, a bad industry, an upload over the limit,
a missing CSRF token), the report and the list of runs with their query counts."""
import io
import re

import pytest
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.knowledge.imports.models import ImportItem, ImportRun
from sicrm.knowledge.models import Article, Catalog
from tests.fixtures.factories import make_user
from tests.fixtures.queries import count_queries
from tests.knowledge.kb_world import make_catalog, user
from tests.knowledge.test_import_services import encrypted_pdf, gbk_zip, utf8_zip


@pytest.fixture
def people(db):
    admin = make_user("kbadmin", roles=[R.ADMIN])
    editor = make_user("editor", roles=[R.PRESALES])
    other = make_user("other", roles=[R.PRESALES])
    reader = make_user("reader", roles=[R.ENGINEER])
    mine = make_catalog(admin, "方案库", owner=editor, grants=[user(reader)])
    theirs = make_catalog(admin, "他人目录", owner=other)
    _db.session.commit()
    return {"admin": admin, "editor": editor, "other": other, "reader": reader,
            "mine": mine, "theirs": theirs}


def _upload(client, catalog, data: bytes, name="资料.zip", **fields):
    return client.post("/knowledge/imports/new", data={
        "catalog_id": catalog.id, "file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data")


def _counts():
    return tuple(_db.session.scalar(select(func.count()).select_from(model))
                 for model in (Article, Catalog, ImportRun, ImportItem))


def test_upload_end_to_end(login_as, people):
    client = login_as(people["editor"])
    form = client.get("/knowledge/imports/new").data.decode()
    assert "方案库" in form and "他人目录" not in form  # only catalogs the user edits
    data = gbk_zip({"投标/技术方案.txt": "技术方案：核心交换机".encode("gbk"),
                    "投标/加密报价.pdf": encrypted_pdf(),
                    "工具.exe": b"MZ\x90\x00"})
    response = _upload(client, people["mine"], data, "../上级/资料.zip",
                       keywords="投标, 方案", industry="education")
    assert response.status_code == 302
    run = _db.session.scalar(select(ImportRun))
    assert response.location.endswith(f"/knowledge/imports/{run.id}")
    assert (run.channel, run.source, run.user_id) == ("web", "资料.zip", people["editor"].id)
    assert (run.imported, run.no_text, run.failed, run.catalogs) == (1, 1, 1, 1)
    sub = _db.session.scalar(select(Catalog).where(Catalog.name == "投标"))
    articles = _db.session.scalars(select(Article).where(Article.catalog_id == sub.id)
                                   .order_by(Article.title)).all()
    assert [a.title for a in articles] == ["加密报价", "技术方案"]
    assert articles[1].industry == "education"
    assert sorted(k.name for k in articles[1].keywords) == ["投标", "方案"]
    page = client.get(response.location).data.decode()
    assert "投标/技术方案.txt" in page and "投标/加密报价.pdf" in page
    assert "password-protected (encrypted)" in page and "Imported without text" in page
    assert "Files of this type are not accepted" in page
    assert f"/knowledge/articles/{articles[1].id}" in page
    failed = client.get(response.location + "?outcome=failed").data.decode()
    assert "工具.exe" in failed and "技术方案.txt" not in failed
    # the reader may read the articles but not the report
    assert login_as(people["reader"]).get(response.location).status_code == 403


def test_upload_into_a_catalog_the_user_does_not_edit_is_refused(login_as, people):
    before = _counts()
    response = _upload(login_as(people["editor"]), people["theirs"],
                       utf8_zip({"a.txt": b"a"}))
    assert response.status_code == 403
    assert _counts() == before
    assert _upload(login_as(people["reader"]), people["mine"],
                   utf8_zip({"a.txt": b"a"})).status_code == 403
    assert _counts() == before


def test_missing_catalog_is_404(login_as, people):
    response = login_as(people["editor"]).post("/knowledge/imports/new", data={
        "catalog_id": 99999, "file": (io.BytesIO(utf8_zip({"a.txt": b"a"})), "a.zip")},
        content_type="multipart/form-data")
    assert response.status_code == 404


@pytest.mark.parametrize(("data", "name", "fields", "message"), [
    (b"not a zip at all", "资料.zip", {}, "not a readable zip archive"),
    (b"PK\x03\x04", "资料.txt", {}, "Please upload a .zip archive."),
    (None, "资料.zip", {"industry": "mars"}, "Not a valid choice"),
    (None, "资料.zip", {"keywords": "长" * 70}, "A keyword is longer than 64"),
    (None, "资料.zip", {"catalog_id": ""}, "This field is required."),
])
def test_bad_input_is_shown_and_changes_nothing(login_as, people, data, name, fields,
                                                message):
    before = _counts()
    data = data if data is not None else utf8_zip({"a.txt": b"a"})
    response = _upload(login_as(people["editor"]), people["mine"], data, name, **fields)
    assert response.status_code == 400
    assert message in response.data.decode()
    assert _counts() == before


def test_upload_over_the_limit_has_a_clear_message(app, login_as, people, monkeypatch):
    before = _counts()
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2 * 1024 * 1024)
    monkeypatch.setitem(app.config, "SICRM_MAX_UPLOAD_MB", 2)
    response = _upload(login_as(people["editor"]), people["mine"],
                       b"PK\x03\x04" + b"\x00" * (3 * 1024 * 1024))
    assert response.status_code == 413
    page = response.data.decode()
    assert "The upload is larger than 2 MB" in page and "sicrm kb import" in page
    assert _counts() == before


def test_csrf_is_checked(login_as, people, csrf):
    before = _counts()
    response = _upload(login_as(people["editor"]), people["mine"], utf8_zip({"a.txt": b"a"}))
    assert response.status_code == 400
    assert _counts() == before
    client = login_as(people["editor"])
    form = client.get("/knowledge/imports/new").data.decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = _upload(client, people["mine"], utf8_zip({"a.txt": b"a"}), csrf_token=token)
    assert response.status_code == 302


def test_list_shows_own_runs_and_admins_see_all(login_as, people):
    _upload(login_as(people["editor"]), people["mine"], utf8_zip({"我的.txt": b"mine"}),
            name="我的资料.zip")
    _upload(login_as(people["other"]), people["theirs"], utf8_zip({"他的.txt": b"his"}),
            name="他的资料.zip")
    mine = login_as(people["editor"]).get("/knowledge/imports/").data.decode()
    assert "我的资料.zip" in mine and "他的资料.zip" not in mine
    everything = login_as(people["admin"]).get("/knowledge/imports/").data.decode()
    assert "我的资料.zip" in everything and "他的资料.zip" in everything
    theirs = _db.session.scalar(select(ImportRun).where(ImportRun.source == "他的资料.zip"))
    assert login_as(people["editor"]).get(
        f"/knowledge/imports/{theirs.id}").status_code == 403
    assert login_as(people["admin"]).get(
        f"/knowledge/imports/{theirs.id}").status_code == 200


def _queries(client, url):
    with count_queries(_db.engine) as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_list_and_report_queries_do_not_grow(login_as, people):
    admin = login_as(people["admin"])
    editor = login_as(people["editor"])
    _upload(editor, people["mine"], utf8_zip({"1.txt": b"1", "a/2.txt": b"2"}), name="1.zip")
    run = _db.session.scalar(select(ImportRun))
    small_list = _queries(admin, "/knowledge/imports/")
    small_report = _queries(admin, f"/knowledge/imports/{run.id}")
    for n in range(2, 6):
        _upload(login_as(people["other"] if n % 2 else people["editor"]),
                people["theirs"] if n % 2 else people["mine"],
                utf8_zip({f"{n}-{i}.txt": f"{n}-{i}".encode() for i in range(n)}
                         | {f"d{n}/x.txt": f"x{n}".encode()}), name=f"{n}.zip")
    big = _db.session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
    assert _queries(admin, "/knowledge/imports/") == small_list
    assert _queries(admin, f"/knowledge/imports/{big.id}") == small_report


def test_knowledge_pages_link_to_the_import_for_editors_only(login_as, people):
    catalog_url = f"/knowledge/catalogs/{people['mine'].id}"
    import_url = f"/knowledge/imports/new?catalog_id={people['mine'].id}"
    editor, reader = login_as(people["editor"]), login_as(people["reader"])
    assert import_url in editor.get(catalog_url).data.decode()
    assert 'href="/knowledge/imports/"' in editor.get("/knowledge/").data.decode()
    assert "/knowledge/imports" not in reader.get(catalog_url).data.decode()
    assert "/knowledge/imports" not in reader.get("/knowledge/").data.decode()
    form = editor.get(import_url).data.decode()
    assert f'<option selected value="{people["mine"].id}">' in form
