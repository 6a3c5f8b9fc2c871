"""Sign-up plus Django's own views: login, logout, password change and reset."""

from django.urls import include, path

{% if cookiecutter.security == "strict" -%}
from . import mfa
{% endif -%}
from .views import SignUpView{% if cookiecutter.security != "basic" %}, UnlockingPasswordResetConfirmView{% endif %}

urlpatterns = [
    path("signup/", SignUpView.as_view(), name="signup"),
{%- if cookiecutter.security == "strict" %}
    path("mfa/", mfa.manage, name="mfa_manage"),
    path("mfa/setup/", mfa.setup, name="mfa_setup"),
    path("mfa/verify/", mfa.verify, name="mfa_verify"),
    path("mfa/recovery-codes/", mfa.regenerate, name="mfa_regenerate"),
    path("mfa/disable/", mfa.disable, name="mfa_disable"),
{%- endif %}
{%- if cookiecutter.security != "basic" %}
    path(
        "reset/<uidb64>/<token>/",
        UnlockingPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
{%- endif %}
    path("", include("django.contrib.auth.urls")),
]
