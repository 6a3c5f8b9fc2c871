"""Registration, log-in, log-out and password reset."""

import smtplib

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_mail import Message

from . import accounts{% if cookiecutter.security == 'strict' %}, mfa{% endif %}, store
from .extensions import {% if cookiecutter.__limits %}limiter, {% endif %}mail
from .forms import LoginForm, RegisterForm, ResetPasswordForm, ResetRequestForm
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


def send_reset_email(user) -> None:
    """E-mail the account a reset link; a mail server that fails is logged, not shown."""
    link = url_for("auth.reset_password", token=accounts.reset_token(user), _external=True)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    message = Message(
        subject=_("Reset your password on %(site)s", site=current_app.config["APP_NAME"]),
        recipients=[user.email],
        body=render_template("auth/reset_email.txt", link=link, minutes=minutes),
    )
    try:
        mail.send(message)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("the password-reset e-mail could not be sent")
    if current_app.debug:
        current_app.logger.info("password-reset e-mail (development, not sent):\n%s", message.body)


@bp.route("/reset", methods=["GET", "POST"])
{%- if cookiecutter.__limits %}
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
{%- endif %}
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = store.find_user(accounts.normalize_email(form.email.data))
        if user is not None:
            send_reset_email(user)
        # The same answer whether or not the account exists.
        flash(_("If an account uses this e-mail, a reset link is on its way."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = accounts.user_for_reset_token(token)
    if user is None:
        flash(_("This reset link is not valid any more. Ask for a new one."), "error")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm(account_email=user.email)
    if form.validate_on_submit():
        accounts.set_password(user, form.password.data)
        flash(_("Your password is changed. Please log in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
