from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("members/", views.members, name="members"),
    path("health", views.health, name="health"),
    path("favicon.ico", views.favicon),
]
