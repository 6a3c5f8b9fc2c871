"""Two-factor authentication: authenticator-app codes (TOTP) and recovery codes (django-otp).

* /accounts/mfa/setup/ shows a new key (QR code and text); the first code from the
  app turns it on and shows ten single-use recovery codes, once.
* /accounts/mfa/verify/ is the second step of every login once it is on: a code
  from the app or a recovery code (django-otp's static device, each code used once).
* /accounts/mfa/ shows the state, makes new recovery codes and turns it off (password
  and a code needed); turning it on again starts with a new key.
* Staff must turn it on and enter a code before the admin opens.
"""

import base64

import django_otp
import qrcode
from django import forms
{%- if cookiecutter.admin %}
from django.conf import settings
{%- endif %}
from django.contrib import messages
from django.contrib.auth.decorators import login_required
{%- if cookiecutter.api == "rest" %}
from django.http import JsonResponse
{%- endif %}
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

RECOVERY_CODE_COUNT = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


class DisableForm(TokenForm):
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)

    field_order = ["password", "token"]


def qr_code_data_uri(text):
    """`text` as a QR code in an SVG data URI: an <img> the Content-Security-Policy allows."""
    svg = qrcode.make(text, image_factory=SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones; the codes, to show once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes"}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _code in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def throttled(user):
    """Why django-otp refuses any code now (wrong codes in a row make it wait), or None."""
    for device in django_otp.devices_for_user(user):
        allowed, details = device.verify_is_allowed()
        if not allowed and "locked_until" in (details or {}):
            seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
            return ngettext(
                "Too many wrong codes in a row. Wait %(seconds)d second, then try again.",
                "Too many wrong codes in a row. Wait %(seconds)d seconds, then try again.",
                seconds,
            ) % {"seconds": seconds}
    return None


def check_code(user, token):
    """(device, None) for a code that logs in, else (None, the message saying why not)."""
    waiting = throttled(user)
    device = django_otp.match_token(user, token)
    if device is not None:
        # match_token counted a failure on each device it tried first (the app's, for a
        # recovery code): a code that logs in clears them all.
        for tried in django_otp.devices_for_user(user):
            tried.throttle_reset()
        return device, None
    if waiting:
        return None, waiting
    totp = confirmed_totp(user)
    if totp is not None and totp.last_t >= 0:
        last = TOTP(totp.bin_key, totp.step, totp.t0, totp.digits, totp.drift)
        last.time = totp.t0 + totp.last_t * totp.step
        if token == f"{last.token():0{totp.digits}d}":
            return None, _("This code was just used; wait for the next one.")
    return None, _("That code is not valid.")


def render_recovery_codes(request, codes):
    return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes})


@login_required
def setup(request):
    """Show a new TOTP key and confirm it with the first code the app shows."""
    if confirmed_totp(request.user) is not None:
        return redirect("mfa_manage")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = TokenForm(request.POST or None)
    form.fields["token"].label = _("Code from your authenticator app")
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            django_otp.login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return render_recovery_codes(request, new_recovery_codes(request.user))
        form.add_error("token", _("That code is not valid. Try the next one."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": secret,
        "config_url": device.config_url,
        "qr_code": qr_code_data_uri(device.config_url),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def verify(request):
    """Second step of login for users who turned on two-factor authentication."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = resolve_url("dashboard")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device, refusal = check_code(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("You used a recovery code; %(left)d are left.") % {"left": left},
                )
            return redirect(next_url)
        form.add_error("token", refusal)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url})


@login_required
def manage(request):
    """The state of two-factor authentication, with the ways to change it."""
    device = confirmed_totp(request.user)
    static = StaticDevice.objects.filter(user=request.user).first()
    left = static.token_set.count() if static else 0
    context = {"enabled": device is not None, "recovery_codes_left": left}
    return render(request, "accounts/mfa_manage.html", context)


@require_POST
@login_required
def regenerate(request):
    """New recovery codes; the old ones stop working."""
    if confirmed_totp(request.user) is None:
        return redirect("mfa_setup")
    messages.success(request, _("New recovery codes made; the old ones no longer work."))
    return render_recovery_codes(request, new_recovery_codes(request.user))


@login_required
def disable(request):
    """Turn two-factor authentication off: the password and a current code are needed."""
    form = DisableForm(request.POST or None)
    if form.is_valid():
        token = form.cleaned_data["token"].strip()
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("That password is not right."))
        elif (refusal := check_code(request.user, token)[1]) is not None:
            form.add_error("token", refusal)
        else:
            for device in django_otp.devices_for_user(request.user, confirmed=None):
                device.delete()
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("dashboard")
    return render(request, "accounts/mfa_disable.html", {"form": form})


class RequireVerifiedDeviceMiddleware:
    """After the password, the second factor before any other page.

    Users with a device go to the verify page until they enter a code. Staff
    without one are sent to set it up before the admin opens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        own_pages = {reverse(name) for name in ("mfa_verify", "mfa_setup", "logout")}
        if request.path in own_pages:
            return self.get_response(request)
        query = urlencode({"next": request.get_full_path()})
        if django_otp.user_has_device(user):
{%- if cookiecutter.api == "rest" %}
            if request.path.startswith("/api/") and request.path != reverse("api-docs"):
                # The API answers in JSON, as it does everywhere, rather than with the page.
                detail = _("Enter a two-factor code on the site first.")
                return JsonResponse({"detail": detail}, status=403)
{%- endif %}
            return redirect(f"{reverse('mfa_verify')}?{query}")
{%- if cookiecutter.admin %}
        if user.is_staff and request.path.startswith(f"/{settings.ADMIN_URL}"):
            messages.info(request, _("Staff need two-factor authentication before the admin."))
            return redirect("mfa_setup")
{%- endif %}
        return self.get_response(request)
