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


@pytest.mark.parametrize("path", ["/api/notes/1.5/", "/api/nothing-here/"])
def test_an_address_the_api_does_not_have_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
