"""The site's URLs: pages, accounts{% if cookiecutter.admin %}, the admin{% endif %}{% if cookiecutter.api == "rest" %}, the API{% endif %}."""

{% if cookiecutter.admin -%}
from django.conf import settings
from django.contrib import admin
{% endif -%}
from django.urls import include, path
{%- if cookiecutter.admin %}

admin.site.site_header = admin.site.site_title = settings.SITE_NAME
{%- endif %}

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
{%- if cookiecutter.i18n %}
    path("i18n/", include("django.conf.urls.i18n")),
{%- endif %}
{%- if cookiecutter.admin %}
    path(settings.ADMIN_URL, admin.site.urls),
{%- endif %}
{%- if cookiecutter.api == "rest" %}
    path("api/", include("api.urls")),
{%- endif %}
]
{%- if cookiecutter.api == "rest" %}

handler400 = "api.views.bad_request"
handler404 = "api.views.not_found"
handler500 = "api.views.server_error"
{%- endif %}
