"""Liveness and readiness endpoints for load balancers and orchestrators."""
{%- set separate_redis = cookiecutter.__uses_redis and cookiecutter.database != 'redis' %}

from collections.abc import Callable

{% if separate_redis -%}
import redis
{% endif -%}
from flask import Blueprint{% if separate_redis %}, Flask{% endif %}, current_app

from . import store

bp = Blueprint("health", __name__, url_prefix="/health")
{%- if separate_redis %}


def init_app(app: Flask) -> None:
    # Redis is part of this deployment (REDIS_URL): the app is not ready without it.
    app.extensions["health_redis"] = redis.Redis.from_url(
        app.config["REDIS_URL"], socket_timeout=2, socket_connect_timeout=2
    )


def ping_redis() -> None:
    """Raise if Redis does not answer."""
    current_app.extensions["health_redis"].ping()
{%- endif %}


def checks() -> dict[str, Callable[[], None]]:
    """What must answer before the app takes traffic, by the name a failure reports."""
    return {"database": store.ping{% if separate_redis %}, "redis": ping_redis{% endif %}}


@bp.get("/live")
def live():
    """The process is up and serving requests."""
    return {"status": "ok"}


@bp.get("/ready")
def ready():
    """The services the app depends on answer, so it can serve real traffic."""
    failed = []
    for name, check in checks().items():
        try:
            check()
        except Exception:
            current_app.logger.exception("readiness check failed: %s", name)
            failed.append(name)
    if failed:
        return {"status": "unavailable", "failed": failed}, 503
    return {"status": "ok"}
