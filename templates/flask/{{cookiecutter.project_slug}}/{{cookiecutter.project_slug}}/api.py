"""The JSON API: items to list, read and (with a bearer token) create.

Schemas validate every request and response and describe the API in the
OpenAPI document at /api/openapi.json, browsable at /api/docs.
"""
{%- set integer_ids = cookiecutter.__sql or cookiecutter.database == 'redis' %}

import json
from functools import wraps
from pathlib import Path
from typing import NoReturn

import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Flask, current_app, g, request, send_from_directory{% if not cookiecutter.__web %}, url_for{% endif %}
from flask_smorest import Blueprint, abort
from itsdangerous import BadSignature, URLSafeTimedSerializer
{%- if integer_ids %}
from werkzeug.routing import IntegerConverter
{%- endif %}

from . import accounts, store
from .extensions import api as openapi
{%- if cookiecutter.__limits %}
from .extensions import limiter
{%- endif %}
from .schemas import {% if integer_ids %}MAX_ID, {% endif %}CredentialsSchema, ItemSchema, PageArgsSchema, TokenSchema

bp = Blueprint("api", __name__, url_prefix="/api", description="Items and access tokens.")
{%- if cookiecutter.__limits %}
# Every API request is throttled per address; token requests also have their own,
# stricter limit (LOGIN_RATE_LIMIT).
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)
{%- endif %}

# The docs page and its Swagger UI files are served from here, so they work
# offline and satisfy the Content-Security-Policy (no inline script).
docs = FlaskBlueprint(
    "api_docs", __name__, static_folder="static/api-docs", static_url_path="/api/docs/static"
)
SWAGGER_UI_DIR = Path(swagger_ui_bundle.swagger_ui_path)

BEARER = {"bearerAuth": []}
# JSON bodies nested deeper than this are refused with 400 (Python's parser would
# otherwise recurse until it fails); the body size is capped by MAX_CONTENT_LENGTH.
MAX_JSON_DEPTH = 32
{%- if integer_ids %}


class IdConverter(IntegerConverter):
    """Ids in URLs: ASCII digits only (werkzeug's `int` also reads "٣" as 3), 1 to MAX_ID."""

    regex = r"[0-9]+"

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)
{%- endif %}


def json_body_problem(body: bytes) -> str | None:
    """Why a JSON body cannot be accepted: nested too deep, or text not Unicode or with NUL."""
    try:
        document = json.loads(body)
    except RecursionError:
        return f"JSON nested deeper than {MAX_JSON_DEPTH} levels."
    except ValueError:
        return None  # not JSON at all: the schema's parser answers that
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            try:
                value.encode()
            except UnicodeEncodeError:
                return "Text in the JSON body is not valid Unicode (a lone surrogate)."
            if "\x00" in value:  # PostgreSQL cannot store it, and no text needs it
                return "Text in the JSON body may not contain NUL characters."
        elif isinstance(value, list | dict):
            if depth > MAX_JSON_DEPTH:
                return f"JSON nested deeper than {MAX_JSON_DEPTH} levels."
            if isinstance(value, dict):
                pending.extend((key, depth) for key in value)
                value = list(value.values())
            pending.extend((item, depth + 1) for item in value)
    return None


@bp.before_request
def check_json_body() -> None:
    if request.is_json:
        problem = json_body_problem(request.get_data(cache=True))
        if problem:
            abort(400, message=problem)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="api-token")


def issue_token(user_id: str) -> str:
    return _serializer().dumps({"user_id": user_id})


def _unauthorized(message: str) -> NoReturn:
    abort(401, message=message, headers={"WWW-Authenticate": "Bearer"})


def token_required(view):
    """Reject the request with 401 unless it carries a valid, unexpired bearer token."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            _unauthorized("A bearer token is required.")
        try:
            claims = _serializer().loads(token, max_age=current_app.config["TOKEN_MAX_AGE"])
        except BadSignature:
            _unauthorized("The token is invalid or expired.")
        user = store.get_user(str(claims.get("user_id", "")))
        if user is None:
            _unauthorized("The token's account no longer exists.")
        g.api_user = user
        return view(*args, **kwargs)

    return wrapped


@bp.post("/tokens")
{%- if cookiecutter.__limits %}
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
{%- endif %}
@bp.arguments(CredentialsSchema)
@bp.response(200, TokenSchema)
@bp.alt_response(401, description="Wrong email or password.")
def create_token(credentials):
    """Exchange an account's email and password for a bearer token."""
    user = accounts.authenticate(credentials["email"], credentials["password"])
    if user is None:
        abort(401, message="Invalid email or password.")
    return {
        "token": issue_token(str(user.id)),
        "token_type": "Bearer",
        "expires_in": current_app.config["TOKEN_MAX_AGE"],
    }


@bp.get("/items")
@bp.arguments(PageArgsSchema, location="query")
@bp.response(200, ItemSchema(many=True))
def list_items(page):
    """The newest items first."""
    return store.list_items(limit=page["limit"], offset=page["offset"])


@bp.post("/items")
@token_required
@bp.arguments(ItemSchema)
@bp.response(201, ItemSchema)
@bp.alt_response(401, description="Missing or invalid bearer token.")
@bp.doc(security=[BEARER])
def create_item(data):
    """Create an item owned by the token's account."""
    return store.add_item(data["name"], data["description"], str(g.api_user.id))


@bp.get("/items/<{{ 'id:' if integer_ids else '' }}item_id>")
@bp.response(200, ItemSchema)
@bp.alt_response(404, description="No such item.")
def get_item(item_id):
    item = store.get_item({{ 'str(item_id)' if integer_ids else 'item_id' }})
    if item is None:
        abort(404, message="No item with this id.")
    return item
{%- if not cookiecutter.__web %}


@docs.get("/")
def index():
    """Where to start: the URL `flask run` prints leads to the docs, not to a 404."""
    return {
        "name": current_app.config["APP_NAME"],
        "description": current_app.config["APP_DESCRIPTION"],
        "docs": url_for("api_docs.docs_page"),
        "openapi": url_for("api-docs.openapi_json"),
        "health": {"live": url_for("health.live"), "ready": url_for("health.ready")},
    }
{%- endif %}


@docs.get("/api/docs")
def docs_page():
    return docs.send_static_file("index.html")


@docs.get("/api/docs/swagger-ui/<path:filename>")
def swagger_ui_files(filename):
    return send_from_directory(SWAGGER_UI_DIR, filename)


def init_app(app: Flask) -> None:
    """Register the API, its token scheme and its docs page."""
{%- if integer_ids %}
    app.url_map.converters["id"] = IdConverter
{%- endif %}
    openapi.init_app(app)
    openapi.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    openapi.register_blueprint(bp)
    app.register_blueprint(docs)
