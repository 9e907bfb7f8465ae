import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.extensions import db as _db
from sicrm.templates_lib import queries
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
from sicrm.templates_lib.services import editor
from sicrm.templates_lib.services import templates as services
from tests.templates_lib.helpers import basic, n, task

FIELDS = {"name_zh": "安防工程模板", "name_en": "Security works", "kind": "implementation",
          "industry": "public_security", "category": "安防", "description": "视频监控"}


def _published(admin, **fields):
    return services.create_template_from_definition(
        admin, **{**FIELDS, **fields}, definition=basic(), publish=True, change_note="首版")


def test_new_template_starts_as_empty_draft(db, admin):
    template = services.create_template(admin, **FIELDS)
    [version] = template.versions
    assert (version.number, version.status, version.definition) == (1, "draft", {"stages": []})
    assert template.created_by_id == admin.id and version.created_by_id == admin.id
    with pytest.raises(ServiceError) as error:
        services.publish_version(admin, version, "空的")
    assert "at least one stage" in str(error.value.message)


@pytest.mark.parametrize(("fields", "field"), [
    ({"name_zh": " "}, "name_zh"), ({"kind": "other"}, "kind"), ({"industry": "x"}, "industry"),
    ({"category": "长" * 101}, "category"),
])
def test_template_fields_are_checked(db, admin, fields, field):
    with pytest.raises(ServiceError) as error:
        services.create_template(admin, **{**FIELDS, **fields})
    assert error.value.field == field


def test_publish_makes_a_version_immutable(db, admin):
    template = services.create_template(admin, **FIELDS)
    draft = template.versions[0]
    editor.add_stage(admin, draft, name=n("启动"), duration=3)
    services.publish_version(admin, draft, "首版")
    assert draft.status == "published" and draft.published_by_id == admin.id
    assert draft.published_dt is not None and draft.change_note == "首版"
    for change in (
        lambda: editor.add_stage(admin, draft, name=n("设计"), duration=3),
        lambda: editor.update_stage(admin, draft, "stage-1", name=n("x"), duration=1, gate=None),
        lambda: editor.delete_stage(admin, draft, "stage-1"),
        lambda: editor.add_item(admin, draft, "stage-1", "tasks", {"name": n("x")}),
        lambda: services.publish_version(admin, draft, "again"),
        lambda: services.discard_draft(admin, draft),
    ):
        with pytest.raises(ServiceError):
            change()
    assert draft.definition["stages"][0]["name"]["zh"] == "启动"


def test_only_one_draft_and_edit_copies_the_published_version(db, admin):
    template = _published(admin)
    draft = services.start_draft(admin, template)
    assert (draft.number, draft.status) == (2, "draft")
    assert draft.definition == template.versions[0].definition
    assert services.start_draft(admin, template) is draft  # the same draft again
    editor.update_stage(admin, draft, "lead", name=n("线索"), duration=8, gate=None)
    assert template.versions[0].definition["stages"][0]["duration"] == 5  # v1 untouched
    with pytest.raises(ServiceError) as error:
        services.create_version_from_definition(admin, template, basic(), "learned")
    assert "unpublished draft" in str(error.value.message)
    services.discard_draft(admin, draft)
    _db.session.expire_all()
    assert [v.number for v in queries.versions(template)] == [1]
    with pytest.raises(ServiceError):
        services.discard_draft(admin, services.create_template(admin, **FIELDS).versions[0])


def test_create_version_from_definition(db, admin):
    template = _published(admin)
    learned = basic()
    learned["stages"][0]["duration"] = 7
    version = services.create_version_from_definition(admin, template, learned, "按实际耗时调整")
    assert (version.number, version.status, version.change_note) == (2, "published", "按实际耗时调整")
    assert queries.current_version(template) is version
    bad = basic()
    bad["stages"][0]["tasks"].append(task("t1"))
    with pytest.raises(ServiceError):
        services.create_version_from_definition(admin, template, bad, "x")
    draft = services.create_version_from_definition(admin, template, {"stages": []}, None,
                                                    publish=False)
    assert (draft.number, draft.status) == (3, "draft")


def test_published_versions_for(db, admin):
    presales = _published(admin, kind="presales", name_zh="乙售前")
    implementation = _published(admin, name_zh="甲实施")
    archived = _published(admin, kind="presales", name_zh="归档")
    services.set_archived(admin, archived, True)
    services.create_template(admin, **FIELDS)  # never published
    newer = services.create_version_from_definition(admin, presales, basic(), "v2")
    services.start_draft(admin, presales)  # a draft v3 is not offered
    found = _db.session.scalars(queries.published_versions_for()).all()
    assert [(v.template.name_zh, v.number) for v in found] == [("乙售前", 2), ("甲实施", 1)] \
        or [(v.template.name_zh, v.number) for v in found] == [("甲实施", 1), ("乙售前", 2)]
    assert _db.session.scalars(queries.published_versions_for("presales")).all() == [newer]
    assert implementation.versions[0] in found


def test_clone_and_archive(db, admin):
    template = _published(admin)
    services.start_draft(admin, template)  # the draft is not what gets cloned
    copy = services.clone_template(admin, template)
    assert copy.name_zh == "安防工程模板（副本）" and copy.name_en == "Security works (copy)"
    assert (copy.kind, copy.industry, copy.category) == ("implementation", "public_security", "安防")
    [version] = copy.versions
    assert version.status == "draft" and version.definition == template.versions[0].definition
    assert copy.builtin_key is None
    services.set_archived(admin, template, True)
    assert template.archived
    assert _db.session.scalar(select(func.count()).select_from(ProjectTemplate)) == 2


def test_editor_stages(db, admin):
    draft = services.create_template(admin, **FIELDS).versions[0]
    first = editor.add_stage(admin, draft, name=n("启动", "Kickoff"), duration=3)
    second = editor.add_stage(admin, draft, name=n("设计"), duration=10, key="design")
    assert (first, second) == ("stage-1", "design")
    with pytest.raises(ServiceError) as error:
        editor.add_stage(admin, draft, name=n("重复"), duration=1, key="design")
    assert error.value.field == "key"
    editor.move_stage(admin, draft, "design", -1)
    assert [s["key"] for s in draft.definition["stages"]] == ["design", "stage-1"]
    editor.move_stage(admin, draft, "design", -1)  # already first: nothing happens
    gate = {"rule": "majority", "reviewer_roles": ["pm", "executive"], "reviewer_users": [],
            "checklist": [n("设计评审通过")]}
    editor.update_stage(admin, draft, "design", name=n("设计", "Design"), duration=12, gate=gate)
    assert draft.definition["stages"][0]["gate"]["rule"] == "majority"
    with pytest.raises(ServiceError) as error:
        editor.update_stage(admin, draft, "design", name=n("设计"), duration=12,
                            gate={**gate, "reviewer_roles": []})
    assert "at least one reviewer" in str(error.value.message)
    editor.delete_stage(admin, draft, "stage-1")
    assert [s["key"] for s in draft.definition["stages"]] == ["design"]


def test_editor_items(db, admin):
    draft = services.create_template(admin, **FIELDS).versions[0]
    key = editor.add_stage(admin, draft, name=n("部署"), duration=10)
    t1 = editor.add_item(admin, draft, key, "tasks", {"name": n("安装"), "owner_role": "engineer",
                                                      "duration": 3})
    t2 = editor.add_item(admin, draft, key, "tasks", {"name": n("调试"), "after": t1,
                                                      "duration": 2})
    assert (t1, t2) == ("t1", "t2")
    with pytest.raises(ServiceError) as error:
        editor.update_item(admin, draft, key, "tasks", t1, {"after": t2})
    assert "comes after itself through other tasks" in str(error.value.message)
    with pytest.raises(ServiceError) as error:
        editor.delete_item(admin, draft, key, "tasks", t1)
    assert "“t2” comes after this task" in str(error.value.message)
    m1 = editor.add_item(admin, draft, key, "milestones", {"name": n("部署完成"), "offset": 10})
    with pytest.raises(ServiceError) as error:
        editor.update_item(admin, draft, key, "milestones", m1, {"offset": 11})
    assert error.value.field == "offset"
    d1 = editor.add_item(admin, draft, key, "documents",
                         {"name": n("部署方案"), "approver_roles": ["pm"]})
    stage = draft.definition["stages"][0]
    assert stage["tasks"][1]["after"] == "t1" and stage["milestones"][0]["key"] == m1
    assert stage["documents"][0] == {"key": d1, "name": {"zh": "部署方案", "en": ""},
                                     "category": "technical",  # told by its name
                                     "description": "", "format_file_id": None,
                                     "approver_roles": ["pm"]}
    editor.delete_item(admin, draft, key, "tasks", t2)
    editor.delete_item(admin, draft, key, "tasks", t1)
    assert draft.definition["stages"][0]["tasks"] == []
    assert _db.session.scalar(select(func.count()).select_from(TemplateVersion)) == 1
