"""Liveness and readiness endpoints for load balancers and orchestrators."""

from flask import Blueprint, current_app

from . import store

bp = Blueprint("health", __name__, url_prefix="/health")


@bp.get("/live")
def live():
    """The process is up and serving requests."""
    return {"status": "ok"}


@bp.get("/ready")
def ready():
    """The database answers, so the app can serve real traffic."""
    try:
        store.ping()
    except Exception:
        current_app.logger.exception("readiness check failed")
        return {"status": "unavailable"}, 503
    return {"status": "ok"}
