import pytest
from django.contrib.auth import get_user_model
{%- if cookiecutter.security != "basic" %}
from django.core.cache import cache
{%- endif %}
from django.urls import reverse
from rest_framework.test import APIClient
{%- if cookiecutter.security != "basic" %}
from rest_framework.throttling import UserRateThrottle
{%- endif %}

from api.models import Note
from api.views import NoteViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_anonymous_requests_are_refused():
    assert APIClient().get(reverse("note-list")).status_code == 403


def test_create_list_and_read_own_notes(api, user):
    response = api.post(reverse("note-list"), {"title": "First", "body": "Hello"}, format="json")
    assert response.status_code == 201
    note_id = response.json()["id"]
    assert response.json()["owner"] == user.username

    listing = api.get(reverse("note-list")).json()
    assert [note["title"] for note in listing["results"]] == ["First"]

    detail = api.get(reverse("note-detail", args=[note_id]))
    assert detail.status_code == 200
    assert detail.json()["body"] == "Hello"


def test_notes_of_other_users_stay_hidden(api):
    other = get_user_model().objects.create_user("eve", "eve@example.com", "unused-pw-1234")
    note = Note.objects.create(owner=other, title="Private")
    assert api.get(reverse("note-detail", args=[note.pk])).status_code == 404
    assert api.get(reverse("note-list")).json()["results"] == []


def test_invalid_note_is_rejected(api):
    response = api.post(reverse("note-list"), {"body": "no title"}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()


def test_openapi_schema_describes_the_notes(client):
    response = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/notes/" in response.json()["paths"]


def test_docs_page_loads_its_script_from_a_url(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    assert "?script=" in html
    script = client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
{%- if cookiecutter.security != "basic" %}


def test_the_api_throttles_a_busy_client(api, monkeypatch):
    """DRF counts requests in the shared cache; over the rate it answers 429."""
    cache.clear()
    monkeypatch.setattr(UserRateThrottle, "rate", "3/minute", raising=False)
    statuses = [api.get(reverse("note-list")).status_code for _request in range(4)]
    assert statuses == [200, 200, 200, 429]
{%- endif %}


def test_json_nested_too_deeply_is_a_bad_request(api):
    response = api.post(reverse("note-list"), "[" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_a_body_that_is_not_json_is_unsupported(api):
    response = api.post(reverse("note-list"), "<note/>", content_type="application/xml")
    assert response.status_code == 415


def test_a_body_over_the_upload_limit_is_refused_before_parsing(api, settings):
    body = '{"title": "big", "body": "%s"}' % ("x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    response = api.post(reverse("note-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}
    assert not Note.objects.exists()


def test_pagination_links_never_carry_a_bad_port(api, user):
    Note.objects.bulk_create(Note(owner=user, title=str(n)) for n in range(51))
    assert api.get(reverse("note-list"), HTTP_HOST="localhost:99999").status_code == 400
    following = api.get(reverse("note-list"), HTTP_HOST="localhost:8000").json()["next"]
    assert following.startswith("http://localhost:8000/api/notes/")


def test_the_schema_documents_the_error_responses(client):
    response = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    create = paths["/api/notes/"]["post"]["responses"]
    read = paths["/api/notes/{id}/"]["get"]["responses"]
{%- if cookiecutter.security != "basic" %}
    throttled = {"429"}  # REST_FRAMEWORK's throttling
{%- else %}
    throttled = set()
{%- endif %}
    assert set(create) == {"201", "400", "403", "415"} | throttled
    assert set(read) == {"200", "403", "404"} | throttled
    assert create["400"]["content"]["application/json"]["schema"]["type"] == "object"


# Digits to Python's int() that are not ASCII: Arabic-Indic and full-width.
ARABIC_INDIC = {ord("0") + n: 0x0660 + n for n in range(10)}
FULL_WIDTH = {ord("0") + n: 0xFF10 + n for n in range(10)}


@pytest.mark.parametrize("page", ["\u0662", "\uff12", "\u00b2", "0_2", " 2", "+2", "2.0"])
def test_a_page_number_is_ascii_digits(api, user, page):
    """int() reads "٢" and a full-width 2 as 2; the API answers them as a page it lacks."""
    Note.objects.bulk_create(Note(owner=user, title=str(n)) for n in range(51))
    assert api.get(reverse("note-list"), {"page": "2"}).status_code == 200
    response = api.get(reverse("note-list"), {"page": page})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH])
def test_an_id_is_ascii_digits(api, user, digits):
    note = Note.objects.create(owner=user, title="Mine")
    assert api.get(f"/api/notes/{note.pk}/").status_code == 200
    response = api.get(f"/api/notes/{str(note.pk).translate(digits)}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_page_number_is_documented_as_an_integer(client):
    response = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    parameters = response.json()["paths"]["/api/notes/"]["get"]["parameters"]
    [page] = [parameter for parameter in parameters if parameter["name"] == "page"]
    assert page["schema"] == {"type": "integer"}


@pytest.mark.parametrize("path", ["/api/notes/1.5/", "/api/nothing-here/"])
def test_an_address_the_api_does_not_have_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/api/docs/", 405),
        ("delete", "/api/schema/", 405),
        ("patch", "/api/docs/?script=", 405),
    ],
)
def test_errors_of_the_docs_and_schema_are_json_too(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_csrf_failure_on_the_docs_is_json(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.put("/api/docs/")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_server_error_under_the_api_is_json(api, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(NoteViewSet, "list", fail)
    api.raise_request_exception = False
    response = api.get(reverse("note-list"))
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}
