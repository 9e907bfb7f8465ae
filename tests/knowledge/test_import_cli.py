"""`sicrm kb import` through Flask's CLI runner: a folder into a catalog path (created
when the user may), the printed report, the exit code, re-runs, dry runs, --as."""
import pytest
from sqlalchemy import func, select

from sicrm.cli import main
from sicrm.core import roles as R
from sicrm.extensions import db as _db
from sicrm.knowledge.cli import kb
from sicrm.knowledge.imports.models import ImportRun
from sicrm.knowledge.models import Article, Catalog
from sicrm.knowledge.search import engine
from tests.fixtures.factories import make_user
from tests.knowledge.kb_world import make_catalog
from tests.knowledge.test_import_services import utf8_zip, write_tree


@pytest.fixture
def people(db):
    admin = make_user("kbadmin", roles=[R.ADMIN])
    editor = make_user("editor", roles=[R.PRESALES])
    outsider = make_user("outsider", roles=[R.SALES])
    root = make_catalog(admin, "技术方案", owner=editor)
    _db.session.commit()
    return {"admin": admin, "editor": editor, "outsider": outsider, "root": root}


def invoke(app, *args):
    result = app.test_cli_runner().invoke(kb, ["import", *map(str, args)])
    _db.session.expire_all()
    return result


def count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


def test_import_a_folder_into_a_new_sub_catalog(app, people, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_BASE_URL", "http://localhost:5000")
    write_tree(tmp_path)
    result = invoke(app, tmp_path, "--catalog", "技术方案/园区", "--keywords", "园区,网络",
                    "--industry", "education", "--as", "editor")
    assert result.exit_code == 1, result.output  # two files failed
    out = result.output
    assert "Importing as editor into 技术方案/园区" in out
    assert "Created catalog 技术方案/园区" in out
    assert "网络/加密报价.pdf" in out and "password-protected (encrypted)" in out
    assert "网络/工具.exe" in out and "Files of this type are not accepted" in out
    assert "3 imported, 1 imported without text, 0 skipped, 2 failed, 3 catalogs created." \
        in out
    assert "http://localhost:5000/knowledge/articles/" in out
    run = _db.session.scalar(select(ImportRun))
    assert f"/knowledge/imports/{run.id}" in out
    assert (run.channel, run.source, run.catalog_path) == ("cli", str(tmp_path), "技术方案/园区")
    park = _db.session.scalar(select(Catalog).where(Catalog.name == "园区"))
    assert park.parent_id == people["root"].id
    assert {i.path for i in run.items if i.outcome == "catalog"} == {
        "技术方案/园区", "网络", "网络/交换机"}
    articles = _db.session.scalars(select(Article)).all()
    assert len(articles) == 4 and {a.owner_id for a in articles} == {people["editor"].id}
    assert {a.industry for a in articles} == {"education"}


def test_rerun_skips_and_succeeds(app, people, tmp_path):
    write_tree(tmp_path, {"a.txt": "甲".encode(), "子/b.md": "乙".encode()})
    assert invoke(app, tmp_path, "--catalog", "技术方案", "--as", "editor").exit_code == 0
    result = invoke(app, tmp_path, "--catalog", "技术方案", "--as", "editor")
    assert result.exit_code == 0, result.output
    assert "0 imported, 0 imported without text, 2 skipped, 0 failed" in result.output
    assert count(Article) == 2 and count(ImportRun) == 2


def test_dry_run_writes_nothing(app, people, tmp_path):
    write_tree(tmp_path)
    before = (count(Article), count(Catalog), count(ImportRun))
    result = invoke(app, tmp_path, "--catalog", "技术方案/新目录/更深", "--as", "editor",
                    "--dry-run")
    assert "Would create catalog 技术方案/新目录" in result.output
    assert "Dry run, nothing written: 3 imported, 1 imported without text" in result.output
    assert "Report:" not in result.output
    assert (count(Article), count(Catalog), count(ImportRun)) == before
    assert result.exit_code == 1  # the dry run found files that would fail


def test_a_zip_on_the_server(app, people, tmp_path):
    archive = tmp_path / "资料.zip"
    archive.write_bytes(utf8_zip({"目录/说明.txt": "说明".encode()}))
    result = invoke(app, archive, "--catalog", "技术方案", "--as", "editor")
    assert result.exit_code == 0, result.output
    assert "1 imported" in result.output and count(Article) == 1


def test_catalog_path_needs_the_right_to_create_it(app, people, tmp_path):
    write_tree(tmp_path, {"a.txt": b"a"})
    result = invoke(app, tmp_path, "--catalog", "全新顶层", "--as", "editor")
    assert result.exit_code == 1
    assert "Only knowledge base administrators add top-level catalogs" in result.output
    assert count(Catalog) == 1 and count(ImportRun) == 0
    result = invoke(app, tmp_path, "--catalog", "技术方案", "--as", "outsider")
    assert result.exit_code == 1 and "You may not add or change articles" in result.output
    assert count(Article) == 0 and count(ImportRun) == 0


def test_defaults_to_an_administrator_and_refuses_unknown_users(app, people, tmp_path):
    write_tree(tmp_path, {"a.txt": b"a"})
    result = invoke(app, tmp_path, "--catalog", "新顶层")
    assert result.exit_code == 0, result.output
    assert "Importing as kbadmin" in result.output
    assert _db.session.scalar(select(Article)).owner_id == people["admin"].id
    result = invoke(app, tmp_path, "--catalog", "技术方案", "--as", "nobody")
    assert result.exit_code == 1 and "No active user named 'nobody'" in result.output


def test_bad_path_and_industry(app, people, tmp_path):
    assert invoke(app, tmp_path / "missing", "--catalog", "技术方案").exit_code == 2
    result = invoke(app, tmp_path, "--catalog", "技术方案", "--industry", "mars")
    assert result.exit_code == 2 and "mars" in result.output


def test_registered_under_sicrm(app):
    assert "kb" in main.commands and "import" in main.commands["kb"].commands


def test_imported_articles_are_searchable_right_away(app, people, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SICRM_SEARCH_DIR", str(tmp_path / "index"))
    monkeypatch.setitem(app.config, "SICRM_SEARCH_INLINE", True)
    source = write_tree(tmp_path / "src", {"防火墙/华为防火墙双机热备.txt":
                                           "心跳线与会话同步的配置步骤".encode()})
    result = invoke(app, source, "--catalog", "技术方案", "--as", "editor")
    assert result.exit_code == 0, result.output
    assert "changes indexed for search" in result.output
    hits = engine.search(people["editor"], "心跳线").hits  # in the file's text
    assert [hit.kind for hit in hits] == ["article"]
    assert engine.search(people["outsider"], "心跳线").total == 0
