"""Load, merge and validate answers.

Answers come from three places, in this order of precedence: command-line
flags, then an answers file (YAML or JSON), then prompts. A question of the
article left unanswered is *not stated*: it casts no vote, and the starter
option it configures takes the template's default. The free-text options take
defaults made from the project name. Every value is checked here, before
anything is rendered, so a bad value never reaches a template and the error
names the field and what it accepts.
"""

from __future__ import annotations

import keyword
import os
import re
import reprlib
import stat
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import rules, support
from scaffold.criteria import (
    CONSTRAINTS,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    REQUIREMENTS,
    Framework,
    Value,
)
from scaffold.errors import InputError

FRAMEWORK_CHOICES = ("auto", "django", "flask")

_SLUG = re.compile(rules.SLUG_PATTERN)
_EMAIL = re.compile(rules.EMAIL_PATTERN)
TRUE_WORDS = frozenset({"true", "yes", "y", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "off", "0"})
# Characters a one-line text must not hold (after its ends are stripped of whitespace).
CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
# The longest text each free-text option takes, once stripped.
MAX_LENGTHS = {
    "project_name": 80,
    "description": 300,
    "author_name": 100,
    "author_email": rules.EMAIL_MAX_LENGTH,
}
# A project name must not hold these (it names a directory) nor start with ".".
NAME_SEPARATORS = "/\\"


def _text(field: str, value: str) -> str:
    """Refuse what is not Unicode text: undecodable bytes (which Python turns into lone
    surrogates, in arguments and under a stripped locale) and lone surrogates themselves."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            field, "is not valid text (undecodable bytes or a lone surrogate); use UTF-8"
        ) from None
    return value


def _plain_line(field: str, value: str) -> str:
    longest = MAX_LENGTHS[field]
    if len(value) > longest:
        raise InputError(field, f"is {len(value)} characters long; at most {longest} allowed")
    if any(unicodedata.category(char) in CONTROL_CATEGORIES for char in value):
        raise InputError(field, "must be a single line without control characters")
    return value


def _project_name(value: str) -> str:
    value = _plain_line("project_name", value.strip())
    if not any(char.isalnum() for char in value):
        raise InputError("project_name", "must contain at least one letter or digit")
    if any(char in NAME_SEPARATORS for char in value) or value.startswith("."):
        raise InputError("project_name", "must not contain path separators or start with '.'")
    return value


def validate_slug(value: str, *, existing: bool = False) -> str:
    """Check that a project slug is a safe, importable, non-shadowing package name.

    ``existing`` is for the slug of a project already made: a name reserved
    since then stays allowed, since the package exists under it.
    """
    shortest, longest = rules.SLUG_MIN_LENGTH, rules.SLUG_MAX_LENGTH
    if not shortest <= len(value) <= longest:
        raise InputError(
            "project_slug", f"{value[:50]!r} must be {shortest} to {longest} characters long"
        )
    if not _SLUG.fullmatch(value):
        raise InputError(
            "project_slug",
            f"{value!r} is not allowed: use lowercase ASCII letters, digits and '_', "
            "starting with a letter (no path separators, dots or '..')",
        )
    if keyword.iskeyword(value) or (value in rules.RESERVED_NAMES and not existing):
        raise InputError(
            "project_slug",
            f"{value!r} would shadow the Python or framework module of that name; choose another",
        )
    return value


def slugify(name: str) -> str:
    """The default package name for a project title: 'Café Shop' -> 'cafe_shop'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if slug[:1].isdigit():
        slug = f"project_{slug}"
    return slug


def _email(value: str) -> str:
    value = _plain_line("author_email", value.strip())
    if not value and not rules.EMAIL_REQUIRED:
        return value  # no author known: left out of pyproject.toml
    if not _EMAIL.fullmatch(value):
        raise InputError("author_email", f"{value!r} is not an e-mail address")
    problem = rules.email_packaging_problem(value)
    if problem:
        raise InputError("author_email", f"{value!r}: {problem}")
    return value


def _author_name(value: str) -> str:
    return _plain_line("author_name", value.strip())


def _from_git(field: str, clean: Callable[[str], str]) -> str:
    """The user's git identity as a default; empty (never a placeholder) when unset or unusable."""
    from scaffold import git

    try:
        return clean(git.configured(field))
    except InputError:
        return ""


def _kind_of(answers: Mapping[str, Value]) -> str:
    return "web service" if answers.get("architecture") == "microservices" else "web application"


@dataclass(frozen=True)
class TextOption:
    """A free-text option of the templates (not a criterion of the decision)."""

    key: str
    prompt: str
    default: Callable[[Mapping[str, Value]], str]
    clean: Callable[[str], str]


TEXT_OPTIONS: tuple[TextOption, ...] = (
    TextOption("project_name", "Project name", lambda _: "My Project", _project_name),
    TextOption(
        "project_slug",
        "Python package name",
        lambda answers: slugify(str(answers["project_name"])),
        validate_slug,
    ),
    TextOption(
        "description",
        "One-line description",
        lambda answers: f"{answers['project_name']}, a {_kind_of(answers)}.",
        lambda value: _plain_line("description", value.strip()),
    ),
    TextOption("author_name", "Author", lambda _: _from_git("name", _author_name), _author_name),
    TextOption("author_email", "Author e-mail", lambda _: _from_git("email", _email), _email),
)
TEXT_OPTIONS_BY_KEY = {option.key: option for option in TEXT_OPTIONS}


@dataclass(frozen=True)
class StarterOption:
    """A choice that shapes one framework's starter and casts no vote (not a criterion).

    Not given, it takes the template's default (the first of the template's
    list); given for a project of the other framework, it is refused.
    """

    key: str
    framework: Framework
    prompt: str
    choices: tuple[tuple[str, str], ...]
    """Each value with what it installs, in a few words."""
    before_the_option: str
    """What a project recorded before the option existed was made with."""

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.choices)

    @property
    def described(self) -> str:
        return "; ".join(f"{value}: {meaning}" for value, meaning in self.choices)


def _django_series(answer: str) -> str:
    series = support.DJANGO_VERSIONS[answer]
    kind = "the long-term support release" if series.lts else "the newest feature release"
    return f"Django {series.name}, {kind}, security fixes until {series.ends_in_words}"


STARTER_OPTIONS: tuple[StarterOption, ...] = (
    StarterOption(
        "django_version",
        "django",
        "Django release series",
        tuple((answer, _django_series(answer)) for answer in support.DJANGO_VERSIONS),
        support.BEFORE_THE_OPTION,
    ),
)
STARTER_OPTIONS_BY_KEY = {option.key: option for option in STARTER_OPTIONS}

ANSWER_KEYS: tuple[str, ...] = (
    *(question.key for question in QUESTIONS),
    "framework",
    *(option.key for option in TEXT_OPTIONS),
    *(option.key for option in STARTER_OPTIONS),
)


# Values quoted in error messages are cut short: an answers file can hold a
# megabyte string or a few lines of YAML aliases that expand to billions of items.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict = 2, 4, 4
_KEY = re.compile(r"[\w-]{1,40}")


def _shown(value: object) -> str:
    return _SHORT.repr(value)


def clean_value(key: str, raw: object, framework: str | None = None) -> Value:
    """Validate one answer and return it in its canonical type.

    With the ``framework`` of a project already made, a wrong choice is told
    only the values that framework can take.
    """
    if key not in ANSWER_KEYS:
        shown = key if _KEY.fullmatch(key) else _shown(key)
        raise InputError(shown, f"unknown key; allowed keys: {', '.join(ANSWER_KEYS)}")
    if key == "framework":
        return _choice(key, raw, FRAMEWORK_CHOICES)
    if key in STARTER_OPTIONS_BY_KEY:
        return _choice(key, raw, STARTER_OPTIONS_BY_KEY[key].values)
    if key in TEXT_OPTIONS_BY_KEY:
        if not isinstance(raw, str):
            raise InputError(key, f"must be text, not {type(raw).__name__}")
        return TEXT_OPTIONS_BY_KEY[key].clean(_text(key, raw))
    question = QUESTIONS_BY_KEY[key]
    if question.is_bool:
        return _boolean(key, raw)
    try:
        return _choice(key, raw, tuple(str(value) for value in question.values))
    except InputError:
        if framework is None:
            raise
        raise InputError(
            key, f"{_shown(raw)} is not one of {', '.join(allowed_values(key, framework))}"
        ) from None


def _choice(key: str, raw: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(raw, str) or raw not in allowed:
        raise InputError(key, f"{_shown(raw)} is not one of {', '.join(allowed)}")
    return raw


def _boolean(key: str, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    # `admin: 1` in YAML or JSON, as "1" is taken; JSON does not tell 1 from 1.0.
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.lower() in TRUE_WORDS | FALSE_WORDS:
        return raw.lower() in TRUE_WORDS
    raise InputError(key, f"{_shown(raw)} is not a boolean (true/false, yes/no)")


def clean(raw: Mapping[str, object]) -> dict[str, Value]:
    """Validate a mapping of answers; unknown keys are errors, not ignored."""
    return {key: clean_value(key, value) for key, value in raw.items()}


MAX_FILE_CHARACTERS = 100_000
# Digits PyYAML may turn into an int: Python refuses to convert more than 4,300
# (a ValueError deep inside the loader), and no answer is a number anyway.
_MAX_NUMBER_LENGTH = 100


def _read_regular_file(path: Path, field: str) -> str:
    """The text of ``path``, refusing without reading anything that is not a regular file.

    A FIFO without a writer would block forever and a device may never end, so the
    kind of file is checked before opening it, and again on the opened descriptor
    (opened non-blocking, in case a FIFO took the file's place in between).
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(field, "is not a regular file (a directory, FIFO or device)")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(field, "not found") from None
    except OSError as error:
        raise InputError(field, f"cannot be read ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InputError(field, "is not a regular file (a directory, FIFO or device)")
        os.set_blocking(descriptor, True)
        try:
            data = file.read(4 * MAX_FILE_CHARACTERS + 4)  # UTF-8 takes 1 to 4 bytes a character
        except OSError as error:
            raise InputError(field, f"cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if len(data) > 4 * MAX_FILE_CHARACTERS and error.start > 4 * MAX_FILE_CHARACTERS - 4:
            text = data[: error.start].decode("utf-8-sig")  # cut inside a character: too long
        else:
            raise InputError(field, f"is not UTF-8 text (byte {error.start + 1})") from None
    if len(text) > MAX_FILE_CHARACTERS or len(data) > 4 * MAX_FILE_CHARACTERS:
        raise InputError(field, f"is longer than {MAX_FILE_CHARACTERS} characters")
    return text


def _join_surrogate_pairs(value: object) -> object:
    """``"\\ud83e\\udd84"`` (JSON's escape of an emoji, as ``json.dump`` writes it) is one
    character; PyYAML reads it as two lone surrogates. A lone one stays, to be refused."""
    if isinstance(value, str):
        try:
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            return value
    return value


def load_file(path: Path) -> dict[str, Value]:
    """Read and validate an answers file (YAML, of which JSON is a subset)."""
    import yaml

    field = f"answers file {path}"
    text = _read_regular_file(path, field)

    class UniqueKeys(yaml.SafeLoader):
        """YAML forbids a key twice in a mapping; PyYAML would keep the last silently."""

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, Hashable):
                    continue  # SafeLoader refuses it below
                if key in seen:
                    where = f"line {key_node.start_mark.line + 1}"
                    shown = _shown(key) if isinstance(key, str) and _KEY.fullmatch(key) else "a key"
                    raise InputError(field, f"{shown} is given twice ({where})")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_int(self, node: Any) -> int:
            if len(node.value) > _MAX_NUMBER_LENGTH:
                where = f"line {node.start_mark.line + 1}"
                raise InputError(
                    field, f"has a number longer than {_MAX_NUMBER_LENGTH} digits ({where})"
                )
            return int(super().construct_yaml_int(node))

    UniqueKeys.add_constructor("tag:yaml.org,2002:int", UniqueKeys.construct_yaml_int)

    try:
        data = yaml.load(text, Loader=UniqueKeys)  # a SafeLoader
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise InputError(field, f"is not valid YAML or JSON{line}") from None
    except RecursionError:
        raise InputError(field, "nests values too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(field, "must hold a mapping of answer keys to values")
    answers = {}
    for key, value in data.items():
        name = str(_join_surrogate_pairs(str(key)))
        # A key that could not be an answer's name is not quoted: the file may be
        # another file entirely (--answers /etc/shadow), and its lines private.
        if name not in ANSWER_KEYS and not _KEY.fullmatch(name):
            raise InputError(
                field, "holds a key that is not an answer name (keys are the flags' names)"
            )
        answers[name] = _join_surrogate_pairs(value)
    return clean(answers)


# -- the pipeline: merge, complete, validate ----------------------------------

CRITERIA_KEYS: tuple[str, ...] = tuple(question.key for question in QUESTIONS)
TEXT_KEYS: tuple[str, ...] = tuple(option.key for option in TEXT_OPTIONS)
STARTER_KEYS: tuple[str, ...] = tuple(option.key for option in STARTER_OPTIONS)

Ask = Callable[[str, Value | None, Mapping[str, Value]], Value | None]
"""Asks the user for one answer: ``(key, suggested default, answers so far) -> value``.

A criterion has no suggested default (None), and None back means the user left it
unanswered: not stated. A starter option's suggestion is its default.
"""


class Answers(Mapping[str, Value]):
    """A completed set of answers, knowing which of them the user stated.

    ``stated`` holds the keys that came from a flag, the answers file or a
    prompt. Only stated criteria vote (:attr:`criteria`); a starter option not
    stated holds the template's default (:func:`with_starter_defaults`).
    """

    def __init__(self, values: Mapping[str, Value], stated: frozenset[str]) -> None:
        self._values = dict(values)
        self.stated = stated

    def __getitem__(self, key: str) -> Value:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Answers({self._values!r}, stated={sorted(self.stated)!r})"

    @property
    def criteria(self) -> dict[str, Value]:
        """The criteria the user stated: the answers that vote."""
        return {key: self._values[key] for key in CRITERIA_KEYS if key in self.stated}

    @property
    def not_stated(self) -> tuple[str, ...]:
        """The criteria the user left unanswered, in the order of the questions."""
        return tuple(key for key in CRITERIA_KEYS if key not in self.stated)


def merge(flags: Mapping[str, object], from_file: Mapping[str, Value]) -> dict[str, Value]:
    """The answers given so far: flags (None means not given) over the answers file."""
    return {**from_file, **clean({key: value for key, value in flags.items() if value is not None})}


def suggestion(key: str, answers: Mapping[str, Value]) -> str:
    """The default of one text or starter option, given the answers before it (not yet
    validated)."""
    if key in STARTER_OPTIONS_BY_KEY:
        return STARTER_OPTIONS_BY_KEY[key].values[0]
    return TEXT_OPTIONS_BY_KEY[key].default(answers)


def _default(key: str, answers: Mapping[str, Value]) -> Value:
    try:
        return clean_value(key, suggestion(key, answers))
    except InputError as error:  # only a text default made from another answer can fail
        raise InputError(
            error.field,
            f"{error.message} (made from the project name; "
            f"give one with --{key.replace('_', '-')})",
        ) from None


def complete(
    given: Mapping[str, Value],
    ask: Ask | None = None,
    *,
    keys: Sequence[str] = CRITERIA_KEYS + TEXT_KEYS,
) -> Answers:
    """Fill in every answer of ``keys`` not given, in order, then check the combination.

    A criterion not given stays unanswered (not stated: it casts no vote) unless
    ``ask`` gets an answer for it; so does a starter option, left to
    :func:`with_starter_defaults`. A text option not given takes its default,
    which sees the answers before it (the package name is made from the project
    name), or what ``ask`` returns. What ``ask`` returns is validated like any
    other answer. Keys already stated in ``given`` (when it is an
    :class:`Answers`) stay stated, and only those.
    """
    values = dict(given)
    stated = set(given.stated if isinstance(given, Answers) else given)
    for key in keys:
        if key in values:
            continue
        if key in QUESTIONS_BY_KEY or (key in STARTER_OPTIONS_BY_KEY and ask is None):
            answer = ask(key, None, values) if ask is not None else None
            if answer is not None:
                values[key] = clean_value(key, answer)
                stated.add(key)
        elif ask is None:
            values[key] = _default(key, values)
        else:
            values[key] = clean_value(key, ask(key, suggestion(key, values), values))
            stated.add(key)
    check_combination(values, _framework_chosen(values))
    return Answers(values, frozenset(stated))


def with_starter_defaults(answers: Answers, template_defaults: Mapping[str, object]) -> Answers:
    """Give each option of the template that the user did not state the template's default.

    The same questions configure the starter (admin, i18n, database, security,
    scale, api, architecture), and the template needs a value for each; one not
    stated gets the template's own default (or what a combination rule asks for,
    such as a database server for a large project), and stays not stated: it
    did not vote.
    """
    values = dict(answers)
    for key, default in template_defaults.items():
        if key not in values:
            values[key] = clean_value(key, _required_default(key, values, default))
    for option in STARTER_OPTIONS:
        if option.key in values and option.key not in template_defaults:
            raise InputError(
                option.key,
                f"applies to {option.framework.capitalize()} projects only; "
                f"leave it out or choose --framework {option.framework}",
            )
    check_combination(values, _framework_chosen(values))
    return Answers(values, answers.stated)


def _required_default(key: str, answers: Mapping[str, Value], default: object) -> object:
    for rule in REQUIREMENTS:
        if rule.key == key and answers.get(rule.when_key) in rule.when_values:
            return rule.default
    return default


def allowed_values(key: str, framework: str | None = None) -> tuple[str, ...]:
    """The choices of a criterion, without those a hard constraint rules out for ``framework``."""
    ruled_out = {
        value
        for constraint in CONSTRAINTS
        if constraint.key == key and constraint.excludes == framework
        for value in constraint.values
    }
    return tuple(str(value) for value in QUESTIONS_BY_KEY[key].values if value not in ruled_out)


def _framework_chosen(answers: Mapping[str, Value]) -> str | None:
    """The framework the answers name (``--framework django``); None for ``auto``."""
    framework = answers.get("framework")
    return framework if isinstance(framework, str) and framework != "auto" else None


def check_combination(answers: Mapping[str, Value], framework: str | None = None) -> None:
    """Refuse answers that are valid one by one but that no template can honour together.

    With a ``framework`` (chosen, or the one of a project already made), only what
    it can take is suggested.
    """
    for rule in REQUIREMENTS:
        value = answers.get(rule.key)
        condition = answers.get(rule.when_key)
        if condition in rule.when_values and value is not None and value not in rule.allowed:
            possible = allowed_values(rule.key, framework)
            suggested = [str(choice) for choice in rule.allowed if str(choice) in possible]
            raise InputError(
                rule.key,
                f"{_shown(value)} cannot serve {rule.when_key} {_shown(condition)} "
                f"({rule.reason}); choose one of {', '.join(suggested)}",
            )
