import base64
import io
import json

import pytest
import yaml
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.core.models import StoredFile
from sicrm.core.services.files import store_file
from sicrm.core.storage import get_storage
from sicrm.extensions import db as _db
from sicrm.templates_lib.cli import templates as templates_cli
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.templates_lib.services import templates as services
from sicrm.templates_lib.services.transfer import (
    export_data,
    export_version,
    import_template,
)
from tests.fixtures.factories import make_user
from tests.templates_lib.helpers import basic

DOCX = b"PK\x03\x04 a word file"


def _source(admin):
    definition = basic()
    stored = store_file(admin, io.BytesIO(DOCX), "立项申请表.docx")
    definition["stages"][1]["documents"][0]["format_file_id"] = stored.id
    return services.create_template_from_definition(
        admin, name_zh="数据中心模板", name_en="Data centre", kind="implementation",
        industry="finance", category="数据中心", description="机房", definition=definition,
        publish=True, change_note="首版")


def _count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip(db, admin, fmt):
    source = _source(admin)
    content, filename, content_type = export_version(source.versions[0], fmt)
    assert filename == f"数据中心模板-v1.{fmt}" and content_type.startswith("application/")
    data = json.loads(content) if fmt == "json" else yaml.safe_load(content)
    embedded = data["definition"]["stages"][1]["documents"][0]["format_file"]
    assert base64.b64decode(embedded["data"]) == DOCX
    assert "format_file_id" not in data["definition"]["stages"][1]["documents"][0]
    copy, notes = import_template(admin, content, filename)
    assert notes == []
    assert (copy.name_zh, copy.kind, copy.industry, copy.category) == (
        "数据中心模板", "implementation", "finance", "数据中心")
    [version] = copy.versions
    assert version.status == "draft"
    doc = version.definition["stages"][1]["documents"][0]
    original = source.versions[0].definition["stages"][1]["documents"][0]
    assert doc["format_file_id"] != original["format_file_id"]  # stored anew
    stored = _db.session.get(StoredFile, doc["format_file_id"])
    assert stored.filename == "立项申请表.docx"
    with get_storage().open(stored.storage_key) as handle:
        assert handle.read() == DOCX
    doc["format_file_id"] = original["format_file_id"]
    assert version.definition == source.versions[0].definition


def test_unknown_reviewers_are_left_out(db, admin):
    make_user("boss")
    definition = basic()
    definition["stages"][1]["gate"]["reviewer_users"] = ["boss"]
    template = services.create_template_from_definition(
        admin, name_zh="带评审人", kind="presales", definition=definition, publish=True)
    data = export_data(template.versions[0])
    data["definition"]["stages"][1]["gate"]["reviewer_users"] = ["boss", "stranger"]
    copy, notes = import_template(admin, json.dumps(data).encode(), "t.json")
    assert copy.versions[0].definition["stages"][1]["gate"]["reviewer_users"] == ["boss"]
    assert "stranger" in str(notes[0])


def _valid(admin) -> dict:
    return export_data(_source(admin).versions[0])


def _bad_base64(data):
    data["definition"]["stages"][1]["documents"][0]["format_file"]["data"] = "@@not base64@@"
    return json.dumps(data).encode()


def _cycle(data):
    data["definition"]["stages"][0]["tasks"][0]["after"] = "t2"
    return json.dumps(data).encode()


@pytest.mark.parametrize(("build", "filename", "message"), [
    (lambda d: b"{not json", "t.json", "not valid JSON"),
    (lambda d: b"a: [unclosed", "t.yaml", "not valid YAML"),
    (lambda d: b"\xff\xfe\x00", "t.json", "not UTF-8"),
    (lambda d: json.dumps(d).encode(), "t.txt", "Please upload a .json, .yaml or .yml file"),
    (lambda d: b"[1, 2]", "t.json", "not a sicrm template export"),
    (lambda d: yaml.safe_dump({"template": {}}).encode(), "t.yml", "not a sicrm template export"),
    (lambda d: json.dumps({**d, "template": {**d["template"], "kind": "x"}}).encode(), "t.json",
     "choose a value"),
    (_cycle, "t.json", "comes after itself through other tasks"),
    (_bad_base64, "t.json", "is not valid base64"),
])
def test_malformed_files_are_refused_and_nothing_is_saved(db, admin, build, filename, message):
    content = build(_valid(admin))
    _db.session.commit()
    before = [_count(m) for m in (ProjectTemplate, TemplateVersion, StoredFile)]
    with pytest.raises(ServiceError) as error:
        import_template(admin, content, filename)
    _db.session.rollback()
    assert message in str(error.value.message)
    assert [_count(m) for m in (ProjectTemplate, TemplateVersion, StoredFile)] == before


def test_cli_export_import_seed(app, db, admin, tmp_path):
    runner = app.test_cli_runner()
    source = _source(admin)
    _db.session.commit()
    out = tmp_path / "t.yaml"
    result = runner.invoke(templates_cli, ["export", str(source.id), "--format", "yaml",
                                           "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text())["template"]["name_zh"] == "数据中心模板"
    result = runner.invoke(templates_cli, ["export", str(source.id)])
    assert json.loads(result.output)["sicrm_template"] == 1
    result = runner.invoke(templates_cli, ["import", str(out), "--as", "admin"])
    assert result.exit_code == 0 and "Imported template" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = runner.invoke(templates_cli, ["import", str(bad)])
    assert result.exit_code != 0 and "not valid JSON" in result.output
    assert "3 created" in runner.invoke(templates_cli, ["seed"]).output
    assert "nothing to add" in runner.invoke(templates_cli, ["seed"]).output
    assert _count(ProjectTemplate) == 5


DEEP_JSON = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(("content", "filename"), [
    (DEEP_JSON, "deep.json"),
    (b"{\"sicrm_template\": 1, \"template\": {}, \"definition\": {\"x\": "
     + b"[" * 60 + b"]" * 60 + b"}}", "deep.json"),
    (b"[" * 100_000 + b"]" * 100_000, "deep.yaml"),
])
def test_deeply_nested_files_are_refused_with_a_message(db, admin, content, filename):
    with pytest.raises(ServiceError) as error:
        import_template(admin, content, filename)
    assert "nested more than 40 levels" in str(error.value.message)


def test_deeply_nested_file_through_the_view_and_the_cli(app, db, admin, login_as, tmp_path):
    client = login_as(admin)
    page = client.post("/templates/import", data={
        "file": (io.BytesIO(DEEP_JSON), "deep.json")}, content_type="multipart/form-data")
    assert page.status_code == 200 and "nested more than 40 levels" in page.data.decode()
    deep = tmp_path / "deep.json"
    deep.write_bytes(DEEP_JSON)
    result = app.test_cli_runner().invoke(templates_cli, ["import", str(deep)])
    assert result.exit_code == 1 and "nested more than 40 levels" in result.output
    assert "Traceback" not in result.output
    assert _count(ProjectTemplate) == 0
