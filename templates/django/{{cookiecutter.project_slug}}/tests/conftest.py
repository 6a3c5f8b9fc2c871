import pytest
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("ada", "ada@example.com", PASSWORD)


@pytest.fixture
def signed_in_client(client, user):
    client.force_login(user)
    return client
