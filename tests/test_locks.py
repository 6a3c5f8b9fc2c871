"""The templates' resolutions (scripts/lock.py) are current and complete; projects' locks follow.

Rendering every combination of a template's options takes well under a second,
so the staleness check runs in the quick suite; resolving needs pip and the
registry, so only `python scripts/lock.py` does that.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

# scripts/lock.py, a maintainer's tool, reads pyproject.toml with tomllib (Python 3.11+).
pytest.importorskip("tomllib", reason="scripts/lock.py needs Python 3.11 or newer")


def _load_script() -> Any:
    spec = importlib.util.spec_from_file_location("lock_script", ROOT / "scripts" / "lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["lock_script"] = module
    spec.loader.exec_module(module)
    return module


lock = _load_script()
requirements_lock = lock.requirements_lock
TEMPLATES = lock.template_names()


def resolutions(template: str) -> dict[str, dict[str, Any]]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(lock.lock_folder(template).glob("*.json"))
    }


def unsatisfied(packages: dict[str, Any], name: str, extras: list[str]) -> list[str]:
    """What `name` (with `extras`) requires that `packages` lacks or pins out of range."""
    package = packages[name]
    edges = package["requires"] + [e for x in extras for e in package["extras"].get(x, [])]
    problems = []
    for dependency, _, specifier in edges:
        if dependency not in packages:
            problems.append(f"{name} needs {dependency}, which is not locked")
        elif Version(packages[dependency]["version"]) not in SpecifierSet(specifier):
            problems.append(f"{name} needs {dependency}{specifier}")
    return problems


def test_the_templates_are_the_ones_shipped() -> None:
    assert TEMPLATES == ["django", "flask"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_resolutions_are_current_with_the_declared_dependencies(template: str) -> None:
    assert lock.stale(template) == [], "run python scripts/lock.py"


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_resolution_is_complete_and_consistent(template: str) -> None:
    for pool, resolution in resolutions(template).items():
        packages = resolution["packages"]
        assert resolution["target"].startswith(f"CPython {lock.TARGET_PYTHON} on Linux"), pool
        problems = []
        for text in resolution["inputs"]:
            name, _ = requirements_lock.parse_requirement(text)
            version = Version(packages[name]["version"])
            if version not in SpecifierSet(lock.Requirement(text).specifier):
                problems.append(f"{text} is locked at {version}")
        for name, package in packages.items():
            problems += unsatisfied(packages, name, list(package["extras"]))
        assert problems == [], pool
        # Every locked package is needed by some declared requirement.
        assert requirements_lock.closure(packages, resolution["inputs"]) == set(packages)


def test_declared_requirements_are_read_as_tomllib_reads_them() -> None:
    text = '[project]\ndependencies = [\n    "a>=1",\n    # why b\n    "b[x]==2",\n]\n'
    text += '[project.optional-dependencies]\ndev = [\n    "c",\n]\n'
    assert requirements_lock.declared_requirements(text) == (["a>=1", "b[x]==2"], ["c"])
    assert lock.read_pyproject(text) == (["a>=1", "b[x]==2"], ["c"])


def test_a_requirement_the_resolution_lacks_is_refused_with_the_fix() -> None:
    resolution = {"inputs": ["flask>=3.1,<4"]}
    with pytest.raises(requirements_lock.StaleLockError, match=r"run scripts/lock\.py"):
        requirements_lock.choose_resolution([resolution], ["flask>=3.1,<4", "environs>=14"])


def test_the_closure_follows_extras_of_dependencies() -> None:
    packages = {
        "celery": {
            "version": "5",
            "requires": [["kombu", [], ""]],
            "extras": {"redis": [["kombu", ["redis"], ""]]},
        },
        "kombu": {"version": "5", "requires": [], "extras": {"redis": [["redis", [], ""]]}},
        "redis": {"version": "8", "requires": [], "extras": {}},
    }
    assert requirements_lock.closure(packages, ["celery"]) == {"celery", "kombu"}
    assert requirements_lock.closure(packages, ["Celery[Redis]>=5"]) == set(packages)


def test_a_pre_commit_ruff_other_than_the_locked_one_is_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lock, "pre_commit_ruff", lambda template: "0.1.0")
    problems = lock.stale("flask")
    assert problems and all("ruff-pre-commit at 0.1.0" in problem for problem in problems)
