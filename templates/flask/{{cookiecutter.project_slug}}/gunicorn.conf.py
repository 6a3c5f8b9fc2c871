"""gunicorn settings; each can be overridden from the environment."""

{% if cookiecutter.scale != 'small' -%}
import multiprocessing
{% endif -%}
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
{%- if cookiecutter.scale == 'small' %}
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
{%- elif cookiecutter.scale == 'medium' %}
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
{%- else %}
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
{%- endif %}
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so a slow leak cannot grow forever.
max_requests = 1000
max_requests_jitter = 100
# The app writes its own JSON request log; gunicorn only reports errors.
accesslog = None
errorlog = "-"
# Proxy headers are handled by the app (PROXY_COUNT), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
