"""The admin area: accounts and items to list, create, edit and delete, for administrators only.

A few views of the project's own rather than Flask-Admin: they go through store.py,
so they work on every database the starter supports (Flask-Admin's model views
cover SQLAlchemy and MongoDB only), and they keep the site's forms, CSRF tokens,
translations and Content-Security-Policy (no inline script).
"""

{% if cookiecutter.security == 'strict' -%}
import time
{% endif -%}
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, login_user

from . import accounts, store
from .forms import AdminEditUserForm, AdminItemForm, AdminNewUserForm, DeleteForm
from .i18n import _

bp = Blueprint("admin", __name__, url_prefix="/admin")
# The most rows each list shows.
LIST_LIMIT = 100


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


def _user_or_404(user_id: str):
    user = store.get_user(user_id)
    if user is None:
        abort(404)
    return user


def _item_or_404(item_id: str):
    item = store.get_item(item_id)
    if item is None:
        abort(404)
    return item


def _is_me(user) -> bool:
    return str(user.id) == str(current_user.id)


@bp.get("/")
@admin_required
def index():
    users = store.list_users(limit=LIST_LIMIT)
    return render_template(
        "admin/index.html",
        users=users,
        user_count=store.count_users(),
        items=store.list_items(limit=LIST_LIMIT),
        owners={str(user.id): user.email for user in users},
    )


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    form = AdminNewUserForm()
    if form.validate_on_submit():
        user = accounts.register(form.email.data, form.password.data, is_admin=form.is_admin.data)
        if user is None:
            form.email.errors.append(_("An account already uses this e-mail."))
        else:
            flash(_("Account %(email)s created.", email=user.email), "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<user_id>", methods=["GET", "POST"])
@admin_required
def edit_user(user_id: str):
    user = _user_or_404(user_id)
    form = AdminEditUserForm(account_email=user.email, is_admin=user.is_admin)
    if form.validate_on_submit():
        if _is_me(user) and not form.is_admin.data:
            form.is_admin.errors.append(_("You cannot take away your own administrator access."))
        else:
            user.is_admin = form.is_admin.data
            if form.password.data:
                user.password_hash = accounts.hash_password(form.password.data)
{%- if cookiecutter.security == 'strict' %}
            if form.unlock.data:
                user.failed_logins = 0
                user.locked_until = 0
            if form.reset_mfa.data:
                user.totp_secret = ""
                user.recovery_codes = ""
{%- endif %}
            store.save_user(user)
            if _is_me(user) and form.password.data:
                # A new password ends the sessions made with the old one: keep this one.
                login_user(user)
            flash(_("Account %(email)s saved.", email=user.email), "success")
            return redirect(url_for("admin.index"))
    return render_template(
        "admin/user_form.html",
        form=form,
        user=user,
        delete_form=DeleteForm(),
{%- if cookiecutter.security == 'strict' %}
        locked=user.locked_until > time.time(),
{%- endif %}
    )


@bp.post("/users/<user_id>/delete")
@admin_required
def delete_user(user_id: str):
    user = _user_or_404(user_id)
    if _is_me(user):
        flash(_("You cannot delete your own account."), "error")
        return redirect(url_for("admin.edit_user", user_id=user_id))
    store.delete_user(user)
    flash(_("Account %(email)s and its items deleted.", email=user.email), "success")
    return redirect(url_for("admin.index"))


@bp.route("/items/new", methods=["GET", "POST"])
@admin_required
def new_item():
    form = AdminItemForm()
    if form.validate_on_submit():
        store.add_item(form.name.data, form.description.data or "", str(current_user.id))
        flash(_("Item added."), "success")
        return redirect(url_for("admin.index"))
    return render_template("admin/item_form.html", form=form, item=None)


@bp.route("/items/<item_id>", methods=["GET", "POST"])
@admin_required
def edit_item(item_id: str):
    item = _item_or_404(item_id)
    form = AdminItemForm(obj=item)
    if form.validate_on_submit():
        item.name = form.name.data
        item.description = form.description.data or ""
        store.save_item(item)
        flash(_("Item saved."), "success")
        return redirect(url_for("admin.index"))
    return render_template("admin/item_form.html", form=form, item=item, delete_form=DeleteForm())


@bp.post("/items/<item_id>/delete")
@admin_required
def delete_item(item_id: str):
    store.delete_item(_item_or_404(item_id))
    flash(_("Item deleted."), "success")
    return redirect(url_for("admin.index"))
