"""Fixtures and hooks for the tests that bake and run the templates.

Everything collected under this folder is marked `generated`, so
`pytest -m "not generated"` is the quick local run. Test modules import the
helpers with `from harness import ...` (this folder has no `__init__.py`, so
pytest puts it on `sys.path`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import harness
import pytest

HERE = Path(__file__).parent

# The generated projects need Python 3.11 or newer (their pyproject says so), and
# the template tests read TOML with the standard library's tomllib.
if sys.version_info < (3, 11):
    collect_ignore_glob = ["test_django*.py", "test_flask*.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.generated)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    """Put the test's `harness.record` calls on its report (see `harness.Summary`)."""
    item.user_properties.extend(harness.take_pending_records())
    return (yield)


@pytest.fixture(scope="session")
def templates_dir() -> Path:
    """The repository's `templates/` folder (`django/`, `flask/`)."""
    return harness.TEMPLATES


@pytest.fixture(scope="session")
def in_ci() -> bool:
    """True under `CI=true`, where a missing server or browser is a failure."""
    return os.environ.get("CI") == "true"


@pytest.fixture
def bake(cookies: Any) -> Callable[..., Path]:
    """`bake("django", database="postgresql", ...)` -> the baked project's path.

    Function-scoped (one fresh output folder per test); for a project shared by
    several tests use `harness.bake_project(cookies_session, ...)` in a
    module- or session-scoped fixture.
    """

    def bake_one(flavour: str, **answers: Any) -> Path:
        return harness.bake_project(cookies, flavour, answers)

    return bake_one
