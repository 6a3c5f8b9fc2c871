"""Content-Security-Policy header (Django 5.2 has none built in)."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Add settings.CONTENT_SECURITY_POLICY to responses that do not set their own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            " ".join([directive, *sources])
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
