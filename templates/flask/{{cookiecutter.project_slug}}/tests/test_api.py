"""The JSON API: items, bearer tokens, validation, JSON errors, OpenAPI docs."""
{%- set integer_ids = cookiecutter.__sql or cookiecutter.database == 'redis' %}

import pytest

from {{ cookiecutter.project_slug }} import accounts

from .conftest import PASSWORD


@pytest.fixture
def token(app, client):
    with app.test_request_context():
        accounts.register("ada@example.com", PASSWORD)
    response = client.post("/api/tokens", json={"email": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 200
    return response.json["token"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_list_starts_empty(client):
    response = client.get("/api/items")
    assert response.status_code == 200
    assert response.json == []


def test_create_then_read_an_item(client, token):
    response = client.post(
        "/api/items", json={"name": "Bike", "description": "red"}, headers=bearer(token)
    )
    assert response.status_code == 201
    item = response.json
    assert item["name"] == "Bike"
    assert set(item) == {"id", "name", "description", "owner_id", "created_at"}

    assert client.get(f"/api/items/{item['id']}").json == item
    assert [listed["id"] for listed in client.get("/api/items").json] == [item["id"]]


def test_list_pages_with_limit_and_offset(client, token):
    for name in ("one", "two", "three"):
        client.post("/api/items", json={"name": name}, headers=bearer(token))
    response = client.get("/api/items?limit=1&offset=1")
    assert [item["name"] for item in response.json] == ["two"]


def test_token_needs_the_right_password(client, token):
    response = client.post("/api/tokens", json={"email": "ada@example.com", "password": "wrong"})
    assert response.status_code == 401
    assert response.json["message"] == "Invalid email or password."


def test_unknown_account_gets_the_same_answer(client):
    response = client.post("/api/tokens", json={"email": "nobody@example.com", "password": "x"})
    assert response.status_code == 401
    assert response.json["message"] == "Invalid email or password."


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer forged.token", "Basic abc"])
def test_writes_need_a_valid_token(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/items", json={"name": "Bike"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json["code"] == 401


def test_expired_token_is_refused(make_app, monkeypatch):
    app = make_app(TOKEN_MAX_AGE=-1)
    client = app.test_client()
    with app.test_request_context():
        accounts.register("ada@example.com", PASSWORD)
    token = client.post(
        "/api/tokens", json={"email": "ada@example.com", "password": PASSWORD}
    ).json["token"]
    response = client.post("/api/items", json={"name": "Bike"}, headers=bearer(token))
    assert response.status_code == 401


def test_invalid_item_is_a_422_with_field_errors(client, token):
    response = client.post("/api/items", json={"name": ""}, headers=bearer(token))
    assert response.status_code == 422
    assert "name" in response.json["errors"]["json"]


def test_malformed_json_is_a_400(client, token):
    response = client.post(
        "/api/items",
        data="{not json",
        headers=bearer(token) | {"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.mimetype == "application/json"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/items?offset=9223372036854775808", 422),
        ("/api/items?offset=9223372036854775807", 422),
        ("/api/items?offset=1000001", 422),
        ("/api/items?offset=-1", 422),
        ("/api/items?limit=0", 422),
        ("/api/items?limit=101", 422),
        ("/api/items?limit=1e400", 422),
        ("/api/items?offset=%D9%A3", 422),  # "٣", a digit to Python's int()
        ("/api/items?limit=%EF%BC%93", 422),  # a full-width 3
        ("/api/items?limit=%C2%B2", 422),
        ("/api/items?limit=1_0", 422),
        ("/api/items?limit=+5", 422),
        ("/api/items?limit=%205", 422),
        ("/api/items/99999999999999999999999", 404),
        ("/api/items/2147483648", 404),
        ("/api/items/0", 404),
        ("/api/items/%C2%B2", 404),
        ("/api/items/%D9%A3", 404),
        ("/api/items/%ED%A0%80", 404),
        ("/api/items/..%2F..%2Fetc", 404),
    ],
)
def test_out_of_range_or_foreign_numbers_are_refused_not_looked_up(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.json["code"] == status


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"email": "\\ud800", "password": "x"}', "not valid Unicode"),
        ('{"email": "a", "password": "x", "\\udfff": 1}', "not valid Unicode"),
        ('{"email": "\\u0000", "password": "x"}', "NUL"),
        ("[" * 200_000, "nested deeper"),
        ('{"email": ' + "[" * 40 + "]" * 40 + ', "password": "x"}', "nested deeper"),
    ],
)
def test_json_bodies_must_be_valid_unicode_and_shallow(client, body, message):
    response = client.post("/api/tokens", data=body, content_type="application/json")
    assert response.status_code == 400
    assert message in response.json["message"]


def test_json_nested_within_the_limit_is_read(client):
    body = '{"email": "ada@example.com", "password": "x", "extra": ' + "[" * 30 + "]" * 30 + "}"
    response = client.post("/api/tokens", data=body, content_type="application/json")
    assert response.status_code == 422  # an unknown field, reported by the schema


def test_bodies_over_max_content_length_are_refused_unread(app, client):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post(
        "/api/tokens", data=b'"' + b"a" * size + b'"', content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json["code"] == 413
{%- if integer_ids %}


def test_ids_are_integers(client, token):
    item = client.post("/api/items", json={"name": "Bike"}, headers=bearer(token)).json
    assert isinstance(item["id"], int)
    assert isinstance(item["owner_id"], int)
    assert client.get(f"/api/items/{item['id']}").json == item
    # "٣" is a digit to Python's int(), not to the API.
    assert client.get("/api/items/" + "\u0663").status_code == 404
{%- endif %}


def test_bounds_are_documented_in_the_schema(client):
    spec = client.get("/api/openapi.json").json
    parameters = {p["name"]: p["schema"] for p in spec["paths"]["/api/items"]["get"]["parameters"]}
    assert parameters["limit"]["type"] == parameters["offset"]["type"] == "integer"
    assert parameters["limit"]["minimum"] == 1
    assert parameters["limit"]["maximum"] == 100
    assert parameters["offset"]["maximum"] == 1_000_000
{%- if integer_ids %}
    [item_id] = spec["paths"]["/api/items/{item_id}"]["parameters"]
    assert item_id["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
{%- endif %}


def test_unknown_item_is_a_json_404(client):
    response = client.get("/api/items/999999")
    assert response.status_code == 404
    assert response.json["code"] == 404


def test_wrong_method_is_a_json_405(client):
    response = client.delete("/api/items")
    assert response.status_code == 405
    assert response.json["code"] == 405
    assert "GET" in response.headers["Allow"]


def test_unexpected_error_is_a_json_500_without_details(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/api/boom")
    assert response.status_code == 500
    assert response.json["code"] == 500
    assert "secret detail" not in response.get_data(as_text=True)
{%- if not cookiecutter.__web %}


def test_unknown_path_is_a_json_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "application/json"


def test_root_points_to_the_docs(client):
    response = client.get("/")
    assert response.status_code == 200
    index = response.json
    assert index["docs"] == "/api/docs"
    assert index["openapi"] == "/api/openapi.json"
    assert index["health"] == {"live": "/health/live", "ready": "/health/ready"}
    for path in (index["docs"], index["openapi"], *index["health"].values()):
        assert client.get(path).status_code == 200
{%- endif %}


def test_openapi_document_describes_the_api(client):
    spec = client.get("/api/openapi.json").json
    assert {"/api/items", "/api/items/{item_id}", "/api/tokens"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert spec["paths"]["/api/items"]["post"]["security"] == [{"bearerAuth": []}]


def test_docs_page_and_its_assets_are_served_locally(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "http" not in html
    assert "<script>" not in html
    for asset in ("/api/docs/swagger-ui/swagger-ui-bundle.js", "/api/docs/static/start.js"):
        assert client.get(asset).status_code == 200
{%- if cookiecutter.__limits %}


def test_api_requests_are_throttled_per_address(make_app):
    client = make_app(API_RATE_LIMIT="3 per minute").test_client()
    statuses = [client.get("/api/items").status_code for _attempt in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/items").get_json()["code"] == 429
{%- endif %}
