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
        "SICRM_PASSWORD_MIN_LENGTH": _int("SICRM_PASSWORD_MIN_LENGTH", 8),
        "SICRM_MAX_UPLOAD_MB": _int("SICRM_MAX_UPLOAD_MB", 50),
        "SICRM_STORAGE_DIR": os.environ.get("SICRM_STORAGE_DIR", str(instance / "files")),
        "MAX_CONTENT_LENGTH": (_int("SICRM_MAX_UPLOAD_MB", 50) + 1) * 1024 * 1024,
        "SICRM_PROJECT_CODE_FORMAT": os.environ.get(
            "SICRM_PROJECT_CODE_FORMAT", "{prefix}-{year}-{number:04d}"),
        "SICRM_PROJECT_CODE_PREFIXES": _pairs(os.environ.get(
            "SICRM_PROJECT_CODE_PREFIXES", "presales=PS,implementation=IM")),
        "BOOTSTRAP_SERVE_LOCAL": True,
    }
    if overrides:
        config.update(overrides)
    return config
