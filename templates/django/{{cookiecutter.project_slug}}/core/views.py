from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


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
def health(request):
    """For load balancers and container health checks: the process runs and the database answers."""
    connection.ensure_connection()
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Pages without a <link rel="icon"> (the admin's) make browsers ask for /favicon.ico."""
    return redirect(static("favicon.svg"), permanent=True)
