"""Settings shared by every environment.

Whatever differs between a laptop and production is read from environment
variables (listed in .env.example); the modules beside this one only adjust
what their environment needs.
"""

{% if cookiecutter.security != "basic" -%}
from datetime import timedelta
{% endif -%}
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from environs import Env, validate

# environs reads and converts the variables, and names the one that is missing or malformed.
env = Env()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SITE_NAME = {{ cookiecutter.project_name | python_string(column=12) }}
# The pages' meta description (what search engines show under the title).
SITE_DESCRIPTION = {{ cookiecutter.description | python_string(column=19) }}

SECRET_KEY = env.str("DJANGO_SECRET_KEY", validate=validate.Length(min=1))
DEBUG = env.bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its createsuperuser (which checks the password rules) replaces Django's.
    "accounts",
{%- if cookiecutter.admin %}
    "django.contrib.admin",
{%- endif %}
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
{%- if cookiecutter.api == "rest" %}
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
{%- endif %}
{%- if cookiecutter.security != "basic" %}
    "axes",
{%- endif %}
{%- if cookiecutter.security == "strict" %}
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
{%- endif %}
    "core",
{%- if cookiecutter.api == "rest" %}
    "api",
{%- endif %}
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    # Before anything that builds a URL from the Host header (HTTPS redirects, API links).
    "core.middleware.HostPortMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
{%- if cookiecutter.django_version == "current" %}
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
{%- else %}
    "csp.middleware.CSPMiddleware",
{%- endif %}
    "django.contrib.sessions.middleware.SessionMiddleware",
{%- if cookiecutter.i18n %}
    "django.middleware.locale.LocaleMiddleware",
{%- endif %}
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
{%- if cookiecutter.security == "strict" %}
    "django_otp.middleware.OTPMiddleware",
{%- endif %}
    "django.contrib.messages.middleware.MessageMiddleware",
{%- if cookiecutter.security == "strict" %}
    "accounts.mfa.RequireVerifiedDeviceMiddleware",
{%- endif %}
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
{%- if cookiecutter.security != "basic" %}
    # Last, as django-axes requires: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
{%- endif %}
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL examples: sqlite:///db.sqlite3, postgresql://user:pass@host:5432/name,
# mysql://user:pass@host:3306/name (MySQL and MariaDB), oracle://user:pass@host:1521/service
DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env.int("DJANGO_CONN_MAX_AGE", {{ "60" if cookiecutter.scale in ["medium", "large"] else "0" }}),
        conn_health_checks=True,
    )
}
{%- if cookiecutter.database in ["mysql", "mariadb"] %}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    # Full Unicode (emoji included) and strict mode, as Django recommends.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"charset": "utf8mb4", "init_command": "SET sql_mode='STRICT_TRANS_TABLES'"}
    )
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
{%- endif %}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django's own limit on a request body read into memory (2.5 MB, its default, kept on
# purpose): a larger body is refused with 400 before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
{%- if cookiecutter.scale != "large" %}

# A cache in the database, shared by every worker (API throttling counts in it); its table
# is made by core's first migration.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}
{%- endif %}
{%- if cookiecutter.scale == "large" %}

REDIS_URL = env.str("REDIS_URL", "redis://localhost:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 5 * 60
{%- endif %}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
{%- if cookiecutter.security == "basic" %}

# scrypt ships with Django (no extra package) and is stronger than its PBKDF2 default.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# basic: a minimum length only.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
]
{%- else %}

# Argon2 won the Password Hashing Competition; the others still verify older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Checked wherever a password is set: sign-up, password change and reset, the admin's
# forms and createsuperuser (accounts/management/commands/createsuperuser.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses further attempts once AXES_FAILURE_LIMIT is reached.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins are counted in the database, which every gunicorn worker and every
# server of the deployment shares: the limit holds whatever WEB_CONCURRENCY is.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
{%- if cookiecutter.security == "standard" %}
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=15)
# A username is refused from the address its failed attempts come from: an attacker
# cannot lock its owner out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
{%- else %}
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=1)
# Account lockout: an account is locked after its failed attempts from anywhere, and an
# address after its failed attempts on any accounts. A password reset or an admin unlocks.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
OTP_TOTP_ISSUER = SITE_NAME
SESSION_COOKIE_AGE = 8 * 60 * 60
{%- endif %}
{%- endif %}
{%- if cookiecutter.admin %}

# The admin lives on an address of your choosing: set DJANGO_ADMIN_URL to something hard to guess.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
{%- endif %}

LANGUAGE_CODE = "en"
{%- if cookiecutter.i18n %}
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
{%- else %}
LANGUAGES = [("en", _("English"))]
{%- endif %}
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

{%- if cookiecutter.django_version == "current" %}
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
}
{%- else %}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
{%- endif %}
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Security headers and cookies; production.py switches on what needs HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
{%- if cookiecutter.api == "rest" %}
# The API docs page reads the CSRF cookie to send "Try it out" requests.
CSRF_COOKIE_HTTPONLY = False
{%- else %}
CSRF_COOKIE_HTTPONLY = True
{%- endif %}
{%- if cookiecutter.django_version == "current" %}
# Sent by Django's ContentSecurityPolicyMiddleware. The pages use no inline script or
# style, so everything comes from this site.
{%- else %}
# The policy in the shape of Django 6's SECURE_CSP, sent by django-csp until then (below).
# The pages use no inline script or style, so everything comes from this site.
{%- endif %}
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
{%- if cookiecutter.django_version == "lts" %}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": SECURE_CSP}
{%- endif %}
{%- if cookiecutter.api == "rest" %}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only (anything else is 415), and a body nested too deeply is a 400.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
{%- if cookiecutter.security != "basic" %}
    # Counted in the shared cache (CACHES), so every worker sees the same counts.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("DJANGO_API_ANON_RATE", "60/minute"),
        "user": env.str("DJANGO_API_USER_RATE", "600/minute"),
    },
{%- endif %}
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": SITE_NAME,
    "VERSION": "1.0.0",
    # Swagger UI's files are served from this site (drf-spectacular-sidecar): no CDN,
    # and nothing the Content-Security-Policy would have to allow.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # No deep links (each would be a link inside an operation's button), and the one of
    # Swagger UI's themes whose colours for JSON all read at 4.5:1 (static/js/api-docs.js
    # and css/api-docs.css fix the rest of what axe-core finds in its markup).
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": False,
        "syntaxHighlight": {"theme": "obsidian"},
    },
    # The errors each operation answers, documented beside its success (api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
{%- endif %}

# One JSON object a line (python-json-logger), each with the request's id: the
# X-Request-ID it came with, or one made for it (core.middleware.RequestIdMiddleware).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.middleware.RequestIdFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", "INFO")},
}
