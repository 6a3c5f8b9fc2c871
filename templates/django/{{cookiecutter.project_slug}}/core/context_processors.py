from django.apps import apps
from django.conf import settings


def site(request):
    """Values every page uses: the site's name, and whether two-factor login is offered."""
    return {"site_title": settings.SITE_NAME, "mfa_available": apps.is_installed("django_otp")}
