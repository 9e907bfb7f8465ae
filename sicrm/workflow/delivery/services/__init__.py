"""Delivery services. Web requests only write outbox rows (`queue_email`,
`webhooks.queue_for_project`); the scheduler sends them (`outbox.drain`) and the
daily digest (`digest.send_digests`)."""
from __future__ import annotations

from sicrm.workflow.delivery.services.mail import queue_email

__all__ = ["queue_email"]
