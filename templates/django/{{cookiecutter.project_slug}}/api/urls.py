from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import ApiDocsView, NoteViewSet, SchemaView

router = DefaultRouter()
router.register("notes", NoteViewSet, basename="note")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
]
