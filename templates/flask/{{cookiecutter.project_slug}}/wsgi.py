"""Entry point for gunicorn (`wsgi:app`) and the `flask` command."""

from {{ cookiecutter.project_slug }} import create_app

app = create_app()
