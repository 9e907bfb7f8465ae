"""Workflow: delivery of notifications beyond the app — e-mail over SMTP, group robots
(WeCom, DingTalk, Feishu) and generic webhooks — through the outbox, with retries,
per-user channel preferences and a daily digest."""
