"""Route-permission table for templates_lib (see tests/test_route_permissions.py)."""
import io
from types import SimpleNamespace

from sicrm.core.services.files import store_file
from sicrm.templates_lib.services import templates as services
from tests.fixtures.routes import Case
from tests.templates_lib.helpers import basic

TEMPLATE_FORM = {"name_zh": "新模板", "name_en": "New", "kind": "presales"}
REFUSED = ("engineer", "outsider")
DRAFT = {"version_id": "tpl_draft"}
STAGE = {**DRAFT, "stage_key": "tpl_stage"}
DOC_STAGE = {**DRAFT, "stage_key": "tpl_doc_stage"}


def _manage(method="POST", args=None, data=None, allowed="manager"):
    return Case(method, args=args or {}, data=data or {}, refused=REFUSED, allowed=allowed)


ROUTES: dict[str, Case] = {
    "templates_lib.template_list": Case(allowed="engineer"),
    "templates_lib.template_create": _manage(data=TEMPLATE_FORM),
    "templates_lib.template_import": _manage(),
    "templates_lib.template_view": Case(args={"template_id": "tpl_template"}, allowed="engineer"),
    "templates_lib.template_edit": _manage(args={"template_id": "tpl_template"},
                                           data=TEMPLATE_FORM,
                                           allowed="executive"),
    "templates_lib.template_start_draft": _manage(args={"template_id": "tpl_template"}),
    "templates_lib.template_clone": _manage(args={"template_id": "tpl_template"}),
    "templates_lib.template_archive": _manage(args={"template_id": "tpl_template"},
                                              data={"archived": "1"}),
    "templates_lib.version_view": Case(args={"version_id": "tpl_version"}, allowed="engineer"),
    "templates_lib.version_publish": _manage(args=DRAFT, data={"change_note": "调整"}),
    "templates_lib.version_discard": _manage(args=DRAFT, allowed="admin"),
    "templates_lib.version_export": Case(args={"version_id": "tpl_version"}, allowed="engineer"),
    "templates_lib.format_file": Case(args={"version_id": "tpl_version", "file_id": "tpl_format_file"},
                                      allowed="engineer"),
    "templates_lib.stage_create": _manage(args=DRAFT, data={"name_zh": "新阶段", "duration": "3"}),
    "templates_lib.stage_view": _manage("GET", args=STAGE),
    "templates_lib.stage_delete": _manage(args=STAGE),
    "templates_lib.stage_move": _manage(args=STAGE, data={"direction": "down"}),
    "templates_lib.task_create": _manage(args=STAGE, data={
        "tasks-new-name_zh": "新任务", "tasks-new-owner_role": "pm",
        "tasks-new-offset": "0", "tasks-new-duration": "1"}),
    "templates_lib.task_edit": _manage(args={**STAGE, "item_key": "tpl_task"}, data={
        "tasks-t2-name_zh": "改名", "tasks-t2-owner_role": "pm", "tasks-t2-after": "t1",
        "tasks-t2-offset": "0", "tasks-t2-duration": "2"}),
    "templates_lib.task_delete": _manage(args={**STAGE, "item_key": "tpl_task"}),
    "templates_lib.milestone_create": _manage(args=STAGE, data={
        "milestones-new-name_zh": "新里程碑", "milestones-new-offset": "1"}),
    "templates_lib.milestone_edit": _manage(args={**STAGE, "item_key": "tpl_milestone"}, data={
        "milestones-m1-name_zh": "改名", "milestones-m1-offset": "2"}),
    "templates_lib.milestone_delete": _manage(args={**STAGE, "item_key": "tpl_milestone"}),
    "templates_lib.document_create": _manage(args=DOC_STAGE, data={
        "documents-new-name_zh": "新文档"}),
    "templates_lib.document_edit": _manage(args={**DOC_STAGE, "item_key": "tpl_document"}, data={
        "documents-d1-name_zh": "改名"}),
    "templates_lib.document_delete": _manage(args={**DOC_STAGE, "item_key": "tpl_document"}),
}


def populate(world):
    admin = world["admin"]
    definition = basic()
    world["tpl_format_file"] = store_file(admin, io.BytesIO(b"PK\x03\x04 docx"), "立项申请表.docx")
    definition["stages"][1]["documents"][0]["format_file_id"] = world["tpl_format_file"].id
    template = services.create_template_from_definition(
        admin, name_zh="被测模板", name_en="Tested", kind="presales", definition=definition,
        publish=True, change_note="首版")
    world["tpl_template"] = template
    world["tpl_version"] = template.versions[0]
    world["tpl_draft"] = services.start_draft(admin, template)
    # url arguments that are keys, not ids (the table looks up `.id`)
    world["tpl_stage"] = SimpleNamespace(id="lead")
    world["tpl_doc_stage"] = SimpleNamespace(id="approval")
    world["tpl_task"] = SimpleNamespace(id="t2")
    world["tpl_milestone"] = SimpleNamespace(id="m1")
    world["tpl_document"] = SimpleNamespace(id="d1")
