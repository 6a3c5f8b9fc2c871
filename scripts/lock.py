"""Resolve the templates' dependencies ahead of time, so generated projects ship locks offline.

    python scripts/lock.py                 # every template, on python3.13 (found like the harness)
    python scripts/lock.py --python PATH   # resolve on another interpreter
    python scripts/lock.py --check         # exit 1 when a resolution is stale (no network)

For each template, every combination of its choice and yes/no options renders
pyproject.toml; the requirements they declare (runtime and `dev`) are pooled,
one pool per value of the template's series option (Django: `django_version`),
and each pool is resolved once with `pip install --dry-run --ignore-installed
--report` on the Python the generated Dockerfile and CI run. The versions and the
dependency graph, its markers evaluated for that Python, go to
`templates/<template>/{{cookiecutter.project_slug}}/.scaffold-lock/<pool>.json`;
the template's post_gen_project hook cuts each project's `requirements.txt` and
`requirements-dev.txt` from it (templates/shared/requirements_lock.py).

It also sets the ruff-pre-commit `rev` of each template's .pre-commit-config.yaml
to the ruff it resolved, so the git hook formats as the project's own ruff does.

Rerun it after changing a template's dependencies, and now and then to move the
starters to newer releases; tests/test_locks.py fails while a resolution is stale.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import tomllib
from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
PROJECT_DIR = "{{cookiecutter.project_slug}}"
LOCK_FOLDER = ".scaffold-lock"
# The Python of the generated Dockerfiles and CI workflows (tests/test_project_files.py).
TARGET_PYTHON = "3.13"
# Options whose values select versions that cannot be installed together.
SERIES_OPTIONS = {"django": "django_version"}
# Text answers do not change what a project installs; any valid value renders.
TEXT_ANSWERS = {
    "project_name": "Lock",
    "project_slug": "lock",
    "description": "Lock.",
    "author_name": "",
    "author_email": "",
}

sys.path.insert(0, str(TEMPLATES / "shared"))
import requirements_lock  # noqa: E402  (the hooks' own reader and graph walk)


def template_names() -> list[str]:
    return sorted(path.parent.name for path in TEMPLATES.glob("*/cookiecutter.json"))


def lock_folder(template: str) -> Path:
    return TEMPLATES / template / PROJECT_DIR / LOCK_FOLDER


def template_options(template: str) -> dict[str, Any]:
    options: dict[str, Any] = json.loads((TEMPLATES / template / "cookiecutter.json").read_text())
    return options


def combinations(template: str) -> Iterator[dict[str, Any]]:
    """Every combination of the template's choice and yes/no options, with fixed text."""
    varying = {
        key: value if isinstance(value, list) else [True, False]
        for key, value in template_options(template).items()
        if not key.startswith("_") and isinstance(value, (list, bool))
    }
    for values in itertools.product(*varying.values()):
        yield {**TEXT_ANSWERS, **dict(zip(varying, values, strict=True))}


def declared_pools(template: str) -> dict[str, list[str]]:
    """Pool name -> every requirement string the template can declare in that pool, sorted.

    Contexts are built as scaffold.render.build_context builds them (answers as
    data, the template's `__` expressions rendered over them), with each
    expression compiled once: the quick test suite runs this for some 1,500
    combinations.
    """
    from cookiecutter.environment import StrictEnvironment

    options = template_options(template)
    series = SERIES_OPTIONS.get(template)
    pools: dict[str, set[str]] = {}
    rendered: dict[str, tuple[list[str], list[str]]] = {}
    sys.path.insert(0, str(TEMPLATES / template))
    try:
        env = StrictEnvironment(context={"cookiecutter": options}, keep_trailing_newline=True)
        pyproject = env.from_string(
            (TEMPLATES / template / PROJECT_DIR / "pyproject.toml").read_text("utf-8")
        )
        derived = {
            key: env.from_string(expression)
            for key, expression in options.items()
            if key.startswith("__") and isinstance(expression, str)
        }
        for answers in combinations(template):
            context = {**{k: v for k, v in options.items() if k.startswith("_")}, **answers}
            for key, expression in derived.items():
                context[key] = expression.render(cookiecutter=context)
            text = pyproject.render(cookiecutter=context)
            if text not in rendered:
                rendered[text] = read_pyproject(text)
            pool = f"{template}-{answers[series]}" if series in answers else template
            runtime, dev = rendered[text]
            pools.setdefault(pool, set()).update(" ".join(r.split()) for r in runtime + dev)
    finally:
        sys.path.remove(str(TEMPLATES / template))
    return {pool: sorted(requirements) for pool, requirements in sorted(pools.items())}


def read_pyproject(text: str) -> tuple[list[str], list[str]]:
    """The runtime and dev requirements, read as the hooks read them, checked against tomllib."""
    runtime, dev = requirements_lock.declared_requirements(text)
    project = tomllib.loads(text)["project"]
    expected = (project["dependencies"], project.get("optional-dependencies", {}).get("dev", []))
    if (runtime, dev) != expected:
        raise SystemExit(f"the hooks would read {(runtime, dev)} where tomllib reads {expected}")
    for requirement in runtime + dev:
        if Requirement(requirement).marker is not None:
            raise SystemExit(f"{requirement!r}: the locks are for one Python; drop the marker")
    return runtime, dev


def find_python(version: str) -> Path:
    """`pythonX.Y` from pyenv's versions or PATH (as tests/generated/harness.py finds them)."""
    import os

    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    for candidate in sorted(pyenv.glob(f"versions/{version}.*/bin/python{version}"), reverse=True):
        return candidate
    found = shutil.which(f"python{version}")
    if found is None:
        raise SystemExit(f"no python{version} here: pass --python")
    return Path(found)


def resolve(python: Path, requirements: Sequence[str]) -> dict[str, Any]:
    """pip's installation report for `requirements` on `python`, nothing installed."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--ignore-installed",
                "--quiet",
                "--disable-pip-version-check",
                "--report",
                str(report),
                *requirements,
            ],
            check=True,
            stdin=subprocess.DEVNULL,
        )
        loaded: dict[str, Any] = json.loads(report.read_text("utf-8"))
        return loaded


def graph(report: Mapping[str, Any]) -> dict[str, Any]:
    """Canonical name -> version, requirements and per-extra requirements, markers evaluated."""
    environment = dict(report["environment"])
    packages: dict[str, Any] = {}
    for item in report["install"]:
        metadata = item["metadata"]
        extras = sorted(
            {requirements_lock.canonical(e) for e in metadata.get("provides_extra", [])}
        )
        requires: list[list[Any]] = []
        by_extra: dict[str, list[list[Any]]] = {}
        for text in metadata.get("requires_dist", []):
            requirement = Requirement(text)
            edge = [
                requirements_lock.canonical(requirement.name),
                sorted(requirements_lock.canonical(e) for e in requirement.extras),
                str(requirement.specifier),
            ]
            if applies(requirement.marker, environment, ""):
                requires.append(edge)
                continue
            for extra in extras:
                if applies(requirement.marker, environment, extra):
                    by_extra.setdefault(extra, []).append(edge)
        packages[requirements_lock.canonical(metadata["name"])] = {
            "version": metadata["version"],
            "requires": sorted(requires),
            "extras": {extra: sorted(edges) for extra, edges in sorted(by_extra.items())},
        }
    return packages


def applies(marker: Marker | None, environment: dict[str, str], extra: str) -> bool:
    return marker is None or marker.evaluate({**environment, "extra": extra})


def used_part(packages: dict[str, Any], inputs: Sequence[str]) -> dict[str, Any]:
    """`packages` with only the extras something asks for (others name packages not resolved)."""
    asked: set[tuple[str, str]] = set()
    waiting = [requirements_lock.parse_requirement(text) for text in inputs]
    while waiting:
        name, extras = waiting.pop()
        new = [extra for extra in extras if (name, extra) not in asked]
        if name in packages and (new or (name, "") not in asked):
            asked.add((name, ""))
            asked.update((name, extra) for extra in new)
            edges = packages[name]["requires"] + [
                edge for extra in new for edge in packages[name]["extras"].get(extra, [])
            ]
            waiting += [(edge[0], edge[1]) for edge in edges]
    return {
        name: {
            **package,
            "extras": {e: v for e, v in package["extras"].items() if (name, e) in asked},
        }
        for name, package in packages.items()
    }


def resolution(python: Path, inputs: list[str]) -> dict[str, Any]:
    report = resolve(python, inputs)
    environment = report["environment"]
    target = (
        f"{environment['platform_python_implementation']} {environment['python_version']} "
        f"on {environment['platform_system']} {environment['platform_machine']}"
    )
    packages = used_part(graph(report), inputs)
    result = {
        "inputs": inputs,
        "target": target,
        "pip": report["pip_version"],
        "resolved": datetime.date.today().isoformat(),
        "packages": packages,
    }
    unused = set(packages) - requirements_lock.closure(packages, inputs)
    if unused:
        raise SystemExit(f"pip installed {sorted(unused)}, which nothing asked for")
    return result


def stale(template: str) -> list[str]:
    """What differs between the template's declared pools and its stored resolutions."""
    declared = declared_pools(template)
    resolutions = {
        path.stem: json.loads(path.read_text("utf-8"))
        for path in sorted(lock_folder(template).glob("*.json"))
    }
    stored = {pool: resolution["inputs"] for pool, resolution in resolutions.items()}
    problems = [f"{pool}: no resolution" for pool in declared if pool not in stored]
    problems += [f"{pool}: resolution of no pool" for pool in stored if pool not in declared]
    for pool, inputs in declared.items():
        if pool in stored and stored[pool] != inputs:
            added = sorted(set(inputs) - set(stored[pool]))
            dropped = sorted(set(stored[pool]) - set(inputs))
            problems.append(f"{pool}: declared now {added}, no longer {dropped}")
    rev = pre_commit_ruff(template)
    for pool, resolution in resolutions.items():
        locked = resolution["packages"].get("ruff", {}).get("version")
        if locked != rev:
            problems.append(f"{pool}: ruff {locked} locked, ruff-pre-commit at {rev}")
    return problems


PRE_COMMIT = re.compile(r"(repo: https://github.com/astral-sh/ruff-pre-commit\n\s+rev: )v?[^\s]+")


def pre_commit_ruff(template: str) -> str | None:
    """The ruff-pre-commit revision of the template's .pre-commit-config.yaml, without the v."""
    text = (TEMPLATES / template / PROJECT_DIR / ".pre-commit-config.yaml").read_text("utf-8")
    found = PRE_COMMIT.search(text)
    return text[found.end(1) : found.end()].removeprefix("v") if found else None


def set_pre_commit_ruff(template: str, version: str) -> None:
    path = TEMPLATES / template / PROJECT_DIR / ".pre-commit-config.yaml"
    text, count = PRE_COMMIT.subn(rf"\g<1>v{version}", path.read_text("utf-8"))
    if count != 1:
        raise SystemExit(f"{path}: no ruff-pre-commit revision to set")
    path.write_text(text, "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--python", type=Path, help=f"default: python{TARGET_PYTHON}")
    parser.add_argument("--check", action="store_true", help="only say what is stale")
    parser.add_argument("templates", nargs="*", default=template_names())
    arguments = parser.parse_args(argv)
    if arguments.check:
        problems = [f"{t}: {p}" for t in arguments.templates for p in stale(t)]
        print("\n".join(problems) or "every resolution is current")
        return 1 if problems else 0
    python = arguments.python or find_python(TARGET_PYTHON)
    for template in arguments.templates:
        folder = lock_folder(template)
        folder.mkdir(exist_ok=True)
        pools = declared_pools(template)
        for old in folder.glob("*.json"):
            if old.stem not in pools:
                old.unlink()
        ruff = set()
        for pool, inputs in pools.items():
            result = resolution(python, inputs)
            path = folder / f"{pool}.json"
            path.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", "utf-8")
            print(f"{path.relative_to(ROOT)}: {len(result['packages'])} packages")
            ruff.add(result["packages"]["ruff"]["version"])
        if len(ruff) != 1:
            raise SystemExit(f"{template}: the pools resolved different ruff versions {ruff}")
        set_pre_commit_ruff(template, ruff.pop())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
