"""gunicorn settings; each can be overridden from the environment."""

{% if cookiecutter.scale != 'small' -%}
import multiprocessing
{% endif -%}
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
{%- if cookiecutter.__memory_limits %}
# The log-in{% if cookiecutter.__api %} and token{% endif %} rate limits are counted in the process's memory (this project has
# no Redis), so one worker process serves every request, with threads: the documented
# limits hold. on_starting() below refuses more workers unless RATELIMIT_STORAGE_URI
# names a store they share (redis://...).
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
{%- elif cookiecutter.scale == 'small' %}
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
# gunicorn 25.1+ opens a control socket for `gunicornc` at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl), which every instance that
# user starts on the host would share; this project does not use it.
control_socket_disable = True
{%- if cookiecutter.__memory_limits %}


def on_starting(server):
    """Refuse to multiply the rate limits by the number of workers."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if server.cfg.workers > 1 and storage.startswith("memory://"):
        raise RuntimeError(
            f"{server.cfg.workers} workers would each count the rate limits in their own memory:"
            " set RATELIMIT_STORAGE_URI to a Redis URL, or WEB_CONCURRENCY=1"
        )
{%- endif %}
