"""Background work run by Celery workers."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _


@shared_task
def send_welcome_email(user_id):
    """E-mail a newly signed-up user; returns the address written to."""
    user = get_user_model().objects.get(pk=user_id)
    send_mail(
        _("Welcome"),
        _("Your account %(username)s is ready.") % {"username": user.username},
        None,
        [user.email],
    )
    return user.email
