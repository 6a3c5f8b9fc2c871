"""The admin area: only accounts with is_admin may see it."""

from functools import wraps

from flask import Blueprint, abort, {% if cookiecutter.security == 'strict' %}flash, redirect, {% endif %}render_template{% if cookiecutter.security == 'strict' %}, url_for{% endif %}
from flask_login import current_user, login_required

from . import store
{%- if cookiecutter.security == 'strict' %}
from .i18n import _
{%- endif %}

bp = Blueprint("admin", __name__, url_prefix="/admin")


def admin_required(view):
    """Log-in first, then 403 for accounts that are not administrators."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
{%- if cookiecutter.security == 'strict' %}
        if not current_user.totp_secret:
            flash(_("Administrators need two-factor authentication before the admin area."), "info")
            return redirect(url_for("mfa.enrol"))
{%- endif %}
        return view(*args, **kwargs)

    return wrapped


@bp.get("/")
@admin_required
def index():
    return render_template(
        "admin/index.html", users=store.list_users(), user_count=store.count_users()
    )
