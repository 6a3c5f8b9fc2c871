"""Security settings: secret key, debug, cookies, headers{% if cookiecutter.__limits %}, rate limits{% endif %}{% if cookiecutter.security == 'strict' %}, lockout{% endif %}."""

{% if cookiecutter.__limits and cookiecutter.__uses_redis -%}
import os

{% endif -%}
import pytest

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import ConfigError, ProductionConfig
{%- if cookiecutter.__limits and cookiecutter.__uses_redis %}
from {{ cookiecutter.project_slug }}.extensions import limiter
{%- endif %}
{%- set helpers = [] %}
{%- if cookiecutter.security == 'strict' %}{% set helpers = helpers + ['PASSWORD'] %}{% endif %}
{%- if cookiecutter.__web and cookiecutter.__limits %}{% set helpers = helpers + ['csrf_token'] %}{% endif %}
{%- if helpers %}

from .conftest import {{ helpers|join(', ') }}
{%- endif %}

GOOD_KEY = "k" * 48


@pytest.fixture
def production_env(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("TRUSTED_HOSTS", "localhost,example.com,.example.org")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    return monkeypatch


@pytest.mark.parametrize("key", ["", "change-me", "too-short"])
def test_production_refuses_a_missing_or_weak_secret_key(production_env, key):
    production_env.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(ProductionConfig())


def test_production_refuses_debug(production_env):
    production_env.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigError, match="FLASK_DEBUG"):
        create_app(ProductionConfig())


def test_production_refuses_to_answer_any_host(production_env):
    production_env.delenv("TRUSTED_HOSTS")
    with pytest.raises(ConfigError, match="TRUSTED_HOSTS"):
        create_app(ProductionConfig())


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("example.com", 200),
        ("example.com:8443", 200),
        ("api.example.org", 200),
        ("example.net", 400),
        ("a" * 64 + ".example.com", 400),
    ],
)
def test_production_answers_its_trusted_hosts_only(production_env, host, status):
    client = create_app(ProductionConfig()).test_client()
    response = client.get("/health/live", headers={"Host": host})
    assert response.status_code == status


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("PROXY_COUNT=many", "PROXY_COUNT"),
        ("PROXY_COUNT=-1", "PROXY_COUNT"),
        ("LOG_LEVEL=LOUD", "LOG_LEVEL"),
        ("FLASK_DEBUG=perhaps", "FLASK_DEBUG"),
    ],
)
def test_unreadable_settings_stop_the_app_naming_the_variable(production_env, value, message):
    name, _, setting = value.partition("=")
    production_env.setenv("APP_ENV", "production")
    production_env.setenv(name, setting)
    with pytest.raises(ConfigError, match=message):
        create_app()


def test_production_starts_with_a_real_key(production_env):
    app = create_app(ProductionConfig())
    assert not app.debug
    assert app.config["SESSION_COOKIE_SECURE"]


def test_app_env_defaults_to_production(production_env):
    production_env.delenv("APP_ENV", raising=False)
    production_env.delenv("SECRET_KEY")
    with pytest.raises(ConfigError):
        create_app()
{%- if cookiecutter.__web %}


def test_session_cookie_is_secure_httponly_and_samesite(production_env):
    client = create_app(ProductionConfig()).test_client()
    client.get("/auth/login")
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert cookie.secure
    assert cookie.http_only
    assert cookie.same_site == "{{ 'Strict' if cookiecutter.security == 'strict' else 'Lax' }}"


def test_remember_me_cookie_is_secure_and_expires(production_env):
    app = create_app(ProductionConfig())
    assert app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["REMEMBER_COOKIE_HTTPONLY"]
    assert app.config["REMEMBER_COOKIE_DURATION"] <= 60 * 60 * 24 * 14
{%- endif %}


@pytest.mark.parametrize("path", [{% if cookiecutter.__web %}"/", "/auth/login", {% endif %}"/health/live"{% if cookiecutter.__api %}, "/api/items"{% endif %}])
def test_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "max-age=" in headers["Strict-Transport-Security"]
{%- if cookiecutter.security == 'strict' %}
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
{%- if cookiecutter.__web %}


def test_static_files_stay_cacheable(client):
    assert "no-store" not in client.get("/static/style.css").headers.get("Cache-Control", "")
{%- endif %}
{%- else %}
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
{%- endif %}
{%- if cookiecutter.__web %}


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/", "/auth/login", "/auth/register"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page
        assert "<style" not in page
        assert "style=" not in page
        assert "onclick=" not in page
{%- endif %}
{%- if cookiecutter.__limits %}


def attempt_log_in(client, password):
{%- if cookiecutter.__web %}
    page = client.get("/auth/login")
    return client.post(
        "/auth/login",
        data={"email": "ada@example.com", "password": password, "csrf_token": csrf_token(page)},
    )
{%- else %}
    return client.post("/api/tokens", json={"email": "ada@example.com", "password": password})
{%- endif %}


def assert_log_in_is_rate_limited(app):
    client = app.test_client()
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    statuses = [attempt_log_in(client, "wrong password").status_code for _ in range(limit + 1)]
    assert 429 not in statuses[:limit]
    assert statuses[limit] == 429


def test_log_in_is_rate_limited(app):
    assert_log_in_is_rate_limited(app)
{%- if cookiecutter.__uses_redis %}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_rate_limits_are_counted_in_redis(make_app):
    """Workers and replicas share the counters, so the limit holds across processes."""
    app = make_app(RATELIMIT_STORAGE_URI=os.environ["REDIS_URL"])
    limiter.reset()  # counters an earlier run left in Redis would still count
    assert_log_in_is_rate_limited(app)
{%- endif %}
{%- if cookiecutter.__api and cookiecutter.__web %}


def test_token_endpoint_is_rate_limited(app, client):
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    credentials = {"email": "ada@example.com", "password": "wrong password"}
    statuses = [client.post("/api/tokens", json=credentials).status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [401] * limit
    assert statuses[limit] == 429
{%- endif %}
{%- endif %}
{%- if cookiecutter.security == 'strict' %}


def test_repeated_failures_lock_the_account_for_a_while(make_app, monkeypatch):
    from {{ cookiecutter.project_slug }} import accounts

    app = make_app(RATELIMIT_ENABLED=False)
    with app.test_request_context():
        accounts.register("ada@example.com", PASSWORD)
        for _ in range(app.config["LOCKOUT_THRESHOLD"]):
            assert accounts.authenticate("ada@example.com", "wrong password") is None
        # Locked: even the right password is refused, with the usual answer.
        assert accounts.authenticate("ada@example.com", PASSWORD) is None

        later = accounts.time.time() + app.config["LOCKOUT_SECONDS"] + 1
        monkeypatch.setattr(accounts.time, "time", lambda: later)
        assert accounts.authenticate("ada@example.com", PASSWORD) is not None
{%- endif %}
