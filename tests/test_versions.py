"""The version policy: a released version never changes its templates.

scaffold's version lives in scaffold/__init__.py only (pyproject.toml reads it).
A final version (no ``.dev``) has its templates' fingerprints recorded in
tests/released_templates.json; changing a template afterwards fails this test
until the version is bumped to the next ``.devN``. Between releases, templates
change freely under a ``.dev`` version, and check/update then show the
templates' fingerprints beside the version.
"""

import json
import re
from pathlib import Path

import pytest

from scaffold import __version__, render

RELEASED = Path(__file__).parent / "released_templates.json"
FRAMEWORKS = ("django", "flask")


def policy_problem(
    version: str, fingerprints: dict[str, str], released: dict[str, dict[str, str]]
) -> str | None:
    """What is wrong with shipping these templates as ``version``, or None."""
    if ".dev" in version:
        return None
    if version not in released:
        return f"release {version} has no recorded template fingerprints"
    changed = sorted(
        name for name, print_ in fingerprints.items() if released[version].get(name) != print_
    )
    if changed:
        return f"templates changed since release {version} ({', '.join(changed)}): bump the version"
    return None


@pytest.mark.parametrize(
    ("version", "fingerprints", "released", "problem"),
    [
        ("0.3.0.dev1", {"django": "a"}, {}, None),
        ("0.3.0", {"django": "a"}, {"0.3.0": {"django": "a"}}, None),
        (
            "0.3.0",
            {"django": "b"},
            {"0.3.0": {"django": "a"}},
            "templates changed since release 0.3.0 (django)",
        ),
        ("0.3.0", {"django": "a"}, {}, "release 0.3.0 has no recorded template fingerprints"),
    ],
)
def test_the_policy(version, fingerprints, released, problem):
    found = policy_problem(version, fingerprints, released)
    assert (found is None) if problem is None else found.startswith(problem)


def test_the_installed_templates_follow_the_policy():
    released = json.loads(RELEASED.read_text(encoding="utf-8"))["releases"]
    fingerprints = {name: render.fingerprint(name) for name in FRAMEWORKS}
    assert policy_problem(__version__, fingerprints, released) is None


def test_the_version_has_one_source():
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert '[tool.hatch.version]\npath = "scaffold/__init__.py"' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+)?", __version__)
