"""The discussion board turns into work: the PM puts an engineer on the team, posts in
the project's board mentioning @engineer, turns the thread into a task for that
colleague in one step, and the engineer finds it in the "My tasks" widget of their
home page (and the thread they were mentioned in, linked from the task)."""
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_thread_becomes_a_task_on_the_colleagues_home_page(as_user, live_server):
    pm = as_user("pm")
    pm.goto(live_server + "/projects/?status=active")
    pm.locator("table tbody tr", has_text="云资源池扩容项目").locator(
        "a[href^='/projects/']").first.click()
    project_url = re.sub(r"[?#].*$", "", pm.url)
    project_id = project_url.rstrip("/").rsplit("/", 1)[1]

    # the engineer joins the implementation team (to see its board and take its tasks)
    pm.goto(project_url + "#tab-team")
    pm.locator("#member-form select[name=user_id]").select_option(label="赵磊")
    pm.locator("#member-form select[name=role]").select_option("engineer")
    pm.locator("#member-form button[type=submit]").click()
    expect(pm.locator(".alert-success").first).to_be_visible()

    # a thread in the project's board, mentioning the engineer
    pm.goto(f"{live_server}/forum/projects/{project_id}")
    pm.locator("a", has_text="New thread").first.click()
    pm.fill("#title", "机柜到货后的加电测试安排")
    pm.fill("#body", "@engineer 机柜周四到货，请安排**加电测试**并记录结果。")
    pm.locator("#body").press("Escape")
    pm.locator("main button[type=submit]", has_text="Post").click()
    expect(pm.locator("h1")).to_contain_text("机柜到货后的加电测试安排")
    thread_url = pm.url

    # one step: "Create a task" under the post, prefilled from the thread
    pm.locator("[data-post-action=task]").first.click()
    expect(pm.locator("#task-source")).to_be_visible()
    expect(pm.locator("#title")).to_have_value("机柜到货后的加电测试安排")
    expect(pm.locator("#description")).to_contain_text("请安排加电测试")
    pm.select_option("#assignee_id", label="赵磊")
    pm.fill("#due_date", (date.today() - timedelta(days=1)).isoformat())
    pm.locator("#task-form button[type=submit]").click()
    expect(pm.locator("#due_date ~ .invalid-feedback, .invalid-feedback").first).to_contain_text(
        "in the past")
    pm.fill("#due_date", (date.today() + timedelta(days=2)).isoformat())
    pm.select_option("#priority", "high")
    pm.locator("#task-form button[type=submit]").click()
    expect(pm.locator("#task-title")).to_contain_text("机柜到货后的加电测试安排")
    expect(pm.locator("#task-assignee")).to_contain_text("赵磊")
    expect(pm.locator("#task-thread")).to_be_visible()
    pm.goto(thread_url)
    expect(pm.locator("#thread-tasks")).to_contain_text("机柜到货后的加电测试安排")

    # the colleague: the task on the home page, the thread linked from it
    engineer = as_user("engineer")
    engineer.goto(live_server + "/")
    widget = engineer.locator("#widget-my-tasks")
    expect(widget).to_contain_text("机柜到货后的加电测试安排")
    widget.locator("a", has_text="机柜到货后的加电测试安排").click()
    expect(engineer.locator("#task-done")).to_be_visible()
    engineer.locator("#task-thread").click()
    expect(engineer.locator("h1")).to_contain_text("机柜到货后的加电测试安排")
    engineer.goto(live_server + "/notifications/")
    expect(engineer.locator("main")).to_contain_text("机柜到货后的加电测试安排")
