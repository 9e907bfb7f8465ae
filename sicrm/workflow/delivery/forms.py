"""Forms of the delivery pages. They validate; they never write."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import Optional

from sicrm.core.choices import options
from sicrm.core.forms import int_or_none, length, required
from sicrm.workflow.delivery.services.webhooks import KIND_LABELS


class WebhookTargetForm(FlaskForm):
    name = StringField(_l("Name"), validators=[required(), length(100)])
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS), validators=[required()])
    url = StringField(_l("Webhook address"), validators=[required(), length(500)])
    secret = PasswordField(
        _l("Signing secret"), validators=[Optional(), length(200)],
        description=_l("DingTalk: the 加签 secret (SEC…); Feishu: the signature key; "
                       "generic webhook: signs the body (X-Sicrm-Signature). Optional."))
    clear_secret = BooleanField(_l("Remove the stored secret"))
    department_id = SelectField(_l("Department"), coerce=int_or_none, validators=[Optional()])
    active = BooleanField(_l("Active"), default=True)


def preferences_form(kinds, current):
    """A form with, per kind, an app and an e-mail checkbox and a digest checkbox.
    `kinds`: kind → label; `current`: kind → (channels, digest)."""

    class PreferencesForm(FlaskForm):
        pass

    for kind, label in kinds.items():
        channels, digest = current[kind]
        setattr(PreferencesForm, f"{kind}__app",
                BooleanField(label, default="app" in channels))
        setattr(PreferencesForm, f"{kind}__email",
                BooleanField(label, default="email" in channels))
        setattr(PreferencesForm, f"{kind}__digest", BooleanField(label, default=digest))
    form = PreferencesForm()
    form.kinds = kinds
    return form


def preference_choices(form) -> dict[str, dict]:
    return {kind: {"channels": [c for c in ("app", "email") if form[f"{kind}__{c}"].data],
                   "digest": bool(form[f"{kind}__digest"].data)} for kind in form.kinds}
