"""Configuration classes, read from the environment when instantiated.

`APP_ENV` picks the class (production unless told otherwise); every other
setting comes from a variable listed in `.env.example`, read and checked by
environs (a value it cannot parse stops the app with the variable's name).
"""

{% if cookiecutter.__i18n -%}
from typing import ClassVar

{% endif -%}
from environs import Env, EnvError
from marshmallow.validate import Range


class ConfigError(RuntimeError):
    """The settings would make the application unsafe or unable to run."""


# Development keys and placeholders that production must never run with.
INSECURE_SECRET_KEYS = {"", "change-me", "changeme", "secret", "dev", "not-so-secret"}
MIN_SECRET_KEY_LENGTH = 32
{%- set slug = cookiecutter.project_slug %}
{%- if cookiecutter.database != 'redis' %}
DEFAULT_DATABASE_URL = "{{ {
    'sqlite': 'sqlite:///' ~ slug ~ '.db',
    'postgresql': 'postgresql://' ~ slug ~ ':' ~ slug ~ '@localhost:5432/' ~ slug,
    'mysql': 'mysql://' ~ slug ~ ':' ~ slug ~ '@localhost:3306/' ~ slug,
    'mariadb': 'mariadb://' ~ slug ~ ':' ~ slug ~ '@localhost:3306/' ~ slug,
    'oracle': 'oracle://' ~ slug ~ ':' ~ slug ~ '@localhost:1521/?service_name=FREEPDB1',
    'mongodb': 'mongodb://localhost:27017/' ~ slug,
    'cassandra': 'cassandra://localhost:9042/' ~ slug,
}[cookiecutter.database] }}"
{%- endif %}
{%- if cookiecutter.__uses_redis %}
DEFAULT_REDIS_URL = "redis://localhost:6379/0"
{%- endif %}
# Request bodies larger than this are refused with 413 before they are read.
MAX_CONTENT_LENGTH = 1024 * 1024

# `flask` loads .env itself (python-dotenv); environs only parses what is in the environment.
env = Env(expand_vars=False)
{%- if cookiecutter.__sql %}


def sqlalchemy_url(url: str) -> str:
    """Point plain server URLs at the drivers this project installs.

    `postgresql://` and `mysql://` URLs (as hosting platforms hand them out)
    would otherwise make SQLAlchemy look for psycopg2 or MySQLdb.
    """
    drivers = {
        "postgres": "postgresql+psycopg",
        "postgresql": "postgresql+psycopg",
        "mysql": "mysql+pymysql",
        "mariadb": "mariadb+pymysql",
        "oracle": "oracle+oracledb",
    }
    scheme, separator, rest = url.partition("://")
    if separator and scheme in drivers:
        return f"{drivers[scheme]}://{rest}"
    return url
{%- endif %}


class Config:
    """Settings shared by every environment."""

    APP_NAME = {{ cookiecutter.project_name|python_string(column=15, indent=4) }}
    APP_DESCRIPTION = {{ cookiecutter.description|python_string(column=22, indent=4) }}
    DEBUG = False
    TESTING = False
    MAX_CONTENT_LENGTH = MAX_CONTENT_LENGTH

    # Cookies never travel over plain HTTP or reach JavaScript.
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
{%- if cookiecutter.__web %}
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # "Keep me logged in" lasts this long (seconds).
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 14
{%- if cookiecutter.security == 'strict' %}
    SESSION_COOKIE_SAMESITE = "Strict"
    REMEMBER_COOKIE_SAMESITE = "Strict"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24
{%- endif %}
{%- endif %}
    # werkzeug's scrypt (memory-hard); its default cost parameters.
    HASHING_METHOD = "scrypt"
{%- if cookiecutter.__web %}
    # How long a password-reset link works (seconds); it also stops working once used.
    PASSWORD_RESET_MAX_AGE = 60 * 60
{%- endif %}
{%- if cookiecutter.__limits %}
    LOGIN_RATE_LIMIT = "{{ '5 per minute' if cookiecutter.security == 'strict' else '10 per minute' }}"
{%- if cookiecutter.__api %}
    API_RATE_LIMIT = "60 per minute"
{%- endif %}
{%- endif %}
{%- if cookiecutter.security == 'strict' %}
    # Failed log-ins in a row that lock an account, and for how long.
    LOCKOUT_THRESHOLD = 5
    LOCKOUT_SECONDS = 15 * 60
{%- endif %}
{%- if cookiecutter.__api %}
    API_TITLE = APP_NAME
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    TOKEN_MAX_AGE = 60 * 60
{%- endif %}
{%- if cookiecutter.__i18n %}
    # Language codes and the names the switcher shows.
    LANGUAGES: ClassVar[dict[str, str]] = {"en": "English", "fr": "Français"}
    BABEL_DEFAULT_LOCALE = "en"
{%- endif %}

    def __init__(self) -> None:
        self.SECRET_KEY = env.str("SECRET_KEY", "")
{%- if cookiecutter.__api %}
        info = {"description": self.APP_DESCRIPTION}
        self.API_SPEC_OPTIONS = {"info": info}
{%- endif %}
{%- if cookiecutter.__sql %}
        self.SQLALCHEMY_DATABASE_URI = sqlalchemy_url(env.str("DATABASE_URL", DEFAULT_DATABASE_URL))
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
{%- elif cookiecutter.database in ['mongodb', 'cassandra'] %}
        self.DATABASE_URL = env.str("DATABASE_URL", DEFAULT_DATABASE_URL)
{%- endif %}
{%- if cookiecutter.__uses_redis %}
        self.REDIS_URL = env.str("REDIS_URL", DEFAULT_REDIS_URL)
{%- endif %}
{%- if cookiecutter.__limits %}
{%- if cookiecutter.__uses_redis %}
        # Shared by every worker and replica, so limits hold across processes.
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL
{%- else %}
        # Counted in this process: gunicorn.conf.py runs one worker unless this names a store
        # every worker shares (redis://...).
        self.RATELIMIT_STORAGE_URI = env.str("RATELIMIT_STORAGE_URI", "memory://")
{%- endif %}
{%- endif %}
{%- if cookiecutter.__web %}
        # The SMTP server that sends password-reset e-mail (Flask-Mail).
        self.MAIL_SERVER = env.str("MAIL_SERVER", "localhost")
        self.MAIL_PORT = env.int("MAIL_PORT", 25, validate=Range(min=1, max=65535))
        self.MAIL_USE_TLS = env.bool("MAIL_USE_TLS", False)
        self.MAIL_USERNAME = env.str("MAIL_USERNAME", "") or None
        self.MAIL_PASSWORD = env.str("MAIL_PASSWORD", "") or None
        self.MAIL_DEFAULT_SENDER = env.str("MAIL_DEFAULT_SENDER", "noreply@localhost")
{%- endif %}
        self.LOG_LEVEL = env.log_level("LOG_LEVEL", "INFO")
        # Reverse proxies in front of the app whose X-Forwarded-* headers to trust.
        self.PROXY_COUNT = env.int("PROXY_COUNT", 0, validate=Range(min=0))
        # Host names the app answers to (Flask answers 400 to any other); none means any.
        self.TRUSTED_HOSTS = env.list("TRUSTED_HOSTS", []) or None

    def check(self) -> None:
        """Raise ConfigError when the settings are unsafe for this environment."""


class DevelopmentConfig(Config):
    """Local development: debugger on, cookies allowed over http://localhost."""

    DEBUG = True
    SESSION_COOKIE_SECURE = False
{%- if cookiecutter.__web %}
    REMEMBER_COOKIE_SECURE = False
    # Password-reset e-mail is written to the log instead of sent.
    MAIL_SUPPRESS_SEND = True
{%- endif %}


class TestingConfig(Config):
    """The test suite: a throwaway database and a fixed key."""

    TESTING = True
    # Same algorithm at a low cost, so the suite creates accounts quickly.
    HASHING_METHOD = "scrypt:1024:8:1"
    SESSION_COOKIE_SECURE = False
{%- if cookiecutter.__web %}
    REMEMBER_COOKIE_SECURE = False
{%- endif %}
{%- if cookiecutter.__sql %}
    DEFAULT_TEST_DATABASE_URL = "sqlite://"
{%- endif %}

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = "test-secret-key-that-is-long-enough-for-hmac"  # noqa: S105
{%- if cookiecutter.__sql %}
        self.SQLALCHEMY_DATABASE_URI = sqlalchemy_url(
            env.str("DATABASE_URL", self.DEFAULT_TEST_DATABASE_URL)
        )
{%- endif %}
{%- if cookiecutter.__limits %}
        self.RATELIMIT_STORAGE_URI = "memory://"
{%- endif %}


class ProductionConfig(Config):
    """Deployed behind gunicorn: refuses to start with unsafe settings."""

    def __init__(self) -> None:
        super().__init__()
        self.DEBUG = env.bool("FLASK_DEBUG", False)

    def check(self) -> None:
        if self.SECRET_KEY.strip().lower() in INSECURE_SECRET_KEYS:
            raise ConfigError("SECRET_KEY is not set: production needs a random secret key")
        if len(self.SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(
                f"SECRET_KEY is too short: use at least {MIN_SECRET_KEY_LENGTH} random characters"
            )
        if self.DEBUG:
            raise ConfigError("FLASK_DEBUG is on: production must not run the debugger")
        if not self.TRUSTED_HOSTS:
            raise ConfigError(
                "TRUSTED_HOSTS is not set: production needs the host names it answers to"
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> Config:
    """The configuration named by APP_ENV, production by default."""
    name = env.str("APP_ENV", "production")
    if name not in CONFIGS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    try:
        return CONFIGS[name]()
    except EnvError as error:
        raise ConfigError(str(error)) from error
