"""Refuse, before any file is written, the answers scaffold refuses (standard library only).

The rules come from rules.json, which scaffold writes from its own data
(scaffold/rules.py, scaffold/criteria.py), so plain cookiecutter refuses what
scaffold refuses, in the same words. Both templates link to this one hook.
"""

import json
import keyword
import re
import sys
from pathlib import Path

ANSWERS = json.loads({{ cookiecutter | jsonify | python_string }})
RULES = json.loads(Path({{ rules_file | python_string }}).read_text(encoding="utf-8"))
FRAMEWORK = ANSWERS["_framework"]


def slug_problem(slug):
    rule = RULES["project_slug"]
    shortest, longest = rule["min_length"], rule["max_length"]
    if not shortest <= len(slug) <= longest:
        return f"{slug[:50]!r} must be {shortest} to {longest} characters long"
    if not re.fullmatch(rule["pattern"], slug):
        return (
            f"{slug!r} is not allowed: use lowercase ASCII letters, digits and '_', "
            "starting with a letter (no path separators, dots or '..')"
        )
    if keyword.iskeyword(slug) or slug in rule["reserved"] or slug in sys.stdlib_module_names:
        return f"{slug!r} would shadow the Python or framework module of that name; choose another"
    return None


def email_problem(email):
    rule = RULES["author_email"]
    email = email.strip()
    if len(email) > rule["max_length"]:
        return f"is {len(email)} characters long; at most {rule['max_length']} allowed"
    if not email and not rule["required"]:
        return None
    if not re.fullmatch(rule["pattern"], email):
        return f"{email!r} is not an e-mail address"
    # As scaffold/rules.py: what the packaging tools write into the metadata unchanged.
    if not email.rpartition("@")[0].isascii():
        return f"{email!r}: the part before '@' must be ASCII (packaging tools refuse others)"
    if not re.fullmatch(rule["addr_spec_pattern"], email):
        return (
            f"{email!r}: is not an address packaging tools take as it is: letters, digits and "
            "!#$%&'*+/=?^_`{|}~- in dot-separated parts on both sides of '@' "
            "(no quotes, comments, brackets or empty parts)"
        )
    return None


def ruled_out(key, value):
    """Whether a constraint rules this template's framework out for ``key`` = ``value``."""
    return any(
        constraint["excludes"] == FRAMEWORK and constraint["key"] == key and value in constraint["values"]
        for constraint in RULES["constraints"]
    )


def problems():
    """Yield (field, message) for each answer scaffold would refuse."""
    yield "project_slug", slug_problem(ANSWERS["project_slug"])
    yield "author_email", email_problem(ANSWERS["author_email"])
    for key, allowed in RULES["choices"].items():
        if key in ANSWERS and ANSWERS[key] not in allowed:
            yield key, f"{ANSWERS[key]!r} is not one of {', '.join(allowed)}"
    for rule in RULES["requirements"]:
        value, condition = ANSWERS.get(rule["key"]), ANSWERS.get(rule["when_key"])
        if condition in rule["when_values"] and value is not None and value not in rule["allowed"]:
            possible = [choice for choice in rule["allowed"] if not ruled_out(rule["key"], choice)]
            yield rule["key"], (
                f"{value!r} cannot serve {rule['when_key']} {condition!r} ({rule['reason']}); "
                f"choose one of {', '.join(possible)}"
            )
    for constraint in RULES["constraints"]:
        if constraint["excludes"] == FRAMEWORK and ANSWERS.get(constraint["key"]) in constraint["values"]:
            yield "framework", f"{FRAMEWORK} is ruled out: {constraint['reason']}"


for field, problem in problems():
    if problem:
        print(f"ERROR: {field}: {problem}", file=sys.stderr)
        sys.exit(1)
