"""The packaging and deploy files of the generated projects, read without installing them.

Each variant is rendered once through scaffold's library API (no git); the tests
read its Dockerfile, CI workflow, compose file and scripts. Running them needs a
Docker engine and GitHub's runners, which this machine does not have.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold.api import create_project

# The deploy-relevant kinds of project: each database family, web and worker
# processes, replicated microservices, memory and Redis rate limits.
VARIANTS: dict[str, dict[str, Any]] = {
    "django-default": {"framework": "django"},
    "django-postgresql-large": {
        "framework": "django",
        "database": "postgresql",
        "api": "rest",
        "security": "strict",
        "scale": "large",
    },
    "django-mysql-basic": {"framework": "django", "database": "mysql", "security": "basic"},
    "django-oracle": {"framework": "django", "database": "oracle", "scale": "medium"},
    "flask-web-default": {"framework": "flask"},
    "flask-web-mariadb-strict": {"framework": "flask", "database": "mariadb", "security": "strict"},
    "flask-micro-sqlite": {"framework": "flask", "architecture": "microservices"},
    "flask-micro-postgresql-large": {
        "framework": "flask",
        "architecture": "microservices",
        "database": "postgresql",
        "scale": "large",
    },
    "flask-web-redis": {"framework": "flask", "database": "redis", "api": "rest"},
    "flask-micro-mongodb-basic": {
        "framework": "flask",
        "architecture": "microservices",
        "database": "mongodb",
        "security": "basic",
    },
    "flask-web-cassandra": {"framework": "flask", "database": "cassandra", "scale": "medium"},
}

PYTHON = "3.13"


@pytest.fixture(scope="module")
def baked(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`baked(name)`: the project of `VARIANTS[name]`, rendered on first use."""
    projects: dict[str, Path] = {}

    def bake(name: str) -> Path:
        if name not in projects:
            target = tmp_path_factory.mktemp(name) / "demo_app"
            answers = {"project_name": "Demo App", **VARIANTS[name]}
            projects[name] = create_project(answers, target, git=False).path
        return projects[name]

    return bake


def workflow(project: Path) -> dict[Any, Any]:
    text = (project / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    loaded: dict[Any, Any] = yaml.safe_load(text)
    return loaded


@pytest.mark.parametrize("name", list(VARIANTS))
def test_docker_image_and_ci_run_python_3_13(baked: Callable[[str], Path], name: str) -> None:
    project = baked(name)
    stages = [
        line.split()[1]
        for line in (project / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("FROM ")
    ]
    assert stages and all(stage == f"python:{PYTHON}-slim" for stage in stages), stages

    versions = [
        step["with"]["python-version"]
        for step in workflow(project)["jobs"]["test"]["steps"]
        if step.get("uses", "").startswith("actions/setup-python@")
    ]
    assert versions == [PYTHON]
