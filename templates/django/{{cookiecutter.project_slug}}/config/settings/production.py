"""Production: HTTPS only, secrets from the environment, mail over SMTP.

Refuses to start without DJANGO_SECRET_KEY (base.py reads it with no default).
`python manage.py check --deploy` passes with the values of .env.example.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", False)

# TLS ends at the proxy in front of gunicorn, which tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Container health checks call /health/live and /health/ready over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
{%- if cookiecutter.i18n %}
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
{%- endif %}

{%- if cookiecutter.django_version == "current" %}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env.str("DJANGO_EMAIL_HOST", "localhost"),
            "port": env.int("DJANGO_EMAIL_PORT", 587),
            "username": env.str("DJANGO_EMAIL_HOST_USER", ""),
            "password": env.str("DJANGO_EMAIL_HOST_PASSWORD", ""),
            "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", True),
        },
    }
}
{%- else %}
# Django 6.1 moves these into MAILERS (the current template's production.py has the shape).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", True)
{%- endif %}
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405
