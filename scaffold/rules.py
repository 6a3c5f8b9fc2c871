"""Rules on the answers that are not the article's: the package name, the e-mail,
and the names a package must not take.

The templates enforce the same rules in their ``pre_gen_project`` hooks, so that
plain ``cookiecutter templates/flask`` refuses what scaffold refuses. They read
them from ``rules.json`` beside the templates, which :func:`template_rules`
writes (``python scripts/write_template_rules.py``; a test checks it is current).
"""

from __future__ import annotations

import re
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
# The characters of RFC 5322's dot-atom; a domain may also hold letters of any
# script (an internationalised domain) but no whitespace (every character
# str.isspace() takes is below U+3001). Literal characters, not escapes: Python's
# re and ECMAScript (JSON Schema's dialect) read them alike.
_ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-"
_SPACES = "".join(chr(point) for point in range(0x3001) if chr(point).isspace())
_DOMAIN_CHAR = f"(?:[{_ATEXT}]|[^\\x00-\\x7f{_SPACES}])"
# What the packaging tools write into a package's metadata unchanged: a dot-atom
# on each side of the '@', ASCII before it, the domain with a dot. setuptools and
# hatchling parse the address with email.headerregistry, which refuses a
# non-ASCII local part and rewrites comments and needless quotes; quoted local
# parts and domain literals, which it may keep, are refused too, so that one
# pattern states the rule (the templates' hook and `scaffold schema` use it).
EMAIL_ADDR_SPEC_PATTERN = f"[{_ATEXT}]+(?:\\.[{_ATEXT}]+)*@{_DOMAIN_CHAR}+(?:\\.{_DOMAIN_CHAR}+)+"


def email_packaging_problem(email: str) -> str | None:
    """Why the packaging tools would refuse or rewrite ``email`` as an author's address, or None.

    setuptools and hatchling write pyproject.toml's authors into the package
    metadata through ``email.headerregistry.Address``; an address it refuses
    (``jürgen@firma.de``, ``a,b@c.d``, ``a@b..c``) fails ``pip install .`` of the
    generated project, and one it changes (``a(comment)@b.c``) would be recorded
    differently. The templates' hook does the same check (templates/shared/).
    """
    if not email.rpartition("@")[0].isascii():
        return "the part before '@' must be ASCII (packaging tools refuse others)"
    if not re.fullmatch(EMAIL_ADDR_SPEC_PATTERN, email):
        return (
            "is not an address packaging tools take as it is: letters, digits and "
            "!#$%&'*+/=?^_`{|}~- in dot-separated parts on both sides of '@' "
            "(no quotes, comments, brackets or empty parts)"
        )
    return None


def _listed_names(path: Path) -> frozenset[str]:
    lines = (line.partition("#")[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(line for line in lines if line)


LISTED_NAMES = _listed_names(Path(__file__).with_name("reserved_names.txt"))
RESERVED_NAMES = frozenset(sys.stdlib_module_names) | LISTED_NAMES


def template_rules() -> dict[str, object]:
    """The rules as the templates' hooks read them (JSON; the standard library adds
    ``sys.stdlib_module_names`` and the keywords itself)."""
    from scaffold.answers import STARTER_OPTIONS  # answers.py imports this module

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
            "addr_spec_pattern": EMAIL_ADDR_SPEC_PATTERN,
            "max_length": EMAIL_MAX_LENGTH,
            "required": EMAIL_REQUIRED,
        },
        "choices": {
            question.key: [str(value) for value in question.values]
            for question in QUESTIONS
            if not question.is_bool
        }
        | {option.key: list(option.values) for option in STARTER_OPTIONS},
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
