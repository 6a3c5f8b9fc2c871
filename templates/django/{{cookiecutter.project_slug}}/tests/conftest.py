import pytest
from django.contrib.auth import get_user_model
{%- if cookiecutter.security == "strict" %}
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
{%- endif %}

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)


@pytest.fixture
def signed_in_client(client, user):
    client.force_login(user)
    return client
{%- if cookiecutter.admin %}


def log_in_to_the_admin(client, staff):
    """Sign `staff` in{% if cookiecutter.security == "strict" %} with both factors: the admin needs a verified app code{% endif %}."""
    client.force_login(staff)
{%- if cookiecutter.security == "strict" %}
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
{%- endif %}
{%- endif %}
