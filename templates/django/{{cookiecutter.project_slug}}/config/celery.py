"""The Celery application: broker and result backend come from REDIS_URL via settings.

Run a worker with `celery -A config worker --loglevel=INFO`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
