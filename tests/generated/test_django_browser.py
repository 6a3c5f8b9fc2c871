"""A person's first visit to a generated Django site, in Chromium.

The default project with the REST API is served the way it is deployed
(production settings, collected static files, gunicorn) except for HTTPS: the
browser talks plain HTTP to localhost, which Chromium treats as a secure
context, so the Secure cookies still work. The check fails on any console
error or Content-Security-Policy violation, on the site's pages, the API docs
(Swagger UI) and the admin alike.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from harness import browser, project_env, recorded, serve

FLAVOUR = "django"
PASSWORD = "a-long-passphrase-for-the-browser"


def test_sign_up_log_in_and_out_in_a_browser(bake: Any) -> None:
    project = bake(FLAVOUR, api="rest")
    env = project_env(project)
    production = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
    }
    env.run(["python", "manage.py", "migrate", "--noinput"], cwd=project, env=production)
    env.run(["python", "manage.py", "collectstatic", "--noinput"], cwd=project, env=production)
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
        serve(
            env,
            project,
            ["gunicorn", "-b", "127.0.0.1:{port}", "-w", "2", "config.wsgi"],
            production,
            ready_path="/health",
        ) as base_url,
        browser("django-rest") as check,
    ):
        site = base_url.replace("127.0.0.1", "localhost")
        page = check.page

        page.goto(f"{site}/")
        assert page.get_by_role("heading", name="Welcome").is_visible()
        check.step("home")

        page.get_by_role("link", name="Sign up").first.click()
        page.get_by_label("Username").fill("ada")
        page.get_by_label("Email").fill("ada@example.com")
        page.locator("#id_password1").fill(PASSWORD)
        page.locator("#id_password2").fill(PASSWORD)
        check.step("sign up form")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(re.compile(r"/dashboard/$"))
        assert page.get_by_text("Signed in as ada.").is_visible()
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
        assert page.get_by_text("Signed in as ada.").is_visible()
        check.step("logged in")

        page.goto(f"{site}/api/docs/")
        page.get_by_text("/api/notes/{id}/").wait_for()
        check.step("API docs")
        page.go_back()

        page.get_by_label("Language").select_option("fr")
        page.get_by_role("button", name="Change").click()
        assert page.get_by_role("heading", name="Tableau de bord").is_visible()
        check.step("in French")

        page.get_by_role("button", name="Se déconnecter").click()
        page.wait_for_url(f"{site}/")
        assert page.get_by_role("heading", name="Bienvenue").is_visible()
        check.step("logged out")

        page.goto(f"{site}/admin/")
        page.locator("#id_username").fill("root")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url(f"{site}/admin/")
        page.get_by_role("link", name="Utilisateurs").wait_for()
        check.step("admin")
