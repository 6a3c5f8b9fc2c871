"""The application factory."""
{%- set modules = ['commands', 'errors', 'health', 'logs', 'security', 'store'] %}
{%- if cookiecutter.__web %}{% set modules = modules + ['auth', 'i18n', 'pages'] %}{% endif %}
{%- if cookiecutter.__admin %}{% set modules = modules + ['admin'] %}{% endif %}
{%- if cookiecutter.__web and cookiecutter.security == 'strict' %}{% set modules = modules + ['mfa'] %}{% endif %}
{%- if cookiecutter.__api %}{% set modules = modules + ['api'] %}{% endif %}
{%- set extensions = [] %}
{%- if cookiecutter.__web %}{% set extensions = extensions + ['csrf'] %}{% endif %}
{%- if cookiecutter.__limits %}{% set extensions = extensions + ['limiter'] %}{% endif %}
{%- if cookiecutter.__web %}{% set extensions = extensions + ['login_manager', 'mail'] %}{% endif %}

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import {{ modules|sort|join(', ') }}
{%- if cookiecutter.__web %}
from .accounts import user_for_session
{%- endif %}
from .config import Config, config_from_env
{%- if extensions %}
from .extensions import {{ extensions|join(', ') }}
{%- endif %}


def create_app(config: Config | None = None) -> Flask:
    """Build the application; the configuration comes from APP_ENV when not given."""
    config = config or config_from_env()
    config.check()

    app = Flask(__name__)
    app.config.from_object(config)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    logs.init_app(app)
    security.init_app(app)
    store.init_app(app)
{%- if cookiecutter.__uses_redis and cookiecutter.database != 'redis' %}
    health.init_app(app)
{%- endif %}
{%- if cookiecutter.__limits %}
    limiter.init_app(app)
{%- endif %}
{%- if cookiecutter.__web %}
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = i18n._l("Please log in to see this page.")
    login_manager.user_loader(user_for_session)
    mail.init_app(app)
    i18n.init_app(app)
{%- endif %}

    app.register_blueprint(health.bp)
{%- if cookiecutter.__web %}
    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
{%- endif %}
{%- if cookiecutter.__web and cookiecutter.security == 'strict' %}
    app.register_blueprint(mfa.bp)
{%- endif %}
{%- if cookiecutter.__admin %}
    app.register_blueprint(admin.bp)
{%- endif %}
{%- if cookiecutter.__api %}
    api.init_app(app)
{%- if cookiecutter.__web %}
    # The API authenticates with bearer tokens, not cookies: CSRF cannot reach it.
    csrf.exempt(api.bp)
{%- endif %}
{%- endif %}

    errors.init_app(app)
    commands.init_app(app)
    return app
