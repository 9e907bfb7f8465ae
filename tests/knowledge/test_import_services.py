"""Bulk import services, called without a request: a folder tree with Chinese names,
zips with GBK names, refused traversal, encrypted and unsupported files, re-runs that
skip what is there, dry runs that write nothing, and the stored report."""
import io
import os
import zipfile

import pytest
from docx import Document
from pypdf import PdfWriter
from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.markdown import render
from sicrm.core.models import StoredFile
from sicrm.extensions import db as _db
from sicrm.knowledge.imports import services, sources
from sicrm.knowledge.imports.models import ImportItem, ImportRun
from sicrm.knowledge.imports.sources import FolderSource, ZipSource, member_name
from sicrm.knowledge.models import Article, ArticleAttachment, Catalog
from tests.fixtures.factories import make_user
from tests.knowledge.kb_world import make_catalog, user

# -- files -----------------------------------------------------------------------------


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


TREE = {
    "智慧园区方案.docx": docx_bytes("智慧园区整体解决方案：网络、安防、能耗"),
    "网络/华为防火墙配置.txt": "华为防火墙 USG6000 配置步骤".encode(),
    "网络/交换机/核心交换机选型.md": "# 核心交换机选型\n\n双机热备".encode(),
    "网络/加密报价.pdf": encrypted_pdf(),
    "网络/工具.exe": b"MZ\x90\x00",
    "网络/空文件.txt": b"",
    "网络/.DS_Store": b"\x00\x00\x00\x01Bud1",
    "Thumbs.db": b"\xd0\xcf\x11\xe0",
    "~$智慧园区方案.docx": b"lock",
    ".git/config": b"[core]",
}


def write_tree(root, files=TREE):
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


class RawName(zipfile.ZipInfo):
    """A member whose name is written as the given bytes, without the UTF-8 flag."""

    def __init__(self, raw: bytes):
        super().__init__(raw.decode("cp437"))
        self.raw = raw

    def _encodeFilenameFlags(self):  # zipfile's own hook for the stored name
        return self.raw, self.flag_bits & ~0x800


def raw_zip(files: dict[bytes | str, bytes]) -> bytes:
    """Names given as bytes are written as they are; str names as zipfile does
    (with the UTF-8 flag when they are not ASCII)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for raw, data in files.items():
            info = RawName(raw) if isinstance(raw, bytes) else zipfile.ZipInfo(raw)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def gbk_zip(files: dict[str, bytes]) -> bytes:
    """A zip as Chinese Windows writes it: names in GBK, no UTF-8 flag."""
    return raw_zip({name.encode("gbk"): data for name, data in files.items()})


def utf8_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


# -- people and catalogs ---------------------------------------------------------------


@pytest.fixture
def people(db):
    admin = make_user("kbadmin", roles=[R.ADMIN])
    editor = make_user("editor", roles=[R.PRESALES])
    reader = make_user("reader", roles=[R.ENGINEER])
    return {"admin": admin, "editor": editor, "reader": reader}


@pytest.fixture
def target(people):
    """方案库, owned by the editor (who may add sub-catalogs), read by the reader."""
    root = make_catalog(people["admin"], "方案库", owner=people["editor"],
                        grants=[user(people["reader"])])
    _db.session.commit()
    return root


def run(actor, source, catalog, **kw):
    kw.setdefault("checkpoint", _db.session.commit)
    return services.run_import(actor, source, catalog, channel="cli", **kw)


def outcomes(items):
    return {item.path: (item.outcome, item.reason) for item in items}


def articles_in(catalog_id):
    return _db.session.scalars(select(Article).where(Article.catalog_id == catalog_id)
                               .order_by(Article.title)).all()


def child(parent, name):
    return _db.session.scalar(select(Catalog).where(Catalog.parent_id == parent.id,
                                                    Catalog.name == name))


# -- a folder tree ---------------------------------------------------------------------


def test_folder_tree_becomes_articles_in_sub_catalogs(people, target, tmp_path):
    write_tree(tmp_path)
    imported_run, items = run(people["editor"], FolderSource(tmp_path), target,
                              keywords="智慧园区, 网络", industry="government")
    assert outcomes(items) == {
        "网络": ("catalog", "created"),
        "网络/交换机": ("catalog", "created"),
        "智慧园区方案.docx": ("imported", None),
        "网络/交换机/核心交换机选型.md": ("imported", None),
        "网络/华为防火墙配置.txt": ("imported", None),
        "网络/加密报价.pdf": ("no_text", "encrypted"),
        "网络/工具.exe": ("failed", "refused"),
        "网络/空文件.txt": ("failed", "refused"),
    }
    # hidden and system files (.DS_Store, Thumbs.db, Office lock files, .git/) are left out
    network = child(target, "网络")
    switches = child(network, "交换机")
    assert switches is not None and switches.owner_id == people["editor"].id
    [plan] = articles_in(target.id)
    assert plan.title == "智慧园区方案" and plan.status == "published"
    assert plan.body == "智慧园区整体解决方案：网络、安防、能耗"
    assert plan.industry == "government" and plan.owner_id == people["editor"].id
    assert sorted(k.name for k in plan.keywords) == ["智慧园区", "网络"]
    [attachment] = plan.attachments
    assert attachment.filename == "智慧园区方案.docx" and attachment.extraction_status == "ok"
    assert "安防" in attachment.text
    assert [a.title for a in articles_in(network.id)] == ["加密报价", "华为防火墙配置"]
    encrypted = articles_in(network.id)[0]
    assert encrypted.attachments[0].extraction_status == "encrypted"
    assert encrypted.attachments[0].text is None and encrypted.body == ""
    assert [a.title for a in articles_in(switches.id)] == ["核心交换机选型"]
    # the report is stored with its counts and one line per file
    stored = _db.session.get(ImportRun, imported_run.id)
    assert (stored.status, stored.imported, stored.no_text, stored.skipped, stored.failed,
            stored.catalogs) == ("done", 3, 1, 0, 2, 2)
    assert stored.finished_dt is not None and stored.catalog_path == "方案库"
    assert stored.keywords == ["智慧园区", "网络"]
    lines = {item.path: item for item in stored.items}
    assert lines["网络/工具.exe"].detail.startswith("Files of this type are not accepted")
    assert lines["网络/空文件.txt"].detail == "The file is empty."
    assert lines["网络/加密报价.pdf"].article_id == encrypted.id
    assert lines["网络"].catalog_id == network.id
    # refused files created nothing: three articles' files and the encrypted one only
    assert _db.session.scalar(select(func.count()).select_from(StoredFile)) == 4


def test_rerun_skips_what_is_already_imported(people, target, tmp_path):
    write_tree(tmp_path)
    run(people["editor"], FolderSource(tmp_path), target)
    before = _db.session.scalar(select(func.count()).select_from(Article))
    (tmp_path / "网络" / "新增方案.txt").write_bytes("新增的内容".encode())
    second, items = run(people["editor"], FolderSource(tmp_path), target)
    result = outcomes(items)
    assert result["网络/华为防火墙配置.txt"] == ("skipped", "duplicate")
    assert result["网络/加密报价.pdf"] == ("skipped", "duplicate")
    assert result["网络/新增方案.txt"] == ("imported", None)
    assert "网络" not in result  # existing sub-catalogs are reused, not created again
    assert _db.session.scalar(select(func.count()).select_from(Article)) == before + 1
    assert (second.imported, second.skipped, second.catalogs) == (1, 4, 0)
    skipped = next(i for i in items if i.path == "网络/华为防火墙配置.txt")
    assert _db.session.get(Article, skipped.article_id).title == "华为防火墙配置"


def test_same_file_twice_in_one_run_is_imported_once(people, target, tmp_path):
    write_tree(tmp_path, {"a.txt": "同一份".encode(), "b.txt": "同一份".encode()})
    _run, items = run(people["editor"], FolderSource(tmp_path), target)
    assert outcomes(items) == {"a.txt": ("imported", None),
                               "b.txt": ("skipped", "duplicate_in_run")}


def test_the_same_file_goes_into_another_catalog(people, target, tmp_path):
    write_tree(tmp_path, {"a.txt": "同一份".encode(), "其他/a.txt": "同一份".encode()})
    _run, items = run(people["editor"], FolderSource(tmp_path), target)
    assert outcomes(items)["其他/a.txt"] == ("imported", None)


def test_dry_run_writes_nothing(people, target, tmp_path):
    write_tree(tmp_path)
    before = {table: _db.session.scalar(select(func.count()).select_from(table))
              for table in (Article, Catalog, ImportRun, ImportItem, StoredFile,
                            ArticleAttachment)}
    dry, items = services.run_import(people["editor"], FolderSource(tmp_path), target,
                                     channel="cli", dry_run=True)
    _db.session.commit()
    after = {table: _db.session.scalar(select(func.count()).select_from(table))
             for table in before}
    assert after == before
    assert dry.id is None and dry.status == "done"
    result = outcomes(items)
    assert result["网络"] == ("catalog", "would_create")
    assert result["网络/交换机"] == ("catalog", "would_create")
    assert result["网络/加密报价.pdf"] == ("no_text", "encrypted")
    assert result["网络/工具.exe"] == ("failed", "refused")
    assert result["网络/交换机/核心交换机选型.md"] == ("imported", None)
    assert (dry.imported, dry.no_text, dry.failed, dry.catalogs) == (3, 1, 2, 2)


def test_a_user_who_may_not_write_is_refused_before_anything(people, target, tmp_path):
    write_tree(tmp_path)
    with pytest.raises(ServiceError):
        run(people["reader"], FolderSource(tmp_path), target)
    assert _db.session.scalar(select(func.count()).select_from(ImportRun)) == 0


def test_bad_keywords_or_industry_refused_before_anything(people, target, tmp_path):
    write_tree(tmp_path)
    with pytest.raises(ServiceError, match="industry"):
        run(people["editor"], FolderSource(tmp_path), target, industry="mars")
    with pytest.raises(ServiceError, match="keyword"):
        run(people["editor"], FolderSource(tmp_path), target, keywords="长" * 70)
    assert _db.session.scalar(select(func.count()).select_from(ImportRun)) == 0


def test_editor_without_manage_right_cannot_add_sub_catalogs(people, target, tmp_path):
    """An edit grant writes articles but does not add catalogs: files in sub-folders
    fail with the reason, those at the top are imported."""
    grantee = make_user("grantee", roles=[R.ENGINEER])
    target.grants.append(type(target.grants[0])(kind="user", user_id=grantee.id,
                                                level="edit"))
    _db.session.commit()
    write_tree(tmp_path, {"顶层.txt": "顶层".encode(), "子目录/下层.txt": "下层".encode(),
                          "子目录/更深/底层.txt": "底层".encode()})
    _run, items = run(grantee, FolderSource(tmp_path), target)
    lines = {item.path: item for item in items}
    assert lines["顶层.txt"].outcome == "imported"
    assert (lines["子目录/下层.txt"].outcome, lines["子目录/下层.txt"].reason) == (
        "failed", "catalog")
    assert "may not add catalogs" in lines["子目录/下层.txt"].detail
    assert lines["子目录/更深/底层.txt"].outcome == "failed"
    assert child(target, "子目录") is None


# -- zips ------------------------------------------------------------------------------


def test_zip_with_gbk_names(people, target):
    data = gbk_zip({"投标文件/技术方案.txt": "技术方案正文".encode("gbk"),
                    "会议纪要.txt": "纪要".encode()})
    with ZipSource(io.BytesIO(data), "资料.zip") as source:
        _run, items = run(people["editor"], source, target)
    assert outcomes(items) == {"投标文件": ("catalog", "created"),
                               "投标文件/技术方案.txt": ("imported", None),
                               "会议纪要.txt": ("imported", None)}
    [article] = articles_in(child(target, "投标文件").id)
    assert article.title == "技术方案" and article.attachments[0].text == "技术方案正文"


def test_zip_names_utf8_flagged_unflagged_gbk_and_cp437():
    data = raw_zip({"报价/清单.txt".encode(): b"x",  # UTF-8 without the flag (macOS)
                    "交换机.txt".encode("gbk"): b"x",
                    "caf\xe9.txt".encode("latin-1").replace(b"\xe9", b"\x82"): b"x",
                    b"readme.txt": b"x", "方案/说明.txt": b"x"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(member_name(i) for i in archive.infolist()) == sorted([
            "报价/清单.txt", "交换机.txt", "café.txt", "readme.txt", "方案/说明.txt"])


def test_traversal_and_links_in_a_zip_are_refused(people, target):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../etc/passwd.txt", b"root")
        archive.writestr("/abs/path.txt", b"abs")
        archive.writestr("C:/windows/win.txt", b"win")
        archive.writestr("ok/..\\..\\evil.txt", b"evil")
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, "/etc/passwd")
        archive.writestr("正常.txt", "正常".encode())
    with ZipSource(io.BytesIO(out.getvalue()), "evil.zip") as source:
        _run, items = run(people["editor"], source, target)
    result = outcomes(items)
    assert result.pop("正常.txt") == ("imported", None)
    assert set(result.values()) == {("failed", "unsafe_path")} and len(result) == 5
    assert _db.session.scalar(select(func.count()).select_from(Catalog)) == 1  # no "ok", no ".."


def test_zip_system_files_and_macosx_are_left_out(people, target):
    data = utf8_zip({"__MACOSX/._方案.txt": b"\x00\x05", "方案.txt": "方案".encode(),
                     "资料/.DS_Store": b"Bud1", "资料/Thumbs.db": b"\xd0\xcf",
                     "资料/desktop.ini": b"[x]"})
    with ZipSource(io.BytesIO(data), "mac.zip") as source:
        _run, items = run(people["editor"], source, target)
    assert outcomes(items) == {"方案.txt": ("imported", None)}


def test_encrypted_zip_member_fails_with_reason(people, target):
    data = bytearray(utf8_zip({"秘密.txt": "机密".encode()}))
    # set the "encrypted" flag of the member in both headers
    local = data.index(b"PK\x03\x04")
    data[local + 6] |= 0x1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1
    with ZipSource(io.BytesIO(bytes(data)), "locked.zip") as source:
        _run, items = run(people["editor"], source, target)
    assert outcomes(items) == {"秘密.txt": ("failed", "encrypted_member")}


def test_zip_limits(people, target, monkeypatch):
    data = utf8_zip({f"{n}.txt": b"x" * 100 for n in range(5)})
    monkeypatch.setattr(sources, "MAX_MEMBERS", 4)
    with pytest.raises(ServiceError, match="more than 4 files"):
        ZipSource(io.BytesIO(data), "many.zip")
    monkeypatch.setattr(sources, "MAX_MEMBERS", 100)
    monkeypatch.setattr(sources, "MAX_UNZIPPED", 400)
    with pytest.raises(ServiceError, match="unzips to more than"):
        ZipSource(io.BytesIO(data), "big.zip")
    with pytest.raises(ServiceError, match="not a readable zip"):
        ZipSource(io.BytesIO(b"PK\x03\x04 not really"), "broken.zip")


def test_damaged_member_fails_and_the_rest_goes_on(people, target):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a坏.txt", "内容" * 200)
        archive.writestr("b好.txt", "好的".encode())
    data = bytearray(out.getvalue())
    start = data.index(b"PK\x03\x04") + 30 + len("a坏.txt".encode())
    data[start + 5:start + 15] = b"\xff" * 10  # corrupt the compressed bytes
    with ZipSource(io.BytesIO(bytes(data)), "damaged.zip") as source:
        _run, items = run(people["editor"], source, target)
    result = outcomes(items)
    assert result["a坏.txt"] == ("failed", "unreadable")
    assert result["b好.txt"] == ("imported", None)


# -- folders on the server -------------------------------------------------------------


def test_open_path_takes_a_folder_or_a_zip(tmp_path):
    zipped = tmp_path / "资料.zip"
    zipped.write_bytes(utf8_zip({"a.txt": b"a"}))
    with sources.open_path(zipped) as source:
        assert [e.path for e in source.entries()] == ["a.txt"]
    with pytest.raises(ServiceError, match="No folder or zip file"):
        sources.open_path(tmp_path / "nowhere")


def test_gbk_file_names_on_disk_are_read(tmp_path):
    name = "技术方案.txt".encode("gbk")
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write(b"x")
    assert [e.name for e in FolderSource(tmp_path).entries()] == ["技术方案.txt"]


def test_long_names_are_cut_to_fit(people, target):
    data = utf8_zip({f"{'目' * 150}/{'标' * 250}.txt": "内容".encode()})
    with ZipSource(io.BytesIO(data), "long.zip") as source:
        _run, items = run(people["editor"], source, target)
    assert [i.outcome for i in items] == ["catalog", "imported"]
    [article] = _db.session.scalars(select(Article)).all()
    assert len(article.title) == 200 and len(article.catalog.name) == 100


def test_excerpt_is_short():
    assert services.excerpt("  一\n二  三 ") == "一 二 三"
    assert services.excerpt("字" * 500).endswith("…")
    assert len(services.excerpt("字" * 500)) == services.EXCERPT_CHARS + 1


@pytest.mark.parametrize("text", [
    "# 核心交换机选型\n\n双机热备", "1. 配置心跳线 2. 同步会话", "- 项目 *重点* _下划线_",
    "<script>alert(1)</script> 正文", "| 设备 | 数量 |", "> 引用 `代码` [链接](http://x)",
])
def test_excerpt_shows_as_written(text):
    html = str(render(services.excerpt(text)))
    assert html.startswith("<p>") and html.count("<p>") == 1
    for tag in ("<h1", "<ol", "<ul", "<em", "<strong", "<code", "<a ", "<table",
                "<blockquote", "<script"):
        assert tag not in html
    assert "核心交换机选型" in html or "配置心跳线" in html or "项目" in html \
        or "正文" in html or "设备" in html or "引用" in html


def test_a_file_over_the_upload_limit_fails_without_being_read(app, people, target,
                                                                tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_MAX_UPLOAD_MB", 1)
    write_tree(tmp_path, {"大文件.txt": b"x" * (1024 * 1024 + 1), "小文件.txt": b"x"})
    opened = []
    original = sources.Entry.open
    monkeypatch.setattr(sources.Entry, "open",
                        lambda self: opened.append(self.path) or original(self))
    _run, items = run(people["editor"], FolderSource(tmp_path), target)
    lines = {item.path: item for item in items}
    assert (lines["大文件.txt"].outcome, lines["大文件.txt"].detail) == (
        "failed", "The file is larger than 1 MB.")
    assert lines["小文件.txt"].outcome == "imported" and opened == ["小文件.txt"]
