"""Two-factor authentication: authenticator-app codes (TOTP, pyotp) and recovery codes.

* /auth/mfa/ shows the state; /auth/mfa/enrol shows a new key (QR code and text), and
  the first code from the app turns it on and shows ten single-use recovery codes, once.
* After the password, log-in asks for an app code or a recovery code (/auth/mfa/verify).
  A code is accepted once (its time step is kept), recovery codes are stored hashed and
  deleted when used, and wrong codes are limited per account in Flask-Limiter's storage.
* /auth/mfa/recovery-codes makes new ones; /auth/mfa/disable turns it off with the
  password and a code; enrolling again starts with a new key.
{%- if cookiecutter.__admin %}
* Administrators must turn it on before the admin area opens (admin.py).
{%- endif %}
"""

import base64
import hashlib
import hmac
import secrets
import time

import pyotp
import qrcode
from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required, login_user
from limits import parse
from qrcode.image.svg import SvgPathImage
from werkzeug.security import check_password_hash

from . import store
from .extensions import limiter
from .forms import CodeForm, DisableMfaForm
from .i18n import _
from .security import is_local_url

bp = Blueprint("mfa", __name__, url_prefix="/auth/mfa")

RECOVERY_CODE_COUNT = 10
# Wrong codes allowed per account, counted where the log-in limits are (shared by workers).
WRONG_CODE_LIMIT = parse("5 per 5 minutes")
# How long the password step stays valid while the code is asked for.
SECOND_STEP_SECONDS = 5 * 60


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().lower().encode()).hexdigest()


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes (saved hashed); the codes, to show once."""
    codes = [
        base64.b32encode(secrets.token_bytes(5)).decode().lower()
        for _code in range(RECOVERY_CODE_COUNT)
    ]
    user.recovery_codes = " ".join(_hash(code) for code in codes)
    store.save_user(user)
    return codes


def _matching_step(secret: str, code: str) -> int | None:
    """The time step whose app code this is (one step of clock drift allowed), or None."""
    totp = pyotp.TOTP(secret)
    now = totp.timecode(time.time())
    for step in (now, now - 1, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def check_code(user, code: str) -> str | None:
    """Accept an app or recovery code for `user` (saving what it uses up); else why not."""
    key = str(user.id)
    if not limiter.limiter.test(WRONG_CODE_LIMIT, "mfa-code", key):
        reset_at = limiter.limiter.get_window_stats(WRONG_CODE_LIMIT, "mfa-code", key).reset_time
        seconds = max(1, int(reset_at - time.time()))
        return _("Too many wrong codes. Wait %(seconds)d seconds, then try again.", seconds=seconds)
    code = code.strip().replace(" ", "")
    step = _matching_step(user.totp_secret, code) if code.isdigit() else None
    if step is not None:
        if step <= user.totp_last_step:
            return _("This code was just used; wait for the next one.")
        user.totp_last_step = step
        store.save_user(user)
        return None
    hashes = user.recovery_codes.split()
    if code and _hash(code) in hashes:
        hashes.remove(_hash(code))
        user.recovery_codes = " ".join(hashes)
        store.save_user(user)
        flash(_("You used a recovery code; %(left)d are left.", left=len(hashes)), "warning")
        return None
    limiter.limiter.hit(WRONG_CODE_LIMIT, "mfa-code", key)
    return _("That code is not valid.")


def start_second_step(user, remember: bool, target: str | None) -> None:
    """After the right password: remember who is logging in until the code is entered."""
    session["mfa_pending"] = {
        "user_id": str(user.id),
        "remember": remember,
        "next": target if is_local_url(target) else None,
        "since": int(time.time()),
    }


def _pending_user():
    pending = session.get("mfa_pending") or {}
    if time.time() - pending.get("since", 0) > SECOND_STEP_SECONDS:
        return None, pending
    return store.get_user(pending.get("user_id", "")), pending


@bp.route("/verify", methods=["GET", "POST"])
def verify():
    user, pending = _pending_user()
    if user is None or not user.totp_secret:
        session.pop("mfa_pending", None)
        flash(_("Please log in again."), "error")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        refusal = check_code(user, form.code.data)
        if refusal is None:
            session.pop("mfa_pending", None)
            login_user(user, remember=pending.get("remember", False))
            return redirect(pending.get("next") or url_for("pages.home"))
        form.code.errors.append(refusal)
    return render_template("auth/mfa_verify.html", form=form)


@bp.get("/")
@login_required
def manage():
    left = len(current_user.recovery_codes.split())
    return render_template(
        "auth/mfa_manage.html", enabled=bool(current_user.totp_secret), codes_left=left
    )


def _qr_code_data_uri(text: str) -> str:
    """`text` as a QR code in an SVG data URI: an <img> the Content-Security-Policy allows."""
    svg = qrcode.make(text, image_factory=SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@bp.route("/enrol", methods=["GET", "POST"])
@login_required
def enrol():
    if current_user.totp_secret:
        return redirect(url_for("mfa.manage"))
    # The new key waits in the (signed, HttpOnly) session until its first code confirms it.
    secret = session.setdefault("mfa_new_secret", pyotp.random_base32())
    form = CodeForm()
    if form.validate_on_submit():
        step = _matching_step(secret, form.code.data.strip())
        if step is not None:
            user = store.get_user(str(current_user.id))
            user.totp_secret, user.totp_last_step = secret, step
            codes = new_recovery_codes(user)
            session.pop("mfa_new_secret")
            flash(_("Two-factor authentication is on."), "success")
            return render_template("auth/mfa_recovery_codes.html", codes=codes)
        form.code.errors.append(_("That code is not valid. Try the next one."))
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=current_user.email, issuer_name=current_app.config["APP_NAME"]
    )
    return render_template(
        "auth/mfa_enrol.html", form=form, secret=secret, uri=uri, qr_code=_qr_code_data_uri(uri)
    )


@bp.post("/recovery-codes")
@login_required
def regenerate():
    user = store.get_user(str(current_user.id))
    if not user.totp_secret:
        return redirect(url_for("mfa.enrol"))
    codes = new_recovery_codes(user)
    flash(_("New recovery codes made; the old ones no longer work."), "success")
    return render_template("auth/mfa_recovery_codes.html", codes=codes)


@bp.route("/disable", methods=["GET", "POST"])
@login_required
def disable():
    user = store.get_user(str(current_user.id))
    if not user.totp_secret:
        return redirect(url_for("mfa.manage"))
    form = DisableMfaForm()
    if form.validate_on_submit():
        if not check_password_hash(user.password_hash, form.password.data):
            form.password.errors.append(_("That password is not right."))
        elif (refusal := check_code(user, form.code.data)) is not None:
            form.code.errors.append(refusal)
        else:
            user.totp_secret, user.totp_last_step, user.recovery_codes = "", 0, ""
            store.save_user(user)
            flash(_("Two-factor authentication is off."), "success")
            return redirect(url_for("mfa.manage"))
    return render_template("auth/mfa_disable.html", form=form)
