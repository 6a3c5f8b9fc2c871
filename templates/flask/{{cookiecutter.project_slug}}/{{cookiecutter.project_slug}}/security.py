"""HTTP security headers, the check that keeps redirects on this site, and NUL refused."""

from urllib.parse import urlsplit

from flask import Flask, Response, abort, request

# Pages load scripts, styles and images from this site only: no inline code.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
{%- if cookiecutter.security == 'strict' %}
    "Referrer-Policy": "no-referrer",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Permitted-Cross-Domain-Policies": "none",
{%- else %}
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
{%- endif %}
}


def is_local_url(target: str | None) -> bool:
    """True for a path on this site, such as `/items`; False for anything that leaves it."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 32 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
{%- if cookiecutter.security == 'strict' %}
    # Pages and API answers may hold personal data: keep them out of every cache.
    if response.mimetype in {"text/html", "application/json"}:
        response.headers.setdefault("Cache-Control", "no-store")
{%- endif %}
    return response


def refuse_nul_characters() -> None:
    """A query or form value holding U+0000 is a 400: PostgreSQL refuses to store it (a 500)."""
    for _, values in (*request.args.lists(), *request.form.lists()):
        if any("\x00" in value for value in values):
            abort(400, "Text may not contain NUL characters.")


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)
