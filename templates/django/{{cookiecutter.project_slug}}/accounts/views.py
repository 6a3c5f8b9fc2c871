{%- set limited = cookiecutter.security != "basic" -%}
{% if limited -%}
from axes.utils import reset as reset_failed_logins
from django.conf import settings
{% endif -%}
from django.contrib.auth import login
{%- if limited %}
from django.contrib.auth.views import PasswordResetConfirmView
{%- endif %}
{%- if cookiecutter.scale == "large" %}
from django.db import transaction
{%- endif %}
{%- if limited %}
from django.shortcuts import render
{%- endif %}
from django.urls import reverse_lazy
from django.views.generic import FormView
{%- if cookiecutter.scale == "large" %}

from core.tasks import send_welcome_email
{%- endif %}

from .forms import SignUpForm


class SignUpView(FormView):
    """Create an account and sign the new user in."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("dashboard")

    def form_valid(self, form):
        user = form.save()
{%- if cookiecutter.scale == "large" %}
        transaction.on_commit(lambda: send_welcome_email.delay(user.pk))
{%- endif %}
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return super().form_valid(form)
{%- if limited %}


class UnlockingPasswordResetConfirmView(PasswordResetConfirmView):
    """Django's "set a new password" page, which also clears the account's failed logins.

    The way out of a lockout: whoever can read the account's e-mail may log in again.
    """

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_failed_logins(username=form.user.get_username())
        return response


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers once the failure limit is reached (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
{%- endif %}
