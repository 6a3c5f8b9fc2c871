from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), help_text=_("Needed to reset your password."))

    class Meta:
        model = User
        fields = ("username", "email")
