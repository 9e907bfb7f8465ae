"""One English word, several meanings: each meaning has its own translation (pgettext),
so a document's title is not a contact's job title, a task's normal priority not a
normal customer. Notification-preference labels and alarm levels read as words."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from flask import render_template_string
from flask_babel import force_locale, gettext, pgettext

from sicrm.core import notifications
from sicrm.core import roles as R
from sicrm.core.choices import LEVELS
from sicrm.forum.tasks.choices import PRIORITY_LABELS
from sicrm.workflow.alarms.messages import STATUS_LABELS, level_label
from tests.fixtures.factories import make_user


@pytest.mark.parametrize("context, word, meant, generic", [
    ("contact", "Title", "职务", "标题"),
    ("customer", "Level", "客户级别", "级别"),
    ("customer level", "Normal", "普通客户", "普通"),
    ("business", "Category", "业务类别", "类别"),
    ("alarm", "Open", "未处理", "待完成"),
    ("expense", "Waiting", "待审批", "待评审"),
    ("approval", "Comment", "审批意见", "评审意见"),
])
def test_each_meaning_has_its_translation(app, context, word, meant, generic):
    with app.test_request_context(), force_locale("zh_CN"):
        assert pgettext(context, word) == meant
        assert gettext(word) == generic
        # the same in templates: Flask-Babel installs pgettext in Jinja
        assert render_template_string("{{ pgettext(c, w) }}|{{ _(w) }}", c=context,
                                      w=word) == f"{meant}|{generic}"


def test_labels_in_use(app):
    with app.test_request_context(), force_locale("zh_CN"):
        assert str(PRIORITY_LABELS["normal"]) == "普通"
        assert str(LEVELS["normal"]) == "普通客户"
        assert str(STATUS_LABELS["open"]) == "未处理"
        assert gettext("User") == "用户"


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_notification_preference_labels_are_words_not_templates(app, locale):
    with app.test_request_context(), force_locale(locale):
        raw = {kind: str(label) for kind, label in notifications.LABELS.items()
               if "%(" in str(label)}
    assert raw == {}


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_notification_preferences_page_shows_no_raw_placeholder(login_as, db, locale):
    user = make_user(roles=[R.ENGINEER], locale=locale)
    html = login_as(user).get("/notifications/preferences").get_data(as_text=True)
    assert "%(" not in html


def test_alarm_levels_say_what_they_mean(app):
    due = date(2026, 3, 12)
    reminder = SimpleNamespace(kind="task_reminder", level=5, due_date=due)
    milestone = SimpleNamespace(kind="reminder", level=3, due_date=due)
    overdue = SimpleNamespace(kind="task_overdue", level=1, due_date=due)
    with app.test_request_context(), force_locale("en"):
        assert level_label(reminder) == ("Reminder 5 working day(s) before the due date "
                                         "(Mar 12, 2026)")
        assert "3 working day(s) before" in level_label(milestone)
        assert level_label(overdue) == "Escalation level 2 (due Mar 12, 2026)"
    with app.test_request_context(), force_locale("zh_CN"):
        assert level_label(reminder) == "到期日（2026年3月12日）前 5 个工作日的提醒"
        assert "6 级" not in level_label(reminder)
