"""Multi-factor authentication with time-based one-time passwords (django-otp).

A user turns it on at /accounts/mfa/setup/ by scanning a QR code with an
authenticator app. From then on, after the password, the user must enter the
app's current code before any other page opens.
"""

import base64

import django_otp
import qrcode
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def qr_code_data_uri(text):
    """`text` as a QR code in an SVG data URI: an <img> the Content-Security-Policy allows."""
    svg = qrcode.make(text, image_factory=SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@login_required
def setup(request):
    """Show a new TOTP key and confirm it with the first code the app shows."""
    if django_otp.user_has_device(request.user):
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("dashboard")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            django_otp.login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("dashboard")
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
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(next_url)
        form.add_error("token", _("That code is not valid."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url})


class RequireVerifiedDeviceMiddleware:
    """Send users who have a device but have not entered a code yet to the verify page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and request.path not in {reverse("mfa_verify"), reverse("logout")}
            and django_otp.user_has_device(user)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_verify')}?{query}")
        return self.get_response(request)
