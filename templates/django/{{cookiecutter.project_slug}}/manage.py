#!/usr/bin/env python
"""Django's command-line utility, reading the local .env first."""

import os
import sys
from pathlib import Path


def main():
{%- if cookiecutter.scale == "large" %}
    chosen = os.environ.get("DJANGO_SETTINGS_MODULE")
    from config.env import read_env_file

    # Importing `config` loads config/celery.py, whose default is production: unless the
    # settings were chosen outside, let .env choose them.
    if chosen is None:
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
{%- else %}
    from config.env import read_env_file
{%- endif %}

    read_env_file(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
