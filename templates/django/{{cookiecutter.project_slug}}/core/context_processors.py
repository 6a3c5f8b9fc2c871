from django.apps import apps
from django.conf import settings


def site(request):
    """Values every page uses: the site's name and description, and which parts the starter
    has (two-factor login, the admin, the API), for the pages that link to them."""
    return {
        "site_title": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "mfa_available": apps.is_installed("django_otp"),
        "admin_available": apps.is_installed("django.contrib.admin"),
        "api_available": apps.is_installed("api"),
    }
