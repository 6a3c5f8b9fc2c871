"""A project package named after a module of its own virtualenv would shadow it:
every top-level import name installed for a generated project is reserved."""

from __future__ import annotations

import json
from typing import Any

import pytest
from harness import bake_project, project_env

from scaffold.rules import RESERVED_NAMES

# The variants with the most dependencies, so that together they install every
# distribution the templates can ask for.
VARIANTS = [
    ("django", {}),
    ("django", {"database": "postgresql", "api": "rest", "security": "strict", "scale": "large"}),
    ("django", {"database": "mysql"}),
    ("django", {"database": "oracle"}),
    # Django 5.2 LTS brings django-csp (csp) besides the current series' packages.
    (
        "django",
        {
            "django_version": "lts",
            "database": "postgresql",
            "api": "rest",
            "security": "strict",
            "scale": "large",
        },
    ),
    ("flask", {}),
    ("flask", {"database": "postgresql", "security": "strict", "scale": "large", "i18n": True}),
    ("flask", {"database": "mariadb"}),
    ("flask", {"database": "oracle"}),
    ("flask", {"architecture": "microservices", "api": "rest", "database": "mongodb"}),
    ("flask", {"architecture": "microservices", "database": "cassandra"}),
    ("flask", {"architecture": "microservices", "database": "redis"}),
]

LIST_TOP_LEVEL_NAMES = (
    "import json, pkgutil, site; "
    "print(json.dumps(sorted({m.name for m in pkgutil.iter_modules(site.getsitepackages())})))"
)


def variant_id(variant: Any) -> str:
    return (
        "-".join(str(value) for value in variant.values()) if isinstance(variant, dict) else variant
    )


@pytest.mark.parametrize(("template", "answers"), VARIANTS, ids=variant_id)
def test_every_installed_top_level_name_is_reserved(
    cookies: Any, template: str, answers: dict[str, Any]
) -> None:
    project = bake_project(cookies, template, answers)
    env = project_env(project)
    listed = env.run(["python", "-c", LIST_TOP_LEVEL_NAMES], cwd=project).stdout
    # Slugs are lowercase, so a name such as MySQLdb is reserved as mysqldb.
    public = {name.lower() for name in json.loads(listed) if not name.startswith("_")}
    assert sorted(public - RESERVED_NAMES) == [], "add these to scaffold/reserved_names.txt"
