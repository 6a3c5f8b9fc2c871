"""Error responses: {% if cookiecutter.__web %}HTML pages for the site, JSON for the API{% else %}JSON for every error{% endif %}."""

{% if cookiecutter.__web -%}
from html import escape

{% endif -%}
from flask import Flask{% if cookiecutter.__web %}, current_app, render_template, request{% endif %}
{%- if cookiecutter.__web %}
from flask_wtf.csrf import CSRFError
{%- endif %}
from werkzeug.exceptions import HTTPException
{%- if cookiecutter.__web %}

from .i18n import _l
{%- endif %}

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


# Titles and texts of the error pages: werkzeug's own are in English only.
PAGE_TEXTS = {
    400: (_l("Bad Request"), _l("The server could not understand the request.")),
    403: (_l("Forbidden"), _l("You do not have permission to open this page.")),
    404: (_l("Not Found"), _l("There is no page at this address. Check it and try again.")),
    405: (_l("Method Not Allowed"), _l("This page does not accept this kind of request.")),
    429: (_l("Too Many Requests"), _l("Too many requests in a short time. Try again later.")),
    500: (_l("Internal Server Error"), _l("Something went wrong on the server. Try again later.")),
}


# The page for when the site's own layout cannot be rendered: no URLs, no template.
PLAIN_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{code} {title}</title></head>"
    "<body><main><h1>{code} {title}</h1><p>{text}</p></main></body></html>"
)


def handle_http_error(error: HTTPException):
    if request.path.startswith("/api/") or request.blueprint == "api":
        return json_error(error)
    title, text = PAGE_TEXTS.get(error.code, (error.name, error.description))
    # A reason given where the error was raised; not Flask-Limiter's "10 per 1 minute".
    if error.description != type(error).description and error.code != 429:
        text = error.description
    if isinstance(error, CSRFError):  # "The CSRF token has expired.", in English only
        text = _l("This form has expired. Go back, reload the page and try again.")
    try:
        page = render_template("error.html", error=error, title=title, text=text)
    except Exception:
        # The request itself may be what is broken (a Host no URL can be built for):
        # the answer must still be this error, not a 500 from the error page.
        current_app.logger.exception("error page could not be rendered")
        page = PLAIN_PAGE.format(code=error.code, title=escape(str(title)), text=escape(str(text)))
    return page, error.code, _kept_headers(error)
{%- endif %}


def init_app(app: Flask) -> None:
    """Handle every HTTP error, including the 500 Flask raises for an unhandled exception."""
    app.register_error_handler(HTTPException, {% if cookiecutter.__web %}handle_http_error{% else %}json_error{% endif %})
