"""sicrm: a project-oriented CRM for system integrators."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from sicrm.config import PROJECT_DIR, load_config
from sicrm.core import blueprint as core_blueprint
from sicrm.core import i18n
from sicrm.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
from sicrm.forum import blueprint as forum_blueprint
from sicrm.knowledge import blueprint as knowledge_blueprint
from sicrm.projects import blueprint as projects_blueprint
from sicrm.templates_lib import blueprint as templates_blueprint
from sicrm.workflow import blueprint as workflow_blueprint

#: each package's blueprint module registers its routes (and its models' tables);
#: in dependency order
PACKAGES = (core_blueprint, templates_blueprint, projects_blueprint, workflow_blueprint,
            knowledge_blueprint, forum_blueprint)

try:
    __version__ = version("sicrm")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"


def create_app(config: dict | None = None) -> Flask:
    """Config, extensions, blueprints; nothing else (no migrations, no data)."""
    app = Flask(__name__)
    app.config.update(load_config(config))
    app.config["SICRM_VERSION"] = __version__
    if app.config["SICRM_TRUSTED_PROXIES"]:  # the client's address from X-Forwarded-For
        hops = app.config["SICRM_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    bootstrap.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    for package in PACKAGES:
        package.register(app)
    return app
