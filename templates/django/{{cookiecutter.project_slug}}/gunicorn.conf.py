"""gunicorn reads this file from the working directory; command-line options win."""

import os

bind = "0.0.0.0:8000"
# WEB_CONCURRENCY is the usual knob on hosting platforms.
workers = int(os.environ.get("WEB_CONCURRENCY", {{ "2" if cookiecutter.scale == "small" else "4" }}))
accesslog = "-"
