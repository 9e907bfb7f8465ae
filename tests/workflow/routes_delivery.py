"""Route-permission table for workflow.delivery (see tests/test_route_permissions.py)."""
from sicrm.core.models import OutboxMessage
from sicrm.extensions import db
from sicrm.workflow.models import WebhookTarget
from tests.fixtures.projects import make_project
from tests.fixtures.routes import Case

TARGET_FORM = {"name": "安防群机器人", "kind": "wecom", "active": "y",
               "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"}
ADMINS_ONLY = ("executive", "manager", "owner")

ROUTES = {
    "delivery.preferences": Case("POST", data={"gate_approved__app": "y"},
                                 allowed="engineer"),
    "delivery.outbox_list": Case(refused=ADMINS_ONLY),
    "delivery.outbox_retry": Case("POST", args={"message_id": "failed_message"},
                                  refused=ADMINS_ONLY),
    "delivery.outbox_retry_all": Case("POST", refused=ADMINS_ONLY),
    "delivery.target_list": Case(refused=("outsider", "engineer", "owner", "executive"),
                                 allowed="manager"),
    # only administrators set where a webhook POSTs (server-side request forgery)
    "delivery.target_create": Case(refused=("outsider", "engineer", "owner", "manager")),
    "delivery.target_edit": Case("POST", args={"target_id": "dept_target"}, data=TARGET_FORM,
                                 refused=("outsider", "engineer", "owner"), allowed="manager"),
    "delivery.target_delete": Case("POST", args={"target_id": "dept_target"},
                                   refused=("outsider", "engineer", "owner"),
                                   allowed="manager"),
    "delivery.target_test": Case("POST", args={"target_id": "project_target"},
                                 refused=("outsider", "engineer"), allowed="owner"),
    "delivery.project_targets": Case(args={"project_id": "hook_project"},
                                     refused=("outsider", "engineer"), allowed="owner"),
    "delivery.project_target_create": Case("POST", args={"project_id": "hook_project"},
                                           data=TARGET_FORM,
                                           refused=("outsider", "engineer", "owner")),
}


def populate(world):
    owner = world["owner"]
    world["hook_project"] = project = make_project(owner, customer=world["org"],
                                                   name="webhook project")
    world["dept_target"] = WebhookTarget(name="华北组群", kind="wecom",
                                         url="https://example.com/hook",
                                         department_id=owner.department_id)
    world["project_target"] = WebhookTarget(name="项目群", kind="feishu",
                                            url="https://example.com/feishu",
                                            project_id=project.id)
    world["failed_message"] = OutboxMessage(channel="email", recipient="a@example.com",
                                            subject="s", body="b", status="dead", attempts=8,
                                            last_error="boom")
    db.session.add_all([world["dept_target"], world["project_target"],
                        world["failed_message"]])
    db.session.flush()
