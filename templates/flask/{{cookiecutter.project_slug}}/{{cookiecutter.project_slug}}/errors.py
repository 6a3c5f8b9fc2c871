"""Error responses: {% if cookiecutter.__web %}HTML pages for the site, JSON for the API{% else %}JSON for every error{% endif %}."""

from flask import Flask{% if cookiecutter.__web %}, render_template, request{% endif %}
from werkzeug.exceptions import HTTPException

# Headers of the error worth passing on (e.g. Allow on 405, Retry-After on 429).
KEPT_HEADERS = {"Allow", "Retry-After", "WWW-Authenticate"}


def _kept_headers(error: HTTPException) -> dict[str, str]:
    return {name: value for name, value in error.get_headers() if name in KEPT_HEADERS}


def json_error(error: HTTPException):
    # flask_smorest.abort and schema validation attach details to error.data.
    data = getattr(error, "data", None) or {}
    body = {
        "code": error.code,
        "status": error.name,
        "message": data.get("message", error.description),
    }
    if data.get("messages"):
        body["errors"] = data["messages"]
    return body, error.code, _kept_headers(error) | (data.get("headers") or {})
{%- if cookiecutter.__web %}


def handle_http_error(error: HTTPException):
    if request.path.startswith("/api/") or request.blueprint == "api":
        return json_error(error)
    return render_template("error.html", error=error), error.code, _kept_headers(error)
{%- endif %}


def init_app(app: Flask) -> None:
    """Handle every HTTP error, including the 500 Flask raises for an unhandled exception."""
    app.register_error_handler(HTTPException, {% if cookiecutter.__web %}handle_http_error{% else %}json_error{% endif %})
