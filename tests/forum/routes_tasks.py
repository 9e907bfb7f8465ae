"""Route-permission table of tasks (see tests/test_route_permissions.py).

world["task"]: a task of tests.projects.routes' project (team: owner, who is also its
assignee; the manager manages the project's department), which "outsider" and
"engineer" cannot see. Team tasks are for department managers."""
from datetime import date

from sicrm.forum.tasks import services
from tests.fixtures.routes import Case

TASK = {"task_id": "task"}
REFUSED = ("outsider", "engineer")
FORM = {"title": "核对设备清单", "priority": "high", "due_date": "2099-01-05"}

ROUTES = {
    "tasks.my_tasks": Case(allowed="engineer"),
    "tasks.team_tasks": Case(refused=("engineer", "outsider", "owner"), allowed="manager"),
    "tasks.project_tasks": Case(args={"project_id": "project"}, refused=REFUSED,
                                allowed="owner"),
    "tasks.task_create": Case("POST", args={"project_id": "project"}, data=FORM,
                              refused=REFUSED, allowed="owner"),
    "tasks.task_view": Case(args=TASK, refused=REFUSED, allowed="owner"),
    "tasks.task_edit": Case("POST", args=TASK, data=FORM, refused=REFUSED, allowed="owner"),
    "tasks.task_status": Case("POST", args=TASK, data={"status": "done"}, refused=REFUSED,
                              allowed="owner"),
    "tasks.task_assign": Case("POST", args=TASK, data={"assignee_id": ""},
                              refused=(*REFUSED, "finance"), allowed="manager"),
}


def populate(world):
    world["task"] = services.create_task(
        world["owner"], title="准备演示环境", assignee=world["owner"], project=world["project"],
        due_date=date(2099, 1, 5), today=date(2026, 3, 2))
