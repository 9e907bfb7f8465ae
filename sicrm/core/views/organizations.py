"""Organisations and contacts pages."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from sicrm.core import permissions as P
from sicrm.core import queries
from sicrm.core.audit_display import describe
from sicrm.core.choices import (
    DECISION_ROLES,
    INDUSTRIES,
    LEVELS,
    ORG_KIND_LABELS,
    PROVINCES,
    pairs,
)
from sicrm.core.errors import DuplicateWarning, ServiceError
from sicrm.core.forms import ConfirmForm, ContactForm, OrganizationForm
from sicrm.core.models import Contact, Organization, User
from sicrm.core.models.organizations import ORG_KINDS
from sicrm.core.org_sections import render_contact_sections, render_sections
from sicrm.core.services import organizations as services
from sicrm.core.views.helpers import (
    arg_int,
    check_version,
    commit_service,
    get_or_404,
    paginate,
    show_error,
    submit_once,
)
from sicrm.core.text import by_pinyin
from sicrm.extensions import db

#: what only those who work with the organisation see of its contacts
CONTACT_DETAIL_FIELDS = ("mobile", "phone", "email")


def _owner_choices(form) -> None:
    users = db.session.execute(
        select(User.id, User.full_name).where(User.active.is_(True)).order_by(User.full_name)
    ).all()
    form.owner_id.choices = pairs(by_pinyin(users))


def _org_fields(form: OrganizationForm) -> dict:
    fields = {
        key: form[key].data
        for key in ("name", "short_name", "credit_code", "industry", "province", "city",
                    "level", "address", "website", "notes", "owner_id")
    }
    fields = {key: (value.strip() if isinstance(value, str) else value) or None
              for key, value in fields.items()}
    fields["name"] = fields["name"] or ""
    for kind in ORG_KINDS:
        fields[f"is_{kind}"] = kind in (form.kinds.data or [])
    return fields


@login_required
@P.require("org.view")
def org_list():
    args = {
        "q": request.args.get("q", "").strip(),
        "kind": request.args.get("kind", ""),
        "industry": request.args.get("industry", ""),
        "province": request.args.get("province", ""),
        "level": request.args.get("level", ""),
        "owner_id": arg_int("owner"),
        "sort": request.args.get("sort", "name"),
    }
    page = paginate(queries.organizations(**args))
    return render_template(
        "core/org_list.html",
        page=page,
        args=args,
        filtered=any(value for key, value in args.items() if key != "sort"),
        kinds=ORG_KIND_LABELS,
        industries=INDUSTRIES,
        provinces=PROVINCES,
        levels=LEVELS,
        can_create=P.can_create_organization(current_user),
    )


@login_required
@P.require("org.create")
def org_create():
    form = OrganizationForm(owner_id=current_user.id, kinds=["customer"])
    _owner_choices(form)
    duplicates = []
    if form.validate_on_submit():
        submit_once(form)
        try:
            org = services.create_organization(
                current_user, confirm_duplicates=form.confirm_duplicates.data, **_org_fields(form)
            )
        except DuplicateWarning as warning:
            db.session.rollback()
            duplicates = warning.candidates
            form.form_errors.append(warning.message)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Organisation %(name)s created.", name=org.name), "success")
            return redirect(url_for("orgs.org_view", org_id=org.id))
    return render_template("core/org_form.html", form=form, org=None, duplicates=duplicates)


@login_required
def org_duplicates():
    """JSON for the form's live warning: likely duplicates of a typed name."""
    P.ensure(P.can_create_organization(current_user))
    found = services.find_duplicates(
        request.args.get("name", ""), request.args.get("credit_code"),
        exclude_id=arg_int("exclude"),
    )
    return {
        "duplicates": [
            {"id": o.id, "name": o.name, "credit_code": o.credit_code,
             "url": url_for("orgs.org_view", org_id=o.id)}
            for o in found
        ]
    }


def _conceal(details: bool):
    """Hide contacts' numbers and e-mail in history from readers who may not see them."""
    if details:
        return None
    return lambda entry: CONTACT_DETAIL_FIELDS if entry.object_type == "Contact" else ()


@login_required
def org_view(org_id: int):
    org = get_or_404(Organization, org_id)
    P.ensure(P.can_view_organization(current_user, org))
    history = db.session.scalars(queries.record_history("Organization", org.id).limit(50)).all()
    details = P.can_see_contact_details(current_user, org)
    return render_template(
        "core/org_view.html",
        org=org,
        history=history,
        changes=describe(history, _conceal(details)),
        sections=render_sections(current_user, org),
        details=details,
        can_edit=P.can_edit_organization(current_user, org),
        can_delete=P.can_delete_organization(current_user, org),
        confirm=ConfirmForm(),
        labels={"kinds": ORG_KIND_LABELS, "industries": INDUSTRIES, "provinces": PROVINCES,
                "levels": LEVELS, "decision_roles": DECISION_ROLES},
    )


@login_required
def org_edit(org_id: int):
    org = get_or_404(Organization, org_id)
    P.ensure(P.can_edit_organization(current_user, org))
    form = OrganizationForm(obj=org, kinds=org.kinds)
    _owner_choices(form)
    if form.validate_on_submit() and commit_service(
            lambda: services.update_organization(current_user, org, **_org_fields(form)),
            form, _("Saved.")):
        return redirect(url_for("orgs.org_view", org_id=org.id))
    return render_template("core/org_form.html", form=form, org=org, duplicates=[])


@login_required
def org_delete(org_id: int):
    org = get_or_404(Organization, org_id)
    P.ensure(P.can_delete_organization(current_user, org))
    form = ConfirmForm()
    if form.validate_on_submit() and commit_service(
            lambda: services.delete_organization(current_user, org),
            success=_("Organisation %(name)s deleted.", name=org.name)):
        return redirect(url_for("orgs.org_list"))
    return redirect(url_for("orgs.org_view", org_id=org.id))


# -- contacts ---------------------------------------------------------------------------


def _contact_fields(form: ContactForm) -> dict:
    fields = {
        key: (form[key].data.strip() or None) if isinstance(form[key].data, str) else form[key].data
        for key in ("name", "title", "department", "mobile", "phone", "email",
                    "decision_role", "relationship_strength", "notes")
    }
    fields["name"] = fields["name"] or ""
    return fields


@login_required
@P.require("org.view")
def contact_list():
    args = {"q": request.args.get("q", "").strip(),
            "decision_role": request.args.get("decision_role", "")}
    by_details = P.sees_all_contact_details(current_user)
    page = paginate(queries.contacts(**args, by_details=by_details))
    return render_template("core/contact_list.html", page=page, args=args,
                           decision_roles=DECISION_ROLES, by_details=by_details,
                           details=P.contact_detail_orgs(
                               current_user, {c.organization for c in page.items}))


@login_required
def contact_view(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    org = contact.organization
    P.ensure(P.can_view_organization(current_user, org))
    history = db.session.scalars(queries.record_history("Contact", contact.id).limit(50)).all()
    details = P.can_see_contact_details(current_user, org)
    return render_template(
        "core/contact_view.html", contact=contact, org=org, history=history,
        changes=describe(history, _conceal(details)),
        sections=render_contact_sections(current_user, contact), details=details,
        can_edit=P.can_edit_organization(current_user, org), confirm=ConfirmForm(),
        decision_roles=DECISION_ROLES)


def _save_contact(form: ContactForm, save) -> tuple[object | None, list]:
    """Run `save(confirm_duplicates)`; a DuplicateWarning shows its candidates and
    the box to tick; other refusals show on the form (a stale save too, and a form
    sent twice acts once, as in commit_service)."""
    submit_once(form)
    try:
        check_version(form)
        contact = save(form.confirm_duplicates.data)
    except DuplicateWarning as warning:
        db.session.rollback()
        form.form_errors.append(warning.message)
        return None, warning.candidates
    except ServiceError as error:
        db.session.rollback()
        show_error(form, error)
        return None, []
    db.session.commit()
    return contact, []


@login_required
def contact_create(org_id: int):
    org = get_or_404(Organization, org_id)
    P.ensure(P.can_edit_organization(current_user, org))
    form = ContactForm()
    duplicates = []
    if form.validate_on_submit():
        contact, duplicates = _save_contact(form, lambda confirmed: services.create_contact(
            current_user, org, confirm_duplicates=confirmed, **_contact_fields(form)))
        if contact is not None:
            flash(_("Contact %(name)s added.", name=contact.name), "success")
            return redirect(url_for("orgs.contact_view", contact_id=contact.id))
    return render_template("core/contact_form.html", form=form, org=org, contact=None,
                           duplicates=duplicates)


@login_required
def contact_edit(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    org = contact.organization
    P.ensure(P.can_edit_organization(current_user, org))
    form = ContactForm(obj=contact)
    duplicates = []
    if form.validate_on_submit():
        saved, duplicates = _save_contact(form, lambda confirmed: services.update_contact(
            current_user, contact, confirm_duplicates=confirmed, **_contact_fields(form)))
        if saved is not None:
            flash(_("Saved."), "success")
            return redirect(url_for("orgs.contact_view", contact_id=contact_id))
    return render_template("core/contact_form.html", form=form, org=org, contact=contact,
                           duplicates=duplicates)


@login_required
def contact_delete(contact_id: int):
    contact = get_or_404(Contact, contact_id)
    org = contact.organization
    P.ensure(P.can_edit_organization(current_user, org))
    if ConfirmForm().validate_on_submit():
        services.delete_contact(current_user, contact)
        db.session.commit()
        flash(_("Contact deleted."), "success")
    return redirect(url_for("orgs.org_view", org_id=org.id))
