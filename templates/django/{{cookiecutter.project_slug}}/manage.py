#!/usr/bin/env python
"""Django's command-line utility, reading the local .env first."""

import os
import sys
from pathlib import Path


def main():
    from config.env import read_env_file

    read_env_file(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
