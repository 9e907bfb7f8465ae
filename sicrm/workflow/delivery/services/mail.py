"""E-mail over SMTP: queued in the caller's transaction, sent by the outbox drain.

Subject and body are rendered in the recipient's language when queued; the message
carries a plain-text part and an HTML part made from the same text.

Delivery is at least once: a sender killed between the SMTP server's answer and the
"sent" commit sends the message again after its lease. Each message therefore has a
Message-ID derived from its outbox row (`outbox_message_id`), the same on every try,
so mail clients and servers that collapse duplicates show it once."""
from __future__ import annotations

import hashlib
import hmac
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from flask import current_app

from sicrm.core.models import OutboxMessage, User
from sicrm.workflow.delivery.services.common import DeliveryError, queue_message

TLS_MODES = ("none", "starttls", "ssl")


def smtp_configured() -> bool:
    return bool(current_app.config.get("SICRM_SMTP_HOST"))


def queue_email(user: User, subject: str, body: str, url: str | None = None,
                dedupe_key: str | None = None) -> OutboxMessage | None:
    """Queue one e-mail to `user`, already rendered (see common.user_locale).
    Nothing is queued (None) for a user without an address or an inactive one, while
    SMTP is not configured, or when `dedupe_key` was queued before."""
    if user is None or not user.active or not user.email or not smtp_configured():
        return None
    return queue_message("email", user.email, subject, body, url=url, user_id=user.id,
                         dedupe_key=dedupe_key)


def _text(body: str, url: str | None) -> str:
    if url and url not in body:
        body = f"{body.rstrip()}\n\n{url}"
    return body.rstrip() + "\n"


_LINK = re.compile(r"https?://[^\s<>\"]+")


def _html(subject: str, body: str, url: str | None) -> str:
    """The same text as HTML: paragraphs, line breaks, and every address a link."""
    def linkify(line: str) -> str:
        return _LINK.sub(lambda match: f'<a href="{match.group(0)}">{match.group(0)}</a>',
                         escape(line))

    paragraphs = ["<p>" + "<br>\n".join(linkify(line) for line in block.splitlines()) + "</p>"
                  for block in _text(body, url).strip().split("\n\n")]
    return ("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{escape(subject)}</title></head>\n<body>\n"
            + "\n".join(paragraphs) + "\n</body></html>\n")


def outbox_message_id(outbox_id: int) -> str:
    """The Message-ID of outbox row `outbox_id`: stable across retries, and unique to
    this installation (a keyed hash of the row id, so two installations differ)."""
    config = current_app.config
    token = hmac.new(str(config["SECRET_KEY"]).encode(), f"outbox:{outbox_id}".encode(),
                     hashlib.sha256).hexdigest()[:16]
    domain = config["SICRM_MAIL_FROM"].rpartition("@")[2].strip("<> ") or "sicrm.localhost"
    return f"<sicrm.outbox.{outbox_id}.{token}@{domain}>"


def build_message(recipient: str, subject: str, body: str, url: str | None,
                  outbox_id: int | None = None) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["SICRM_MAIL_FROM"]
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = outbox_message_id(outbox_id) if outbox_id is not None \
        else make_msgid(domain=config["SICRM_MAIL_FROM"].rpartition("@")[2] or None)
    message.set_content(_text(body, url))
    message.add_alternative(_html(subject, body, url), subtype="html")
    return message


def send(envelope) -> None:
    """Hand one message to the SMTP server; DeliveryError when it is not taken."""
    config = current_app.config
    if not smtp_configured():
        raise DeliveryError("SMTP is not configured (SICRM_SMTP_HOST)")
    mode = config["SICRM_SMTP_TLS"]
    if mode not in TLS_MODES:
        raise DeliveryError(f"SICRM_SMTP_TLS must be one of {', '.join(TLS_MODES)}")
    message = build_message(envelope.recipient, envelope.subject, envelope.body, envelope.url,
                            outbox_id=envelope.id)
    host, port, timeout = config["SICRM_SMTP_HOST"], config["SICRM_SMTP_PORT"], \
        config["SICRM_SMTP_TIMEOUT"]
    try:
        if mode == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            if mode == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if config["SICRM_SMTP_USER"]:
                smtp.login(config["SICRM_SMTP_USER"], config["SICRM_SMTP_PASSWORD"])
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        raise DeliveryError(f"recipient refused: {error.recipients}",
                            permanent=all(code >= 500 for code in codes)) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"{type(error).__name__}: {error}",
                            timeout=isinstance(error, TimeoutError)) from error
