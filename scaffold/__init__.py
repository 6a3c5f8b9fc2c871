"""scaffold: choose between Django and Flask, then generate a starter project that ships.

The library API (see scaffold/api.py): ``recommend``, ``create_project``,
``check_project`` and ``update_project``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place of the version (pyproject.toml reads it); see "Versions" in docs/lifecycle.md.
__version__ = "0.2.0.dev0"

__all__ = ["__version__", "check_project", "create_project", "recommend", "update_project"]

if TYPE_CHECKING:
    from scaffold.api import check_project, create_project, recommend, update_project


def __getattr__(name: str) -> Any:
    # Imported on first use: `scaffold --help` needs none of it.
    if name in ("check_project", "create_project", "recommend", "update_project"):
        from scaffold import api

        return getattr(api, name)
    raise AttributeError(f"module 'scaffold' has no attribute {name!r}")
