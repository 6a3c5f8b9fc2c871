"""The packaging and deploy files of the generated projects, read without installing them.

Each variant is rendered once through scaffold's library API (no git); the tests
read its Dockerfile, CI workflow, compose file and scripts. Running them needs a
Docker engine and GitHub's runners, which this machine does not have.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from scaffold.api import create_project

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
sys.path.insert(0, str(TEMPLATES / "shared"))
import requirements_lock  # noqa: E402  (what the hooks cut the locks with)

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
    "django-lts-mariadb-rest": {
        "framework": "django",
        "django_version": "lts",
        "database": "mariadb",
        "api": "rest",
    },
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


def pins(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {name: version for name, version in pairs}


def template_resolutions(framework: str) -> list[dict[str, Any]]:
    folder = TEMPLATES / framework / "{{cookiecutter.project_slug}}" / ".scaffold-lock"
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]


@pytest.mark.parametrize("name", list(VARIANTS))
def test_the_locks_pin_exactly_what_the_project_declares(
    baked: Callable[[str], Path], name: str
) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = baked(name)
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    metadata = tomllib.loads(text)["project"]
    runtime, dev = metadata["dependencies"], metadata["optional-dependencies"]["dev"]
    assert requirements_lock.declared_requirements(text) == (runtime, dev)

    runtime_pins = pins(project / "requirements.txt")
    all_pins = pins(project / "requirements-dev.txt")
    resolution = requirements_lock.choose_resolution(
        template_resolutions(VARIANTS[name]["framework"]), runtime + dev
    )
    packages = resolution["packages"]
    assert set(runtime_pins) == requirements_lock.closure(packages, runtime)
    assert set(all_pins) == requirements_lock.closure(packages, runtime + dev)
    assert runtime_pins.items() <= all_pins.items()
    for requirement in map(Requirement, runtime + dev):
        locked = Version(all_pins[requirements_lock.canonical(requirement.name)])
        assert locked in requirement.specifier, (requirement, locked)
    assert not (project / ".scaffold-lock").exists()
    for lock_file in ("requirements.txt", "requirements-dev.txt"):
        header = (project / lock_file).read_text(encoding="utf-8")
        assert f"pip install --no-deps -r {lock_file} && pip check" in header


@pytest.mark.parametrize("name", list(VARIANTS))
def test_image_ci_and_dependabot_install_from_the_locks(
    baked: Callable[[str], Path], name: str
) -> None:
    project = baked(name)
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-deps -r requirements.txt" in dockerfile
    assert "pip check" in dockerfile
    assert "requirements-dev.txt" not in dockerfile  # no test tools in the image

    runs = [step["run"] for step in workflow(project)["jobs"]["test"]["steps"] if "run" in step]
    install = runs.index("pip install --no-deps -r requirements-dev.txt")
    assert runs[install + 1] == "pip check"

    dependabot = yaml.safe_load(
        (project / ".github" / "dependabot.yml").read_text(encoding="utf-8")
    )
    ecosystems = {update["package-ecosystem"]: update for update in dependabot["updates"]}
    assert set(ecosystems) == {"pip", "github-actions"}
    assert all(update["directory"] == "/" for update in ecosystems.values())


@pytest.mark.parametrize("name", list(VARIANTS))
def test_the_pre_commit_ruff_is_the_locked_ruff(baked: Callable[[str], Path], name: str) -> None:
    project = baked(name)
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (ruff,) = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert ruff["rev"] == f"v{pins(project / 'requirements-dev.txt')['ruff']}"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff", "ruff-format"]
    runs = [step["run"] for step in workflow(project)["jobs"]["test"]["steps"] if "run" in step]
    assert {"ruff check .", "ruff format --check ."} <= set(runs)


def dotenv(project: Path) -> dict[str, str]:
    lines = (project / ".env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


@pytest.mark.parametrize("name", list(VARIANTS))
def test_compose_runs_production_values_only(baked: Callable[[str], Path], name: str) -> None:
    project = baked(name)
    text = (project / "compose.yaml").read_text(encoding="utf-8")
    services = yaml.safe_load(text)["services"]
    development = dotenv(project)
    apps = {key: service for key, service in services.items() if "build" in service}
    assert apps
    for key, service in apps.items():
        assert "env_file" not in service, key  # .env holds development values
        environment = service["environment"]
        assert environment.get("DJANGO_DEBUG", "false") == "false", key
        assert environment.get("APP_ENV", "production") == "production", key
        assert "FLASK_DEBUG" not in environment, key
        secret_name = (
            "DJANGO_SECRET_KEY" if "DJANGO_SETTINGS_MODULE" in environment else "SECRET_KEY"
        )
        secret = environment[secret_name]
        assert secret.startswith("${") and secret not in development.values(), key
        source = secret[2:].split(":")[0]
        assert source not in development, f"{key}: .env sets {source}, a development value"
        # The comments say where the production secret comes from.
        assert f"# The secret comes from {source} in your shell" in text


@pytest.mark.parametrize("name", list(VARIANTS))
def test_replicas_share_their_database_and_limits(baked: Callable[[str], Path], name: str) -> None:
    project = baked(name)
    services = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))["services"]
    limited = "flask-limiter" in pins(project / "requirements.txt")
    for key, service in services.items():
        replicas = service.get("deploy", {}).get("replicas", 1)
        if replicas == 1:
            continue
        environment = service["environment"]
        assert not environment.get("DATABASE_URL", "").startswith("sqlite"), key
        if limited:
            assert environment["REDIS_URL"].startswith("redis://"), key
            text = (project / "gunicorn.conf.py").read_text(encoding="utf-8")
            assert "memory://" not in text, key
    if VARIANTS[name].get("architecture") == "microservices":
        # One replica on SQLite, said in the compose file; several on a database server.
        answers = VARIANTS[name]
        scaled = 3 if answers.get("scale") == "large" else 2
        expected = 1 if answers.get("database", "sqlite") == "sqlite" else scaled
        assert services["app"]["deploy"]["replicas"] == expected


@pytest.mark.parametrize("name", list(VARIANTS))
def test_ci_runs_on_the_default_branch_and_pull_requests_with_least_rights(
    baked: Callable[[str], Path], name: str
) -> None:
    loaded = workflow(baked(name))
    triggers = loaded.get("on", loaded.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"push", "pull_request"}
    assert loaded["permissions"] == {"contents": "read"}
    for job in loaded["jobs"].values():
        assert 0 < job["timeout-minutes"] <= 30
        assert job["if"] == (
            "github.event_name == 'pull_request' || "
            "github.ref_name == github.event.repository.default_branch"
        )


@pytest.mark.parametrize("name", list(VARIANTS))
def test_scripts_with_a_shebang_are_executable(baked: Callable[[str], Path], name: str) -> None:
    project = baked(name)
    scripts = [
        path
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.parts and path.read_bytes()[:2] == b"#!"
    ]
    assert [path for path in scripts if not path.stat().st_mode & 0o111] == []
    if VARIANTS[name]["framework"] == "django":
        assert project / "manage.py" in scripts


@pytest.mark.parametrize("name", list(VARIANTS))
def test_gunicorn_opens_no_shared_control_socket(baked: Callable[[str], Path], name: str) -> None:
    project = baked(name)
    settings = {
        node.targets[0].id: node.value
        for node in ast.parse((project / "gunicorn.conf.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert ast.literal_eval(settings["control_socket_disable"]) is True
    # The setting exists from gunicorn 25.1 on; older releases would ignore it.
    assert Version(pins(project / "requirements.txt")["gunicorn"]) >= Version("25.1")
