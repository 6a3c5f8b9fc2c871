import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse

from config.celery import app
from core.tasks import send_welcome_email

from .conftest import PASSWORD


@pytest.mark.django_db
def test_sign_up_sends_the_welcome_email_task(client, django_capture_on_commit_callbacks):
    form = {
        "username": "grace",
        "email": "grace@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup"), form)
    assert [message.to for message in mail.outbox] == [["grace@example.com"]]


@pytest.mark.django_db
def test_task_runs_eagerly_in_tests(user):
    assert send_welcome_email.delay(user.pk).get() == user.email


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis server")
@pytest.mark.django_db(transaction=True)
def test_round_trip_through_redis(user):
    """A real worker takes the task from Redis and sends the result back through it."""
    redis_url = os.environ["REDIS_URL"]
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False):
            result = send_welcome_email.delay(user.pk)
            assert result.get(timeout=30) == user.email
    finally:
        app.conf.update(task_always_eager=True)
