"""Registration, log-in and log-out."""

from flask import Blueprint, {% if cookiecutter.__limits %}current_app, {% endif %}flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from . import accounts{% if cookiecutter.security == 'strict' %}, mfa{% endif %}
{%- if cookiecutter.__limits %}
from .extensions import limiter
{%- endif %}
from .forms import LoginForm, RegisterForm
from .i18n import _
from .security import is_local_url

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        user = accounts.register(form.email.data, form.password.data)
        if user is None:
            form.email.errors.append(_("This email cannot be used. Try logging in instead."))
        else:
            flash(_("Your account is ready. Please log in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
{%- if cookiecutter.__limits %}
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
{%- endif %}
def login():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            # One message for every failure: it must not tell who has an account.
            flash(_("Invalid email or password."), "error")
        else:
            target = request.args.get("next")
{%- if cookiecutter.security == 'strict' %}
            if user.totp_secret:
                mfa.start_second_step(user, form.remember.data, target)
                return redirect(url_for("mfa.verify"))
{%- endif %}
            login_user(user, remember=form.remember.data)
            return redirect(target if is_local_url(target) else url_for("pages.home"))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    # A POST, so CSRFProtect checks its token: a link elsewhere cannot log users out.
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("pages.home"))
