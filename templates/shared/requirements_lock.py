"""Write a generated project's lock files from its template's resolution (standard library only).

scripts/lock.py, in scaffold's repository, resolves every dependency a template can
declare once, with pip, on the Python the generated Dockerfile and CI run; it
writes the result, with the dependency graph as pip saw it, into the template's
`.scaffold-lock/` folder. The post_gen_project hook of each template calls
`write_locks` on the rendered project: the project's own declared requirements,
followed through that graph, give exactly the packages it installs, each at its
resolved version. No network, no resolver: the same answers give the same lock
through scaffold or plain cookiecutter.
"""

import json
import re
from pathlib import Path

RUNTIME_LOCK = "requirements.txt"
DEV_LOCK = "requirements-dev.txt"
# A requirement's name and extras (PEP 508); what follows them is its version specifier.
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*([^;]*)")


class StaleLockError(Exception):
    """The template declares something its resolution does not hold: rerun scripts/lock.py."""


def canonical(name):
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text):
    """`(name, extras)` of a PEP 508 requirement, both canonical."""
    match = _REQUIREMENT.match(text)
    if not match:
        raise StaleLockError(f"cannot read the requirement {text!r}")
    extras = [canonical(extra) for extra in (match.group(2) or "").split(",") if extra.strip()]
    return canonical(match.group(1)), sorted(extras)


def declared_requirements(pyproject_text):
    """The `dependencies` and `dev` arrays of a generated pyproject.toml: two lists of strings.

    The hooks run on the Python that runs cookiecutter, which may be 3.10, without
    tomllib; the templates write each requirement as a quoted string on a line of
    its own, which this reads (tests compare it with tomllib on every variant).
    """
    arrays = {}
    current = None
    for line in pyproject_text.splitlines():
        stripped = line.strip()
        opening = re.fullmatch(r"(dependencies|dev)\s*=\s*\[", stripped)
        if opening:
            current = arrays.setdefault(opening.group(1), [])
        elif current is not None and stripped == "]":
            current = None
        elif current is not None and stripped.startswith('"'):
            current.append(json.loads(stripped.rstrip(",")))
    return arrays.get("dependencies", []), arrays.get("dev", [])


def closure(packages, requirements):
    """The canonical names of every package `requirements` installs, following `packages`.

    `packages` maps a canonical name to its `version`, its unconditional `requires`
    and the `extras` that add more, each requirement as `[name, extras, specifier]`.
    """
    needed = set()
    waiting = [parse_requirement(text) for text in requirements]
    seen = set()
    while waiting:
        name, extras = waiting.pop()
        key = (name, tuple(extras))
        if key in seen:
            continue
        seen.add(key)
        if name not in packages:
            raise StaleLockError(f"{name} is not in the resolution")
        package = packages[name]
        needed.add(name)
        edges = list(package["requires"])
        for extra in extras:
            if extra not in package["extras"]:
                raise StaleLockError(f"{name}[{extra}] is not in the resolution")
            edges += package["extras"][extra]
        waiting += [(dependency, list(dependency_extras)) for dependency, dependency_extras, _ in edges]
    return needed


def choose_resolution(resolutions, requirements):
    """The one resolution whose inputs include every requirement of the project."""
    wanted = {" ".join(text.split()) for text in requirements}
    matching = [item for item in resolutions if wanted <= set(item["inputs"])]
    if len(matching) != 1:
        missing = sorted(wanted - set().union(*(item["inputs"] for item in resolutions)))
        raise StaleLockError(
            f"{len(matching)} resolutions hold every requirement of this project"
            + (f" (none holds {', '.join(missing)})" if missing else "")
            + ": run scripts/lock.py in scaffold's repository"
        )
    return matching[0]


def lock_text(resolution, names, kind, file_name):
    """The lock file of `names`: a header saying what it is, then sorted `name==version` lines."""
    packages = resolution["packages"]
    header = [
        f"# {kind}, each package pinned: install with",
        f"#   pip install --no-deps -r {file_name} && pip check",
        f"# Resolved with pip {resolution['pip']} for {resolution['target']}, {resolution['resolved']};",
        '# README.md ("Locked dependencies") says how to refresh it.',
    ]
    pins = [f"{name}=={packages[name]['version']}" for name in sorted(names)]
    return "\n".join(header + pins) + "\n"


def write_locks(project, folder):
    """Write `requirements.txt` (runtime) and `requirements-dev.txt` (runtime and dev) into
    `project`, from the resolutions (`*.json`) in `folder`."""
    runtime, dev = declared_requirements((project / "pyproject.toml").read_text(encoding="utf-8"))
    resolutions = [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(Path(folder).glob("*.json"))
    ]
    resolution = choose_resolution(resolutions, runtime + dev)
    packages = resolution["packages"]
    locks = {
        RUNTIME_LOCK: (closure(packages, runtime), "Runtime dependencies"),
        DEV_LOCK: (closure(packages, runtime + dev), "Runtime and development dependencies"),
    }
    for file_name, (names, kind) in locks.items():
        (project / file_name).write_text(lock_text(resolution, names, kind, file_name), encoding="utf-8")
