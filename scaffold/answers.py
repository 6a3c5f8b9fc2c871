"""Load, merge and validate answers.

Answers come from three places, in this order of precedence: command-line
flags, then an answers file (YAML or JSON), then defaults. Every value is
checked here, before anything is rendered, so a bad value never reaches a
template and the error names the field and what it accepts.
"""

from __future__ import annotations

import keyword
import re
import reprlib
import sys
import unicodedata
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.criteria import QUESTIONS, QUESTIONS_BY_KEY, Value
from scaffold.errors import InputError

FRAMEWORK_CHOICES = ("auto", "django", "flask")

# Names a project package must not take: it would shadow the module of that name
# on sys.path, or a package the generated project itself contains or depends on.
# The project's directory comes first on sys.path, so a package named after any
# library the project imports, directly or through its dependencies, breaks it
# (a Flask project called 'blinker' cannot import Flask).
_DEPENDENCIES = {
    "amqp",
    "apispec",
    "asgiref",
    "attr",
    "attrs",
    "axes",
    "billiard",
    "blinker",
    "bson",
    "cassandra_driver",
    "cffi",
    "click_didyoumean",
    "click_plugins",
    "click_repl",
    "cryptography",
    "dateutil",
    "deprecated",
    "django_otp",
    "dns",
    "dotenv",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "email_validator",
    "fakeredis",
    "flask_limiter",
    "flask_smorest",
    "geomet",
    "greenlet",
    "gridfs",
    "idna",
    "inflection",
    "iniconfig",
    "jsonschema",
    "jsonschema_specifications",
    "limits",
    "mako",
    "marshmallow",
    "mongomock",
    "ordered_set",
    "packaging",
    "pkg_resources",
    "pluggy",
    "prompt_toolkit",
    "psycopg_binary",
    "py",
    "pycparser",
    "pygments",
    "pytest_django",
    "pytz",
    "qrcode",
    "referencing",
    "rpds",
    "ruff",
    "sentinels",
    "six",
    "sortedcontainers",
    "sqlparse",
    "swagger_ui_bundle",
    "typing_extensions",
    "tzdata",
    "tzlocal",
    "uritemplate",
    "vine",
    "wcwidth",
    "webargs",
    "wrapt",
}
RESERVED_NAMES = frozenset(sys.stdlib_module_names).union(_DEPENDENCIES) | {
    "accounts",
    "alembic",
    "api",
    "app",
    "argon2",
    "babel",
    "cassandra",
    "celery",
    "click",
    "config",
    "cookiecutter",
    "core",
    "django",
    "dj_database_url",
    "docs",
    "flask",
    "flask_babel",
    "flask_login",
    "flask_migrate",
    "flask_sqlalchemy",
    "flask_wtf",
    "gunicorn",
    "hooks",
    "itsdangerous",
    "jinja2",
    "kombu",
    "locale",
    "manage",
    "markupsafe",
    "migrations",
    "mysqldb",
    "ninja",
    "oracledb",
    "pages",
    "pip",
    "psycopg",
    "psycopg2",
    "pymongo",
    "pymysql",
    "pytest",
    "redis",
    "rest_framework",
    "scaffold",
    "setuptools",
    "site",
    "sqlalchemy",
    "static",
    "templates",
    "test",
    "tests",
    "werkzeug",
    "wheel",
    "whitenoise",
    "wsgi",
    "deploy",
    "wtforms",
    "yaml",
}

_SLUG = re.compile(r"[a-z][a-z0-9_]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}


def _plain_line(field: str, value: str, max_length: int) -> str:
    if len(value) > max_length:
        raise InputError(field, f"is {len(value)} characters long; at most {max_length} allowed")
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in value):
        raise InputError(field, "must be a single line without control characters")
    return value


def _project_name(value: str) -> str:
    value = _plain_line("project_name", value.strip(), 80)
    if not any(char.isalnum() for char in value):
        raise InputError("project_name", "must contain at least one letter or digit")
    if "/" in value or "\\" in value or value.startswith("."):
        raise InputError("project_name", "must not contain path separators or start with '.'")
    return value


def validate_slug(value: str, *, existing: bool = False) -> str:
    """Check that a project slug is a safe, importable, non-shadowing package name.

    ``existing`` is for the slug of a project already made: a name reserved
    since then stays allowed, since the package exists under it.
    """
    if not 2 <= len(value) <= 40:
        raise InputError("project_slug", f"{value[:50]!r} must be 2 to 40 characters long")
    if not _SLUG.fullmatch(value):
        raise InputError(
            "project_slug",
            f"{value!r} is not allowed: use lowercase ASCII letters, digits and '_', "
            "starting with a letter (no path separators, dots or '..')",
        )
    if keyword.iskeyword(value) or (value in RESERVED_NAMES and not existing):
        raise InputError(
            "project_slug",
            f"{value!r} would shadow the Python or framework module of that name; choose another",
        )
    return value


def slugify(name: str) -> str:
    """The default package name for a project title: 'Café Shop' -> 'cafe_shop'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if slug[:1].isdigit():
        slug = f"project_{slug}"
    return slug


def _email(value: str) -> str:
    value = _plain_line("author_email", value.strip(), 254)
    if not _EMAIL.fullmatch(value):
        raise InputError("author_email", f"{value!r} is not an e-mail address")
    return value


def _kind_of(answers: Mapping[str, Value]) -> str:
    return "web service" if answers.get("architecture") == "microservices" else "web application"


@dataclass(frozen=True)
class TextOption:
    """A free-text option of the templates (not a criterion of the decision)."""

    key: str
    prompt: str
    default: Callable[[Mapping[str, Value]], str]
    clean: Callable[[str], str]


TEXT_OPTIONS: tuple[TextOption, ...] = (
    TextOption("project_name", "Project name", lambda _: "My Project", _project_name),
    TextOption(
        "project_slug",
        "Python package name",
        lambda answers: slugify(str(answers["project_name"])),
        validate_slug,
    ),
    TextOption(
        "description",
        "One-line description",
        lambda answers: f"{answers['project_name']}, a {_kind_of(answers)}.",
        lambda value: _plain_line("description", value.strip(), 300),
    ),
    TextOption(
        "author_name",
        "Author",
        lambda _: "Your Name",
        lambda value: _plain_line("author_name", value.strip(), 100) or "Your Name",
    ),
    TextOption("author_email", "Author e-mail", lambda _: "you@example.com", _email),
)
TEXT_OPTIONS_BY_KEY = {option.key: option for option in TEXT_OPTIONS}

ANSWER_KEYS: tuple[str, ...] = (
    *(question.key for question in QUESTIONS),
    "framework",
    *(option.key for option in TEXT_OPTIONS),
)


# Values quoted in error messages are cut short: an answers file can hold a
# megabyte string or a few lines of YAML aliases that expand to billions of items.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict = 2, 4, 4
_KEY = re.compile(r"[\w-]{1,40}")


def _shown(value: object) -> str:
    return _SHORT.repr(value)


def clean_value(key: str, raw: object) -> Value:
    """Validate one answer and return it in its canonical type."""
    if key not in ANSWER_KEYS:
        shown = key if _KEY.fullmatch(key) else _shown(key)
        raise InputError(shown, f"unknown key; allowed keys: {', '.join(ANSWER_KEYS)}")
    if key == "framework":
        return _choice(key, raw, FRAMEWORK_CHOICES)
    if key in TEXT_OPTIONS_BY_KEY:
        if not isinstance(raw, str):
            raise InputError(key, f"must be text, not {type(raw).__name__}")
        return TEXT_OPTIONS_BY_KEY[key].clean(raw)
    question = QUESTIONS_BY_KEY[key]
    if question.is_bool:
        return _boolean(key, raw)
    return _choice(key, raw, tuple(str(value) for value in question.values))


def _choice(key: str, raw: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(raw, str) or raw not in allowed:
        raise InputError(key, f"{_shown(raw)} is not one of {', '.join(allowed)}")
    return raw


def _boolean(key: str, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):  # `admin: 1` in YAML or JSON, as "1" is taken
        return bool(raw)
    if isinstance(raw, str) and raw.lower() in _TRUE | _FALSE:
        return raw.lower() in _TRUE
    raise InputError(key, f"{_shown(raw)} is not a boolean (true/false, yes/no)")


def clean(raw: Mapping[str, object]) -> dict[str, Value]:
    """Validate a mapping of answers; unknown keys are errors, not ignored."""
    return {key: clean_value(key, value) for key, value in raw.items()}


MAX_FILE_CHARACTERS = 100_000


def load_file(path: Path) -> dict[str, Value]:
    """Read and validate an answers file (YAML, of which JSON is a subset)."""
    import yaml

    field = f"answers file {path}"
    try:
        with path.open(encoding="utf-8") as file:
            text = file.read(MAX_FILE_CHARACTERS + 1)
    except FileNotFoundError:
        raise InputError(field, "not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(field, f"cannot be read ({error})") from None
    if len(text) > MAX_FILE_CHARACTERS:
        raise InputError(field, f"is longer than {MAX_FILE_CHARACTERS} characters")

    class UniqueKeys(yaml.SafeLoader):
        """YAML forbids a key twice in a mapping; PyYAML would keep the last silently."""

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, Hashable):
                    continue  # SafeLoader refuses it below
                if key in seen:
                    where = f"line {key_node.start_mark.line + 1}"
                    raise InputError(field, f"{_shown(key)} is given twice ({where})")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    try:
        data = yaml.load(text, Loader=UniqueKeys)  # a SafeLoader
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise InputError(field, f"is not valid YAML or JSON{line}") from None
    except RecursionError:
        raise InputError(field, "nests values too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(field, "must hold a mapping of answer keys to values")
    return clean({str(key): value for key, value in data.items()})


def criteria_defaults() -> dict[str, Value]:
    return {question.key: question.default for question in QUESTIONS}


# Both templates refuse SQLite for large projects: their web and Celery worker
# containers cannot share a database file.
_LARGE_DATABASES = ("postgresql", "mysql", "mariadb", "oracle", "mongodb", "redis", "cassandra")


def default_answer(key: str, answers: Mapping[str, Value]) -> Value:
    """The default of one criterion, given the answers before it."""
    if key == "database" and answers.get("scale") == "large":
        return "postgresql"
    return QUESTIONS_BY_KEY[key].default


def check_combination(answers: Mapping[str, Value]) -> None:
    """Refuse answers that are valid one by one but that no template can honour together."""
    if answers.get("scale") == "large" and answers.get("database") == "sqlite":
        raise InputError(
            "database",
            "'sqlite' cannot serve scale 'large' (web and worker processes cannot share a "
            f"database file); choose one of {', '.join(_LARGE_DATABASES)}",
        )


def fill_text_defaults(answers: Mapping[str, Value]) -> dict[str, Value]:
    """Complete the free-text options in order, each default seeing the ones before it."""
    filled = dict(answers)
    for option in TEXT_OPTIONS:
        if option.key not in filled:
            filled[option.key] = option.clean(option.default(filled))
    return filled
