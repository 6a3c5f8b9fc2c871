from django.contrib.auth import login
{%- if cookiecutter.scale == "large" %}
from django.db import transaction
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
