"""sicrm: a project-oriented CRM for system integrators."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from flask import Flask

from sicrm.config import PROJECT_DIR, load_config
from sicrm.core import i18n
from sicrm.core.blueprint import register as register_core
from sicrm.extensions import babel, bootstrap, csrf, db, login_manager, migrate
from sicrm.projects import models as _projects_models  # noqa: F401  (tables for metadata)
from sicrm.templates_lib import models as _templates_models  # noqa: F401
from sicrm.workflow import models as _workflow_models  # noqa: F401

try:
    __version__ = version("sicrm")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"


def create_app(config: dict | None = None) -> Flask:
    """Config, extensions, blueprints; nothing else (no migrations, no data)."""
    app = Flask(__name__)
    app.config.update(load_config(config))
    app.config["SICRM_VERSION"] = __version__
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    bootstrap.init_app(app)
    i18n.init_app(app)
    register_core(app)
    return app
