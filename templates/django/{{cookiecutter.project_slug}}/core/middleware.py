"""A request id on every request, its response and every log line written while serving it;
and a Host header whose port is a real port."""

import contextvars
import logging
import re
import uuid

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port

# What an incoming X-Request-ID may be (a proxy's or a caller's id) to be kept as it is (the
# Flask starter's rule too); anything else is replaced, so a log line never carries markup or
# what a client made up at length.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
HEADER = "X-Request-ID"

_request_id = contextvars.ContextVar("request_id", default=None)


class RequestIdMiddleware:
    """Take the request's X-Request-ID when it is sane, else make one; echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Give each log record the id of the request being served (None outside one).

    Django logs a 4xx or 5xx response after the middleware has returned; those
    records carry the request itself.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or _request_id.get()
        return True


class HostPortMiddleware:
    """Refuse (400) a Host whose port is not 1-65535.

    Django checks the host name against ALLOWED_HOSTS but takes any digits as a
    port, so `Host: localhost:99999` would be written into the links it builds
    (the API's pagination, redirects).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _, port = split_domain_port(request.get_host())
        if port and not 1 <= int(port) <= 65535:
            raise DisallowedHost(f"Invalid port in the HTTP_HOST header: {port!r}.")
        return self.get_response(request)
