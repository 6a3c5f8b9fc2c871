{%- set rules = cookiecutter.security != 'basic' -%}
"""The password rules hold wherever a password is set{% if cookiecutter.__memory_limits %}; gunicorn keeps the rate limits whole{% endif %}."""
{%- if cookiecutter.__memory_limits %}

import runpy
from pathlib import Path
from types import SimpleNamespace
{%- endif %}

import pytest

from {{ cookiecutter.project_slug }}.passwords import password_problems
{%- if cookiecutter.__web %}

from .conftest import PASSWORD, csrf_token
{%- else %}

from .conftest import PASSWORD
{%- endif %}

# (password, the start of the reason it is refused)
WEAK = [
{%- if rules %}
    ("short-pw-1", "Use at least 12 characters"),
    ("password1234", "This password is too common"),
    ("480913726519", "Use more than digits"),
    ("ada.lovelace-secret-42", "The password must not contain your e-mail"),
{%- else %}
    ("short12", "Use at least 8 characters"),
{%- endif %}
    ("x" * 129, "Use at most 128 characters"),
]


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_weak_passwords_are_refused_with_the_reason(app, password, reason):
    with app.test_request_context():
        problems = password_problems(password{% if rules %}, "ada.lovelace@example.com"{% endif %})
    assert problems
    assert problems[0].startswith(reason)


def test_a_good_password_is_accepted(app):
    with app.test_request_context():
        assert password_problems(PASSWORD{% if rules %}, "ada@example.com"{% endif %}) == []


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_create_user_refuses_a_weak_password(app, password, reason):
    options = ["--password", password{% if cookiecutter.__admin %}, "--admin"{% endif %}]
    arguments = ["create-user", "ada.lovelace@example.com", *options]
    result = app.test_cli_runner().invoke(args=arguments)
    assert result.exit_code != 0
    assert reason in result.output
{%- if cookiecutter.__web %}


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_registration_refuses_a_weak_password(client, password, reason):
    form = {
        "csrf_token": csrf_token(client.get("/auth/register")),
        "email": "ada.lovelace@example.com",
        "password": password,
        "confirm": password,
    }
    page = client.post("/auth/register", data=form)
    assert page.status_code == 200
    assert reason in page.get_data(as_text=True)
{%- endif %}
{%- if cookiecutter.__memory_limits %}


def test_gunicorn_runs_one_worker_while_limits_are_counted_in_memory(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    settings = runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py"))
    assert settings["workers"] == 1
    settings["on_starting"](SimpleNamespace(cfg=SimpleNamespace(workers=1)))
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI"):
        settings["on_starting"](SimpleNamespace(cfg=SimpleNamespace(workers=4)))
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    settings["on_starting"](SimpleNamespace(cfg=SimpleNamespace(workers=4)))
{%- endif %}
