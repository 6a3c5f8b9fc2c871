#!/usr/bin/env python
"""Django's command-line utility, reading the local .env first."""

import os
import sys
from pathlib import Path

from dotenv import load_dotenv


def main():
    # Into os.environ, where the settings' environs.Env reads; variables already set win.
    load_dotenv(Path(__file__).resolve().parent / ".env", override=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
