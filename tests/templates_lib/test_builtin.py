from sqlalchemy import func, select

from sicrm.extensions import db as _db
from sicrm.templates_lib import queries
from sicrm.templates_lib.builtin import BUILTIN, seed_builtin_templates
from sicrm.templates_lib.definition import task_schedule
from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion


def test_seeding_is_idempotent(db):
    assert seed_builtin_templates() == 3
    assert seed_builtin_templates() == 0
    assert _db.session.scalar(select(func.count()).select_from(TemplateVersion)) == 3
    templates = _db.session.scalars(select(ProjectTemplate).order_by(ProjectTemplate.id)).all()
    assert {t.builtin_key for t in templates} == set(BUILTIN)
    assert all(t.versions[0].status == "published" for t in templates)


def test_seeding_after_a_builtin_was_edited_adds_nothing(db, admin):
    seed_builtin_templates()
    template = _db.session.scalar(select(ProjectTemplate).where(
        ProjectTemplate.builtin_key == "standard_presales"))
    template.name_zh = "我们的售前流程"
    assert seed_builtin_templates() == 0


def test_builtin_content(db):
    seed_builtin_templates()
    versions = {v.template.builtin_key: v for v in
                _db.session.scalars(queries.published_versions_for())}
    presales = versions["standard_presales"].definition["stages"]
    assert [s["name"]["zh"] for s in presales] == [
        "线索", "立项", "需求调研", "方案与演示", "投标/报价", "合同评审", "签约"]
    assert presales[1]["gate"]["reviewer_roles"] == ["dept_manager", "executive"]
    assert presales[5]["gate"]["reviewer_roles"] == ["dept_manager", "executive", "finance"]
    assert [d["name"]["zh"] for d in presales[4]["documents"]] == ["投标文件", "报价单"]
    implementation = versions["standard_implementation"].definition["stages"]
    assert implementation[5]["name"]["zh"] == "验收"
    assert implementation[5]["gate"]["rule"] == "majority"
    bid = versions["government_bid"].definition["stages"]
    assert [s["name"]["zh"] for s in bid][0] == "招标公告" and bid[-1]["gate"] is not None
    for version in versions.values():
        for stage in version.definition["stages"]:
            assert stage["name"]["en"] and 1 <= len(stage["tasks"]) <= 3 and stage["milestones"]
            assert all(end <= stage["duration"] for _s, end in task_schedule(stage).values())
