"""Django's createsuperuser, checking DJANGO_SUPERUSER_PASSWORD against the password rules too.

Interactively Django already applies AUTH_PASSWORD_VALIDATORS; with --noinput it
takes the password from the environment unchecked. Here it is checked first.
"""

import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        return super().handle(*args, **options)
