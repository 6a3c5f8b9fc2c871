"""Prune what the answers do not need, write a fresh `.env` and the locks (standard library only)."""

import runpy
import secrets
import shutil
from pathlib import Path

SLUG = {{ cookiecutter.project_slug|python_string }}
DATABASE = {{ cookiecutter.database|python_string }}
WEB = {{ 'True' if cookiecutter.__web else 'False' }}
API = {{ 'True' if cookiecutter.__api else 'False' }}
SQL = {{ 'True' if cookiecutter.__sql else 'False' }}
ADMIN = {{ 'True' if cookiecutter.__admin else 'False' }}
I18N = {{ 'True' if cookiecutter.__i18n else 'False' }}
SECURITY = {{ cookiecutter.security|python_string }}
ASKED_ADMIN = {{ "True" if cookiecutter.admin else "False" }}
ASKED_I18N = {{ "True" if cookiecutter.i18n else "False" }}
# Answers that only the web app uses, given for a microservice.
IGNORED = [
    name for name, asked in [("admin", ASKED_ADMIN), ("i18n", ASKED_I18N)] if asked and not WEB
]
MFA_PAGES = ["mfa_enrol.html", "mfa_verify.html", "mfa_manage.html", "mfa_disable.html"]
MFA_PAGES += ["mfa_recovery_codes.html"]
STORE_MODULE = "sql" if SQL else DATABASE

PROJECT = Path.cwd()
PACKAGE = PROJECT / SLUG


def unneeded_paths() -> list[Path]:
    """Files and folders of the template that these answers do not use."""
    unneeded = []
    if not WEB:
        unneeded += [
            PACKAGE / name
            for name in ["auth.py", "pages.py", "forms.py", "i18n.py", "sessions.py", "templates"]
        ]
        unneeded += [PACKAGE / "static" / name for name in ["style.css", "favicon.svg"]]
        unneeded += [
            PROJECT / "tests" / name for name in ["test_pages.py", "test_auth.py", "test_reset.py"]
        ]
    if not ADMIN:
        unneeded += [PACKAGE / "admin.py", PACKAGE / "templates" / "admin"]
        unneeded += [PROJECT / "tests" / "test_admin.py"]
    if not I18N:
        unneeded += [PACKAGE / "translations", PROJECT / "babel.cfg"]
        unneeded += [PROJECT / "tests" / "test_i18n.py"]
    if not API:
        unneeded += [PACKAGE / "api.py", PACKAGE / "schemas.py"]
        unneeded += [PACKAGE / "static" / "api-docs"]
        unneeded += [PROJECT / "tests" / "test_api.py", PROJECT / "tests" / "test_api_schema.py"]
    if SQL:
        unneeded += [PACKAGE / "entities.py"]
    else:
        unneeded += [PACKAGE / "models.py", PROJECT / "migrations"]
        unneeded += [PROJECT / "tests" / "test_migrations.py"]
    if DATABASE != "cassandra":
        unneeded += [PROJECT / "tests" / "memory_store.py"]
    if SECURITY != "strict" or not WEB:
        unneeded += [PACKAGE / "mfa.py", PROJECT / "tests" / "test_mfa.py"]
        unneeded += [PACKAGE / "templates" / "auth" / name for name in MFA_PAGES]
    if SECURITY == "basic":
        unneeded += [PACKAGE / "common-passwords.txt.gz"]
    if WEB:
        unneeded += [PROJECT / "deploy"]
    return unneeded


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def choose_store() -> None:
    """Keep the data-access module of the chosen database as `store.py`."""
    stores = PACKAGE / "stores"
    (stores / f"{STORE_MODULE}.py").rename(PACKAGE / "store.py")
    shutil.rmtree(stores)


def write_env() -> None:
    """A git-ignored `.env` for local development, with a key unique to this project."""
    lines = [
        "# Local development settings: never commit this file.",
        "APP_ENV=development",
        f"SECRET_KEY={secrets.token_urlsafe(48)}",
    ]
    for line in (PROJECT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith(("DATABASE_URL=", "REDIS_URL=")):
            lines.append(line)
    (PROJECT / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_locks(root: Path) -> None:
    """requirements.txt and requirements-dev.txt: the versions scaffold's scripts/lock.py
    resolved for this template (in .scaffold-lock/), cut to what this project declares."""
    folder = root / ".scaffold-lock"
    runpy.run_path(str(folder / "requirements_lock.py"))["write_locks"](root, folder)
    shutil.rmtree(folder)


if __name__ == "__main__":
    for path in unneeded_paths():
        remove(path)
    choose_store()
    write_env()
    write_locks(PROJECT)
    if IGNORED:
        answers = " and ".join(IGNORED) + (" answers apply" if len(IGNORED) > 1 else " answer applies")
        print(f"Note: the {answers} only to a web app; this microservice has no pages.")
