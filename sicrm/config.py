"""Settings: embedded defaults, overridden by SICRM_* environment variables."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def _instance_dir() -> Path:
    return Path(os.environ.get("SICRM_INSTANCE_DIR", PROJECT_DIR / "instance")).resolve()


def _secret_key(instance: Path) -> str:
    """A random key kept in the instance folder, so sessions survive restarts."""
    if os.environ.get("SICRM_SECRET_KEY"):
        return os.environ["SICRM_SECRET_KEY"]
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _pairs(text: str) -> dict:
    """"a=1,b=2" → {"a": "1", "b": "2"}."""
    return dict(part.split("=", 1) for part in text.split(",") if "=" in part)


def load_config(overrides: dict | None = None) -> dict:
    instance = _instance_dir()
    instance.mkdir(parents=True, exist_ok=True)
    config = {
        "INSTANCE_DIR": str(instance),
        "SECRET_KEY": _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "SICRM_DATABASE_URL", f"sqlite:///{instance / 'sicrm.db'}"
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SICRM_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": _int("SICRM_SESSION_HOURS", 12) * 3600,
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": os.environ.get("SICRM_DEFAULT_LOCALE", "zh_CN"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("SICRM_TIMEZONE", "Asia/Shanghai"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PACKAGE_DIR / "translations"),
        "SICRM_LOCALES": ("zh_CN", "en"),
        "SICRM_CURRENCY": os.environ.get("SICRM_CURRENCY", "CNY"),
        "SICRM_PAGE_SIZE": _int("SICRM_PAGE_SIZE", 20),
        "SICRM_LOGIN_MAX_FAILURES": _int("SICRM_LOGIN_MAX_FAILURES", 5),
        "SICRM_LOGIN_LOCK_MINUTES": _int("SICRM_LOGIN_LOCK_MINUTES", 15),
        # after MAX_FAILURES for one username from one client, that client waits this
        # long, doubling with each further failure (at most LOCK_MINUTES)
        "SICRM_LOGIN_BACKOFF_SECONDS": _int("SICRM_LOGIN_BACKOFF_SECONDS", 30),
        # per-client (IP) limits on login attempts (Flask-Limiter syntax); the storage
        # is in memory per process unless a Redis URI is given (several workers/hosts)
        "SICRM_LOGIN_RATE_LIMIT": os.environ.get("SICRM_LOGIN_RATE_LIMIT",
                                                 "10 per minute;200 per day"),
        # reverse proxies in front of the app (nginx: 1): the client's address, which
        # login limits and back-off count by, is then taken from X-Forwarded-For
        # a rendered form's one-time token is remembered this long after its use
        "SICRM_SUBMISSION_KEEP_DAYS": _int("SICRM_SUBMISSION_KEEP_DAYS", 7),
        "SICRM_SUBMISSION_CLEANUP_SECONDS": _int("SICRM_SUBMISSION_CLEANUP_SECONDS", 3600),
        "SICRM_TRUSTED_PROXIES": _int("SICRM_TRUSTED_PROXIES", 0),
        "RATELIMIT_STORAGE_URI": os.environ.get("SICRM_RATELIMIT_STORAGE_URI", "memory://"),
        "SICRM_PASSWORD_MIN_LENGTH": _int("SICRM_PASSWORD_MIN_LENGTH", 8),
        "SICRM_MAX_UPLOAD_MB": _int("SICRM_MAX_UPLOAD_MB", 50),
        "SICRM_STORAGE_DIR": os.environ.get("SICRM_STORAGE_DIR", str(instance / "files")),
        "MAX_CONTENT_LENGTH": (_int("SICRM_MAX_UPLOAD_MB", 50) + 1) * 1024 * 1024,
        # stored files no row refers to (a killed upload, a kept upload never
        # submitted) are removed by the scheduler once older than the grace period
        "SICRM_ORPHAN_GRACE_HOURS": _int("SICRM_ORPHAN_GRACE_HOURS", 24),
        "SICRM_ORPHAN_SWEEP_SECONDS": _int("SICRM_ORPHAN_SWEEP_SECONDS", 3600),
        # knowledge imports: a zip upload larger than this runs in the scheduler; a
        # running import whose heartbeat is older than the lease is marked failed
        "SICRM_KB_IMPORT_INLINE_FILES": _int("SICRM_KB_IMPORT_INLINE_FILES", 20),
        "SICRM_KB_IMPORT_INLINE_MB": _int("SICRM_KB_IMPORT_INLINE_MB", 20),
        "SICRM_KB_IMPORT_SECONDS": _int("SICRM_KB_IMPORT_SECONDS", 10),
        "SICRM_KB_IMPORT_LEASE_SECONDS": _int("SICRM_KB_IMPORT_LEASE_SECONDS", 300),
        "SICRM_PROJECT_CODE_FORMAT": os.environ.get(
            "SICRM_PROJECT_CODE_FORMAT", "{prefix}-{year}-{number:04d}"),
        "SICRM_PROJECT_CODE_PREFIXES": _pairs(os.environ.get(
            "SICRM_PROJECT_CODE_PREFIXES", "presales=PS,implementation=IM")),
        # document numbers: PS-2026-0042-TEC-003 (fields: project, category, number,
        # year, stage); category codes override the built-in ones (technical=TEC, …)
        "SICRM_DOCUMENT_NUMBER_FORMAT": os.environ.get(
            "SICRM_DOCUMENT_NUMBER_FORMAT", "{project}-{category}-{number:03d}"),
        "SICRM_DOCUMENT_CATEGORY_CODES": _pairs(os.environ.get(
            "SICRM_DOCUMENT_CATEGORY_CODES", "")),
        "BOOTSTRAP_SERVE_LOCAL": True,
        # alarms: the alarm day starts at this local hour; the scheduler's timing
        "SICRM_ALARM_HOUR": _int("SICRM_ALARM_HOUR", 8),
        "SICRM_SCHEDULER_LEASE_SECONDS": _int("SICRM_SCHEDULER_LEASE_SECONDS", 60),
        "SICRM_SCAN_SECONDS": _int("SICRM_SCAN_SECONDS", 60),
        # a locked or failing database: the job store pauses this long between tries;
        # the process exits (status 1, for its supervisor) after this long without it
        "SICRM_SCHEDULER_RETRY_SECONDS": _int("SICRM_SCHEDULER_RETRY_SECONDS", 10),
        "SICRM_SCHEDULER_GIVE_UP_SECONDS": _int("SICRM_SCHEDULER_GIVE_UP_SECONDS", 900),
        "SICRM_DRAIN_SECONDS": _int("SICRM_DRAIN_SECONDS", 15),
        "SICRM_DIGEST_HOUR": _int("SICRM_DIGEST_HOUR", 8),
        # search: the Whoosh index directory, the indexer's interval, and whether a
        # web request indexes what it changed right after its commit (without waiting
        # for the index lock; the scheduler's indexer catches up otherwise)
        "SICRM_SEARCH_DIR": os.environ.get("SICRM_SEARCH_DIR", str(instance / "search")),
        # whoosh (a directory on one host) or postgresql (in the database, shared by
        # every web host); empty: postgresql on PostgreSQL, whoosh otherwise
        "SICRM_SEARCH_BACKEND": os.environ.get("SICRM_SEARCH_BACKEND", ""),
        "SICRM_SEARCH_INDEX_SECONDS": _int("SICRM_SEARCH_INDEX_SECONDS", 5),
        "SICRM_SEARCH_INLINE": os.environ.get("SICRM_SEARCH_INLINE", "1") == "1",
        # delivery beyond the app: e-mail (off while SICRM_SMTP_HOST is empty), webhooks
        "SICRM_SMTP_HOST": os.environ.get("SICRM_SMTP_HOST", ""),
        "SICRM_SMTP_PORT": _int("SICRM_SMTP_PORT", 587),
        "SICRM_SMTP_TLS": os.environ.get("SICRM_SMTP_TLS", "starttls"),  # none, starttls, ssl
        "SICRM_SMTP_USER": os.environ.get("SICRM_SMTP_USER", ""),
        "SICRM_SMTP_PASSWORD": os.environ.get("SICRM_SMTP_PASSWORD", ""),
        "SICRM_SMTP_TIMEOUT": _int("SICRM_SMTP_TIMEOUT", 30),
        "SICRM_MAIL_FROM": os.environ.get("SICRM_MAIL_FROM", "sicrm@localhost"),
        # links in e-mails and robot messages; empty: the address the web is served
        # under (core/base_url.py)
        "SICRM_BASE_URL": os.environ.get("SICRM_BASE_URL", ""),
        # outgoing e-mail and robot messages wait for these local hours (empty: any hour)
        "SICRM_DELIVERY_HOURS": os.environ.get("SICRM_DELIVERY_HOURS", "08:00-21:00"),
        "SICRM_WEBHOOK_TIMEOUT": _int("SICRM_WEBHOOK_TIMEOUT", 5),
        # hosts webhooks may reach although they are not public (comma-separated)
        "SICRM_WEBHOOK_ALLOWED_HOSTS": os.environ.get("SICRM_WEBHOOK_ALLOWED_HOSTS", ""),
        "SICRM_OUTBOX_MAX_ATTEMPTS": _int("SICRM_OUTBOX_MAX_ATTEMPTS", 8),
        "SICRM_OUTBOX_RETRY_SECONDS": _int("SICRM_OUTBOX_RETRY_SECONDS", 60),
    }
    if overrides:
        config.update(overrides)
    # the test suite is not rate-limited, except by the tests of the limits
    config.setdefault("SICRM_RATELIMIT_ENABLED", not config.get("TESTING", False)
                      and os.environ.get("SICRM_RATELIMIT_ENABLED", "1") == "1")
    return config
