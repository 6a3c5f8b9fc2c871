from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, viewsets

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

    def get_queryset(self):
        return super().get_queryset().filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class ApiDocsView(SpectacularSwaggerSplitView):
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
