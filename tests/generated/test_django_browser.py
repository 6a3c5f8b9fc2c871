"""A person's first visit to a generated Django site, in Chromium.

Two flows: the default project with the REST API on SQLite, on Django 6.1 and
5.2 LTS (sign up, a refused form styled as an error, a header that keeps its
height, log out and in, API docs, French, admin), and security=strict on MariaDB (two-factor
authentication: enrol, recovery codes, app code, recovery code once). Besides, the
default project's brute-force limit is attacked under gunicorn's default workers.
Each project is served the way it is deployed (production settings, collected
static files, gunicorn) except for HTTPS: the browser talks plain HTTP to
localhost, which Chromium treats as a secure context, so the Secure cookies
still work. The check fails on any console
error or Content-Security-Policy violation, on the site's pages, the API docs
(Swagger UI) and the admin alike.
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from harness import browser, database_url, project_env, recorded, serve, try_in_swagger_ui
from playwright.sync_api import expect

FLAVOUR = "django"
PASSWORD = "a-long-passphrase-for-the-browser"


PRODUCTION_OVER_HTTP = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
}


def readme_server_commands(project: Path) -> list[list[str]]:
    """The `manage.py` commands the README's deploy section runs on a server, in order."""
    readme = (project / "README.md").read_text(encoding="utf-8")
    block = readme.split("On a server", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].split() for line in block.splitlines()]
    return [command for command in commands if command[:2] == ["python", "manage.py"]]


def prepare(project: Path, **extra: str) -> tuple[Any, dict[str, str]]:
    """The project's venv and environment, prepared by the README's own deploy commands.

    (`check --deploy` is left to test_django.py: over plain HTTP it warns, as it should.)
    """
    env = project_env(project)
    production = {
        **PRODUCTION_OVER_HTTP,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        **extra,
    }
    commands = readme_server_commands(project)
    assert ["python", "manage.py", "migrate"] in commands, commands
    for command in commands:
        if "check" not in command:
            env.run(command, cwd=project, env=production)
    return env, production


def gunicorn(env: Any, project: Path, production: dict[str, str]) -> Any:
    argv = ["gunicorn", "-b", "127.0.0.1:{port}", "-w", "2", "config.wsgi"]
    return serve(env, project, argv, production, ready_path="/health/ready")


def totp(secret: str, at: float) -> str:
    """The 6-digit RFC 6238 code an authenticator app shows at time `at`."""
    digest = hmac.digest(base64.b32decode(secret), int(at // 30).to_bytes(8, "big"), "sha1")
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def sign_up(page: Any, site: str, username: str) -> None:
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def log_in(page: Any, site: str, username: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


ERROR_RED = "rgb(161, 38, 34)"  # --error in static/css/site.css


def header_height(page: Any) -> float:
    box = page.locator(".site-header").bounding_box()
    assert box is not None
    return float(box["height"])


@pytest.mark.parametrize("django_version", ["current", "lts"])
def test_sign_up_log_in_and_out_in_a_browser(bake: Any, django_version: str) -> None:
    project = bake(FLAVOUR, api="rest", django_version=django_version)
    env, production = prepare(project)
    env.run(
        [
            "python",
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            "root",
            "--email",
            "root@example.com",
        ],
        cwd=project,
        env={**production, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )

    with (
        recorded(FLAVOUR, "sqlite", "browser"),
        gunicorn(env, project, production) as base_url,
        browser(f"django-rest-{django_version}") as check,
    ):
        site = base_url.replace("127.0.0.1", "localhost")
        page = check.page

        page.goto(f"{site}/")
        expect(page.get_by_role("heading", name="Welcome")).to_be_visible()
        expect(page.get_by_role("link", name="API docs")).to_be_visible()
        signed_out_header = header_height(page)
        check.step("home")

        page.get_by_role("link", name="Sign up").first.click()
        page.get_by_label("Username").fill("ada")
        page.get_by_label("Email").fill("ada@example.com")
        page.locator("#id_password1").fill(PASSWORD)
        page.locator("#id_password2").fill(PASSWORD + "-not-the-same")
        page.get_by_role("button", name="Create account").click()
        error = page.locator("ul.errorlist").first
        expect(error).to_be_visible()
        assert error.evaluate("e => getComputedStyle(e).color") == ERROR_RED
        check.step("sign up refused")

        page.get_by_label("Username").fill("ada")
        page.get_by_label("Email").fill("ada@example.com")
        page.locator("#id_password1").fill(PASSWORD)
        page.locator("#id_password2").fill(PASSWORD)
        check.step("sign up form")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(re.compile(r"/dashboard/$"))
        expect(page.get_by_text("Signed in as ada.")).to_be_visible()
        assert header_height(page) == signed_out_header
        check.step("signed up")

        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(f"{site}/")
        page.goto(f"{site}/dashboard/")
        page.wait_for_url(re.compile(r"/accounts/login/\?next="))
        check.step("login required")

        page.get_by_label("Username").fill("ada")
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/dashboard/$"))
        expect(page.get_by_text("Signed in as ada.")).to_be_visible()
        check.step("logged in")

        page.goto(f"{site}/api/docs/")
        page.get_by_text("/api/notes/{id}/").wait_for()
        check.step("API docs")
        try_in_swagger_ui(check, "operations-notes-notes_list")
        page.go_back()

        page.get_by_label("Language").select_option("fr")
        page.get_by_role("button", name="Change").click()
        expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
        check.step("in French")

        page.get_by_role("button", name="Se déconnecter").click()
        page.wait_for_url(f"{site}/")
        expect(page.get_by_role("heading", name="Bienvenue")).to_be_visible()
        check.step("logged out")

        page.goto(f"{site}/admin/")
        page.locator("#id_username").fill("root")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url(f"{site}/admin/")
        page.get_by_role("link", name="Utilisateurs").wait_for()
        check.step("admin")


def test_two_factor_login_in_a_browser(bake: Any) -> None:
    """security=strict on MariaDB: turn on two-factor authentication, then log in with a code.

    Same answers as the matrix's mariadb-strict variant, so the same venv.
    """
    project = bake(FLAVOUR, database="mariadb", security="strict")
    mariadb = database_url("mariadb", "dj_browser_strict")
    assert mariadb is not None  # only sqlite has no URL
    env, production = prepare(project, DATABASE_URL=mariadb)

    with (
        recorded(FLAVOUR, "mariadb", "browser"),
        gunicorn(env, project, production) as base_url,
        browser("django-strict") as check,
    ):
        site = base_url.replace("127.0.0.1", "localhost")
        page = check.page

        sign_up(page, site, "grace")
        page.get_by_role("link", name="Two-factor authentication").click()
        page.get_by_role("link", name="Turn on two-factor authentication").click()
        page.get_by_role("img", name="QR code of the key").wait_for()
        check.step("two-factor setup")

        # Enrol as a person would: the key as the page shows it, typed into the "app".
        secret = page.locator("code.secret").inner_text().strip()
        enrolled_at = time.time()
        page.get_by_label("Code from your authenticator app").fill(totp(secret, enrolled_at))
        page.get_by_role("button", name="Turn on").click()
        expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
        expect(page.get_by_text("Two-factor authentication is on.")).to_be_visible()
        codes = page.locator("ul.recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        recovery_code = codes[0]
        check.step("recovery codes shown once")
        page.get_by_role("link", name="I have saved them").click()
        page.wait_for_url(re.compile(r"/dashboard/$"))

        def log_in_with_second_factor(code: str) -> None:
            page.get_by_role("button", name="Log out").click()
            page.wait_for_url(f"{site}/")
            log_in(page, site, "grace")
            page.wait_for_url(re.compile(r"/accounts/mfa/verify/"))
            page.get_by_label("Code from your authenticator app, or a recovery code").fill(code)
            page.get_by_role("button", name="Verify").click()

        log_in_with_second_factor(totp(secret, enrolled_at))
        expect(page.get_by_text("This code was just used; wait for the next one.")).to_be_visible()
        check.step("the enrolment's code refused as just used")
        # django-otp makes the next try wait a second after a refused code.
        page.wait_for_timeout(2_000)
        # The code of the next 30-second step.
        field = "Code from your authenticator app, or a recovery code"
        page.get_by_label(field).fill(totp(secret, time.time() + 30))
        page.get_by_role("button", name="Verify").click()
        page.wait_for_url(re.compile(r"/dashboard/$"))
        expect(page.get_by_text("Signed in as grace.")).to_be_visible()
        check.step("logged in with an app code")

        log_in_with_second_factor(recovery_code)
        page.wait_for_url(re.compile(r"/dashboard/$"))
        expect(page.get_by_text("You used a recovery code; 9 are left.")).to_be_visible()
        check.step("logged in with a recovery code")

        log_in_with_second_factor(recovery_code)
        expect(page.get_by_text("That code is not valid.")).to_be_visible()
        assert "/accounts/mfa/verify/" in page.url
        check.step("the same recovery code refused")


def post_login(site: str, username: str, password: str) -> int:
    """One log-in attempt on fresh connections: GET the form's CSRF token, POST; the status.

    The CSRF cookie is sent back by hand: it is marked Secure, and this is plain HTTP.
    """
    with urllib.request.urlopen(f"{site}/accounts/login/", timeout=10) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
        cookies = [value.split(";", 1)[0] for value in page.headers.get_all("Set-Cookie") or []]
    assert token, "the log-in page has no CSRF token"
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    request = urllib.request.Request(
        f"{site}/accounts/login/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Cookie": "; ".join(cookies)},
        method="POST",
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_brute_force_is_stopped_under_gunicorn_defaults(bake: Any) -> None:
    """security=standard, gunicorn with the worker count of its config: 10 failures, then 429.

    Same answers as the first browser flow, so the same venv. Each attempt is a fresh
    connection, so the workers share it out; the count lives in the database.
    """
    project = bake(FLAVOUR, api="rest")
    env, production = prepare(project)
    superuser = ["python", "manage.py", "createsuperuser", "--noinput", "--username", "root"]
    env.run(
        [*superuser, "--email", "root@example.com"],
        cwd=project,
        env={**production, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    default_workers = ["gunicorn", "-b", "127.0.0.1:{port}", "config.wsgi"]
    with (
        recorded(FLAVOUR, "sqlite", "log-in limit under gunicorn"),
        serve(env, project, default_workers, production, ready_path="/health/ready") as base_url,
    ):
        site = base_url.replace("127.0.0.1", "localhost")
        statuses = [post_login(site, "root", "wrong password") for _attempt in range(10)]
        # django-axes answers the 10th failure (DJANGO_AXES_FAILURE_LIMIT) with the lockout.
        assert statuses == [200] * 9 + [429], statuses
        assert post_login(site, "root", PASSWORD) == 429
