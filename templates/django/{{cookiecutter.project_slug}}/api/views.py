from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import mixins, viewsets
from rest_framework.renderers import JSONRenderer

from .models import Note
from .serializers import NoteSerializer


class NoteViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List, create and read your own notes (signed-in users only, see REST_FRAMEWORK)."""

    queryset = Note.objects.all()
    serializer_class = NoteSerializer
    # Ids in URLs are ASCII digits: the default ("[^/.]+") lets "٣" through to int(), as 3.
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return super().get_queryset().filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class JSONErrorsMixin:
    """A view's errors (405, 415, a CSRF 403) in JSON, as everywhere under /api/: DRF renders
    them as it renders the view's success, which for these views is HTML or YAML."""

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    """The OpenAPI schema, in YAML or (asked for) JSON."""


class ApiDocsView(JSONErrorsMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its script loaded from a URL and no inline style, as the CSP requires."""

    template_name = "api/swagger_ui.html"


def not_found(request, exception):
    """The site's 404 handler (config/urls.py): JSON under /api/, as the schema documents
    (an address the API's routes do not match, such as /api/notes/1.5/), else the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """The site's 400 handler: JSON under /api/ (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad
    Host), as the schema documents, else Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    """The site's 500 handler: JSON under /api/, else Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
