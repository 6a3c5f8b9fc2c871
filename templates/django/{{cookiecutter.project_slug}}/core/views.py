import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
{%- if cookiecutter.scale == "large" %}
from django.core.cache import caches
{%- endif %}
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    """A page for signed-in users only."""
    return render(request, "core/dashboard.html")


@login_required
@permission_required("accounts.view_member_directory", raise_exception=True)
def members(request):
    """Authorization example: only users holding a permission (directly or by group) get in."""
    users = get_user_model().objects.order_by("username")
    return render(request, "core/members.html", {"members": users})


@never_cache
@require_safe
def health_live(request):
    """Liveness: the process answers requests (nothing else is checked)."""
    return JsonResponse({"status": "ok"})


def _database_answers():
    # is_usable pings the connection in each backend's own way (Oracle has no bare SELECT 1).
    connection.ensure_connection()
    if not connection.is_usable():
        raise DatabaseError("the database connection is not usable")
{%- if cookiecutter.scale == "large" %}


def _redis_answers():
    caches["default"].get("health-check")
{%- endif %}


READINESS_CHECKS = {
    "database": _database_answers,
{%- if cookiecutter.scale == "large" %}
    "redis": _redis_answers,
{%- endif %}
}


@never_cache
@require_safe
def health_ready(request):
    """Readiness: each service the site needs answers; 503 naming those that do not
    (the Flask starter answers the same)."""
    failed = []
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("readiness check %s failed", name)
            failed.append(name)
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Pages without a <link rel="icon"> (the admin's) make browsers ask for /favicon.ico."""
    return redirect(static("favicon.svg"), permanent=True)
