"""Rules on the answers that are not the article's: the package name, the e-mail,
and the names a package must not take.

The templates enforce the same rules in their ``pre_gen_project`` hooks, so that
plain ``cookiecutter templates/flask`` refuses what scaffold refuses. They read
them from ``rules.json`` beside the templates, which :func:`template_rules`
writes (``python scripts/write_template_rules.py``; a test checks it is current).
"""

from __future__ import annotations

import sys
from pathlib import Path

from scaffold.criteria import CONSTRAINTS, QUESTIONS, REQUIREMENTS

SLUG_PATTERN = r"[a-z][a-z0-9_]*"
SLUG_MIN_LENGTH = 2
SLUG_MAX_LENGTH = 40
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+\.[^@\s]+"
EMAIL_MAX_LENGTH = 254
# Empty is allowed: with no git identity the author is left out, never a placeholder.
EMAIL_REQUIRED = False


def email_packaging_problem(email: str) -> str | None:
    """Why the packaging tools would refuse ``email`` as an author's address, or None.

    setuptools and hatchling write pyproject.toml's authors into the package
    metadata through ``email.headerregistry.Address``; an address it refuses
    (``jürgen@firma.de``, ``a,b@c.d``, ``a@b..c``) fails ``pip install .`` of the
    generated project, and one it changes (``a(comment)@b.c``) would be recorded
    differently. The templates' hook does the same check (templates/shared/).
    """
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        parsed = Address(addr_spec=email).addr_spec
    except (ValueError, IndexError, HeaderParseError) as error:
        if "non-ASCII" in str(error):
            return "the part before '@' must be ASCII (packaging tools refuse others)"
        return "is not an address packaging tools accept (pip install would fail)"
    if parsed != email:
        return f"packaging tools would record it as {parsed!r}; give that form"
    return None


def _listed_names(path: Path) -> frozenset[str]:
    lines = (line.partition("#")[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(line for line in lines if line)


LISTED_NAMES = _listed_names(Path(__file__).with_name("reserved_names.txt"))
RESERVED_NAMES = frozenset(sys.stdlib_module_names) | LISTED_NAMES


def template_rules() -> dict[str, object]:
    """The rules as the templates' hooks read them (JSON; the standard library adds
    ``sys.stdlib_module_names`` and the keywords itself)."""
    return {
        "comment": "Written by scripts/write_template_rules.py from scaffold/; do not edit.",
        "project_slug": {
            "pattern": SLUG_PATTERN,
            "min_length": SLUG_MIN_LENGTH,
            "max_length": SLUG_MAX_LENGTH,
            "reserved": sorted(LISTED_NAMES),
        },
        "author_email": {
            "pattern": EMAIL_PATTERN,
            "max_length": EMAIL_MAX_LENGTH,
            "required": EMAIL_REQUIRED,
        },
        "choices": {
            question.key: [str(value) for value in question.values]
            for question in QUESTIONS
            if not question.is_bool
        },
        "requirements": [
            {
                "when_key": rule.when_key,
                "when_values": sorted(map(str, rule.when_values)),
                "key": rule.key,
                "allowed": list(rule.allowed),
                "reason": rule.reason,
            }
            for rule in REQUIREMENTS
        ],
        "constraints": [
            {
                "key": constraint.key,
                "values": sorted(map(str, constraint.values)),
                "excludes": constraint.excludes,
                "reason": constraint.reason,
            }
            for constraint in CONSTRAINTS
        ],
    }
