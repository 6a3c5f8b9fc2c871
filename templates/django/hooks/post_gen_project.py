"""Remove what the answers do not need, write the git-ignored .env with a fresh secret and the locks."""

import runpy
import secrets
import shutil
from pathlib import Path

API = {{ cookiecutter.api | python_string }}
ADMIN = {{ "True" if cookiecutter.admin else "False" }}
I18N = {{ "True" if cookiecutter.i18n else "False" }}
SECURITY = {{ cookiecutter.security | python_string }}
SCALE = {{ cookiecutter.scale | python_string }}
DATABASE = {{ cookiecutter.database | python_string }}

# Paths relative to the project, with whether the answers leave them unused.
UNUSED = {
    "api": API == "none",
    "templates/api": API == "none",
    "static/css/api-docs.css": API == "none",
    "tests/test_api.py": API == "none",
    "tests/test_api_schema.py": API == "none",
    "accounts/admin.py": not ADMIN,
    "api/admin.py": not ADMIN and API != "none",
    "tests/test_admin.py": not ADMIN,
    "locale": not I18N,
    "tests/test_i18n.py": not I18N,
    "accounts/mfa.py": SECURITY != "strict",
    "templates/accounts": SECURITY != "strict",
    "templates/registration/locked_out.html": SECURITY == "basic",
    "tests/test_brute_force.py": SECURITY == "basic",
    "tests/test_strict_security.py": SECURITY != "strict",
    "config/celery.py": SCALE != "large",
    "core/tasks.py": SCALE != "large",
    "tests/test_tasks.py": SCALE != "large",
    "tests/test_oracle.py": DATABASE != "oracle",
}

# .env starts as .env.example with these development values.
DEVELOPMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.development",
    "DJANGO_DEBUG": "true",
    "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
}


def prune(root):
    for name, unused in UNUSED.items():
        path = root / name
        if not unused:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def write_env(root):
    """Copy .env.example to .env with development values and a secret made for this project."""
    values = {**DEVELOPMENT, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    lines = []
    for line in (root / ".env.example").read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0]
        if not line.startswith("#") and key in values:
            line = f"{key}={values[key]}"
        lines.append(line)
    env = root / ".env"
    env.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env.chmod(0o600)


def write_locks(root):
    """requirements.txt and requirements-dev.txt: the versions scaffold's scripts/lock.py
    resolved for this template (in .scaffold-lock/), cut to what this project declares."""
    folder = root / ".scaffold-lock"
    runpy.run_path(str(folder / "requirements_lock.py"))["write_locks"](root, folder)
    shutil.rmtree(folder)


root = Path.cwd()
prune(root)
write_env(root)
write_locks(root)
