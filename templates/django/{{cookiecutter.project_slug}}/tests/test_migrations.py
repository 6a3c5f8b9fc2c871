import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    # Exits with an error when a model change lacks its migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
