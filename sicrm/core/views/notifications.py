"""The notification centre."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from sicrm.core import notifications
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import Notification
from sicrm.core.views.helpers import get_or_404, paginate, safe_next
from sicrm.extensions import db


@login_required
def notification_list():
    unread_only = request.args.get("unread") == "1"
    page = paginate(notifications.for_user(current_user, unread_only))
    return render_template("core/notifications.html", page=page, unread_only=unread_only,
                           text=notifications.text, confirm=ConfirmForm())


@login_required
def notification_open(notification_id: int):
    """Mark read and follow the link."""
    notification = get_or_404(Notification, notification_id)
    if notification.user_id != current_user.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        notifications.mark_read(current_user, notification.id)
        db.session.commit()
    return redirect(safe_next(notification.url) or url_for("core_notifications.notification_list"))


@login_required
def notification_read_all():
    if ConfirmForm().validate_on_submit():
        notifications.mark_read(current_user)
        db.session.commit()
    return redirect(url_for("core_notifications.notification_list"))
