"""The answers file as a JSON Schema (draft 2020-12), for ``scaffold schema``.

Built from the data scaffold validates with, never from a copy of it: the
questions and their choices, the combination rules (scaffold/criteria.py), the
package-name and e-mail rules and the reserved names (scaffold/rules.py,
reserved_names.txt), the free-text limits and the forms a boolean may take
(scaffold/answers.py). tests/test_schema.py checks on a generated corpus that
the schema accepts exactly the answers files ``scaffold new --no-input
--answers FILE`` accepts, with one exception no JSON Schema can state (see
:data:`DERIVED_SLUG_NOTE`).

Patterns are written for both dialects they meet: ECMAScript with the u flag
(ajv, as in Backstage) and Python's re (the jsonschema package). Characters are
listed literally, not as ``\\p{...}`` classes, which Python's re lacks, and a
pattern ends in ``$(?!\\n)``, since Python's ``$`` also matches before a final
newline.
"""

from __future__ import annotations

import functools
import keyword
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from scaffold import __version__, rules
from scaffold.answers import (
    CONTROL_CATEGORIES,
    FALSE_WORDS,
    FRAMEWORK_CHOICES,
    MAX_LENGTHS,
    NAME_SEPARATORS,
    STARTER_OPTIONS,
    TEXT_OPTIONS,
    TRUE_WORDS,
)
from scaffold.criteria import CONSTRAINTS, QUESTIONS, REQUIREMENTS, Question

DERIVED_SLUG_NOTE = (
    "When project_slug is not given, scaffold makes it from project_name and refuses "
    "the file if that name is not a valid package name (too short, reserved); the "
    "schema cannot compute it: give project_slug to have the schema check it."
)

_TEXT_DESCRIPTIONS = {
    "project_name": (
        "The project's title: one line, at least one letter or digit, no '/' or '\\', "
        "not starting with '.'. Surrounding whitespace is stripped."
    ),
    "project_slug": (
        "The Python package name: lowercase ASCII letters, digits and '_', starting with a "
        "letter, not a Python keyword nor the name of a module of the standard library or "
        "of the starter's dependencies. Not given: made from project_name. " + DERIVED_SLUG_NOTE
    ),
    "description": "One line for the README and the package metadata. Not given: made from "
    "project_name.",
    "author_name": "One line. Not given: git config user.name, else empty.",
    "author_email": (
        "An address the packaging tools record as it is (a dot-atom on both sides of '@', "
        "ASCII before it), or empty (no author e-mail). Not given: git config user.email, "
        "else empty."
    ),
}
_TEXT_DEFAULTS = {"project_name": "My Project"}


def answers_schema() -> dict[str, Any]:
    """The JSON Schema of an answers file (a mapping of answer keys to values)."""
    properties: dict[str, Any] = {}
    for question in QUESTIONS:
        properties[question.key] = _question(question)
    properties["framework"] = {
        "description": "The framework to generate: auto follows the recommendation.",
        "type": "string",
        "enum": list(FRAMEWORK_CHOICES),
        "default": "auto",
    }
    for option in TEXT_OPTIONS:
        properties[option.key] = {
            "description": _TEXT_DESCRIPTIONS[option.key],
            "type": "string",
            **_TEXT_RULES[option.key](),
            **({"default": _TEXT_DEFAULTS[option.key]} if option.key in _TEXT_DEFAULTS else {}),
        }
    for starter in STARTER_OPTIONS:
        properties[starter.key] = {
            "description": f"{starter.prompt} of a {starter.framework.capitalize()} project "
            f"({starter.described}); refused for the other framework.",
            "type": "string",
            "enum": list(starter.values),
            "default": starter.values[0],
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"scaffold {__version__} answers file",
        "description": (
            "The answers of `scaffold new --answers FILE` (YAML or JSON). A question "
            "not given is not stated: it casts no vote, and the starter option it "
            "configures takes the template's default."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "allOf": [*_requirements(), *_constraints()],
    }


def _question(question: Question) -> dict[str, Any]:
    meanings = "; ".join(f"{_shown(c.value)}: {c.meaning}" for c in question.choices)
    described = {
        "title": question.criterion,
        "description": f"{question.prompt} ({meanings}). Source: {question.source}. "
        "Not given: not stated (no vote).",
    }
    if not question.is_bool:
        return {**described, "type": "string", "enum": [str(v) for v in question.values]}
    words = sorted(TRUE_WORDS | FALSE_WORDS)
    return {
        **described,
        "anyOf": [
            {"type": "boolean"},
            {"enum": [0, 1]},
            {"type": "string", "pattern": _whole("|".join(map(_any_case, words)))},
        ],
    }


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _any_case(word: str) -> str:
    """``word`` matched as ``str.lower()`` compares it (the words are ASCII)."""
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else re.escape(c) for c in word)


def _whole(pattern: str) -> str:
    return f"^(?:{pattern})$(?!\\n)"


@functools.cache
def _tables() -> tuple[str, str, str]:
    """The whitespace, refused (control, lone surrogate) and letter-or-digit characters,
    each as the inside of a character class, from one pass over every code point."""
    found: dict[str, list[list[int]]] = {"space": [], "control": [], "alnum": []}
    # A lone surrogate (what JSON's "\\ud800" reads as) is not text: scaffold refuses it.
    refused = CONTROL_CATEGORIES | {"Cs"}
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        for name, holds in (
            ("space", char.isspace()),
            ("control", unicodedata.category(char) in refused),
            ("alnum", char.isalnum()),
        ):
            if not holds:
                continue
            ranges = found[name]
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1][1] = point
            else:
                ranges.append([point, point])
    space, control, alnum = (
        "".join(_range(first, last) for first, last in found[name])
        for name in ("space", "control", "alnum")
    )
    return space, control, alnum


def _range(first: int, last: int) -> str:
    def char(point: int) -> str:
        text = chr(point)
        return f"\\{text}" if text in "\\]^-[" else text

    return char(first) if first == last else f"{char(first)}-{char(last)}"


def _escaped(chars: str) -> str:
    return "".join(_range(ord(char), ord(char)) for char in chars)


def _line(key: str, not_first: str = "", not_inner: str = "") -> str:
    """A one-line text as scaffold takes it: stripped of whitespace, then at most the
    key's length, without control characters, nor ``not_first`` as its first character
    and ``not_inner`` anywhere."""
    space, control, _ = _tables()
    inner = _escaped(not_inner)
    head = f"[^{space}{control}{inner}{_escaped(not_first)}]"
    middle = f"[^{control}{inner}]"
    last = f"[^{space}{control}{inner}]"
    most = MAX_LENGTHS[key]
    return _whole(f"[{space}]*(?:{head}(?:{middle}{{0,{most - 2}}}{last})?)?[{space}]*")


def _name_rules() -> dict[str, Any]:
    return {
        "allOf": [
            {"pattern": _line("project_name", ".", NAME_SEPARATORS)},
            {"pattern": f"[{_tables()[2]}]"},  # somewhere: a letter or digit
        ]
    }


def _slug_rules() -> dict[str, Any]:
    reserved = rules.RESERVED_NAMES | frozenset(keyword.kwlist)
    slug = re.compile(rules.SLUG_PATTERN)
    return {
        "pattern": _whole(rules.SLUG_PATTERN),
        "minLength": rules.SLUG_MIN_LENGTH,
        "maxLength": rules.SLUG_MAX_LENGTH,
        "not": {"enum": sorted(name for name in reserved if slug.fullmatch(name))},
    }


def _email_rules() -> dict[str, Any]:
    space, control, _ = _tables()
    most = MAX_LENGTHS["author_email"]
    # The stripped address: at most its length, no control character (then \s reads
    # alike in both dialects), matching EMAIL_PATTERN and EMAIL_ADDR_SPEC_PATTERN.
    stripped = f"(?=[^{space}{control}]{{1,{most}}}[{space}]*$)(?:{rules.EMAIL_PATTERN})"
    return {
        "allOf": [
            {"pattern": _whole(f"[{space}]*(?:{stripped})?[{space}]*")},
            {"pattern": _whole(f"[{space}]*(?:{rules.EMAIL_ADDR_SPEC_PATTERN})?[{space}]*")},
        ]
    }


def _plain_rules(key: str) -> Callable[[], dict[str, Any]]:
    return lambda: {"pattern": _line(key)}


_TEXT_RULES: dict[str, Callable[[], dict[str, Any]]] = {
    "project_name": _name_rules,
    "project_slug": _slug_rules,
    "description": _plain_rules("description"),
    "author_name": _plain_rules("author_name"),
    "author_email": _email_rules,
}


def _has_one_of(key: str, values: Iterable[object]) -> dict[str, Any]:
    """The ``if`` of a combination rule: the answers give ``key`` one of ``values``."""
    return {"properties": {key: {"enum": sorted(map(str, values))}}, "required": [key]}


def _requirements() -> list[dict[str, Any]]:
    """``when_key`` has one of ``when_values`` -> ``key``, if given, is one of ``allowed``."""
    return [
        {
            "description": f"{rule.when_key} {' or '.join(map(_shown, rule.when_values))} needs "
            f"{rule.key} one of {', '.join(map(_shown, rule.allowed))}: {rule.reason}",
            "if": _has_one_of(rule.when_key, rule.when_values),
            "then": {"properties": {rule.key: {"enum": [str(value) for value in rule.allowed]}}},
        }
        for rule in REQUIREMENTS
    ]


def _constraints() -> list[dict[str, Any]]:
    """``key`` has one of ``values`` -> ``framework`` is not the one they rule out."""
    return [
        {
            "description": f"{constraint.key} {', '.join(sorted(map(str, constraint.values)))} "
            f"rules out framework {constraint.excludes}: {constraint.reason}",
            "if": _has_one_of(constraint.key, constraint.values),
            "then": {"properties": {"framework": {"not": {"const": constraint.excludes}}}},
        }
        for constraint in CONSTRAINTS
    ]
