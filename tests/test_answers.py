"""Validation of every kind of answer, and the answers file."""

import json
import os
import signal
from email.errors import HeaderParseError
from pathlib import Path

import pytest

from scaffold.answers import (
    CRITERIA_KEYS,
    TEXT_KEYS,
    clean_value,
    complete,
    load_file,
    slugify,
    validate_slug,
    with_starter_defaults,
)
from scaffold.errors import InputError
from scaffold.lifecycle import parse_settings


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("../evil", "not allowed"),
        ("a/b", "not allowed"),
        ("a\\b", "not allowed"),
        ("..", "not allowed"),
        ("My_Site", "not allowed"),
        ("9lives", "not allowed"),
        ("café", "not allowed"),
        ("x", "2 to 40"),
        ("a" * 41, "2 to 40"),
        ("json", "shadow"),
        ("test", "shadow"),
        ("site", "shadow"),
        ("django", "shadow"),
        ("flask", "shadow"),
        ("config", "shadow"),
        ("class", "shadow"),
        ("blinker", "shadow"),  # a dependency of Flask
        ("sqlparse", "shadow"),  # a dependency of Django
        ("bson", "shadow"),  # installed by pymongo
        ("kombu", "shadow"),  # installed by celery
        ("packaging", "shadow"),  # installed by gunicorn and pytest
    ],
)
def test_bad_slugs_are_refused_with_the_reason(slug, problem):
    with pytest.raises(InputError, match=problem) as error:
        validate_slug(slug)
    assert str(error.value).startswith("project_slug: ")


@pytest.mark.parametrize("slug", ["my_site", "shop2", "blog_engine"])
def test_good_slugs_pass(slug):
    assert validate_slug(slug) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My Site", "my_site"),
        ("Café Ünïcode", "cafe_unicode"),
        ("2048 game", "project_2048_game"),
        ("  spaced--out  ", "spaced_out"),
    ],
)
def test_slug_defaults_follow_the_name(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("scale", "large", "large"),
        ("admin", "yes", True),
        ("admin", False, False),
        ("i18n", "off", False),
        ("i18n", "1", True),
        ("i18n", 1, True),
        ("admin", 0, False),
        ("framework", "flask", "flask"),
        ("description", "Uses {{ cycler.__init__.__globals__.os }} literally", None),
        ("description", "Ünïcödé, \"quotes\" and 'apostrophes' ✓", None),
        ("author_email", "dev@example.org", "dev@example.org"),
    ],
)
def test_valid_answers_are_kept(key, raw, value):
    assert clean_value(key, raw) == (raw if value is None else value)


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("scale", "huge", "scale: 'huge' is not one of small, medium, large"),
        ("use_case", "game", "use_case: 'game' is not one of web-app, cms"),
        ("admin", "maybe", "admin: 'maybe' is not a boolean"),
        ("admin", 2, "admin: 2 is not a boolean"),
        ("admin", None, "admin: None is not a boolean"),
        ("framework", "rails", "framework: 'rails' is not one of auto, django, flask"),
        ("colour", "red", "colour: unknown key; allowed keys: scale"),
        ("description", "two\nlines", "description: must be a single line"),
        ("description", "x" * 301, "description: is 301 characters long; at most 300"),
        ("project_name", "../../etc", "project_name: must not contain path separators"),
        ("project_name", "???", "project_name: must contain at least one letter"),
        ("author_email", "nobody", "author_email: 'nobody' is not an e-mail address"),
        ("author_name", 42, "author_name: must be text, not int"),
    ],
)
def test_invalid_answers_name_the_field_and_what_is_allowed(key, raw, message):
    with pytest.raises(InputError) as error:
        clean_value(key, raw)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_text_defaults_derive_from_the_project_name():
    filled = complete({"project_name": "Café Shop"})
    assert filled["project_slug"] == "cafe_shop"
    assert filled["description"].startswith("Café Shop")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "answers.yaml",
            "scale: large\nadmin: no\nuse_case: blog\n",
            {"scale": "large", "admin": False, "use_case": "blog"},
        ),
        (
            "answers.json",
            '{"database": "postgresql", "i18n": true}',
            {"database": "postgresql", "i18n": True},
        ),
        ("empty.yaml", "", {}),
    ],
)
def test_answers_files_in_yaml_and_json(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_file(path) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("scale: [unclosed", "is not valid YAML or JSON at line 1"),
        ("- just\n- a list\n", "must hold a mapping"),
        ('{"scale": "huge"}', "scale: 'huge' is not one of"),
        ("flavour: vanilla\n", "flavour: unknown key"),
        ("scale: large\nadmin: no\nscale: small\n", "'scale' is given twice \\(line 3\\)"),
        ('{"scale": "large", "scale": "small"}', "'scale' is given twice \\(line 1\\)"),
        ('"two\\nlines": 1\n', "holds a key that is not an answer name"),
        # Another file given by mistake: its lines are not quoted back.
        ("root:*:20228:0:99999:7:::\n", "holds a key that is not an answer name"),
        ("x: y\nroot:*:20228:0:99999:7:::\n", "holds a key that is not an answer name"),
        ("root:*:20228: 0\n", "holds a key that is not an answer name"),
        ("'root:*:2': a\n'root:*:2': b\n", "a key is given twice"),
        # Numbers Python cannot convert (over 4,300 digits), or cannot show.
        ("scale: " + "9" * 5_000, r"has a number longer than 100 digits \(line 1\)"),
        ("admin: 0x" + "f" * 5_000, r"has a number longer than 100 digits \(line 1\)"),
        ("scale: -" + "1" * 101, "has a number longer than 100 digits"),
        # Text that is not Unicode.
        ('{"description": "\\ud800 alone"}', "description: is not valid text"),
        ('{"author_name": "\\udd84\\ud83e"}', "author_name: is not valid text"),
        ('{"\\ud800": 1}', "holds a key that is not an answer name"),
        ("scale: " + "x" * 200_000, "is longer than 100000 characters"),
        # Deeper than the parser can go (a few hundred levels); PyYAML's scanner is
        # quadratic in the depth, so not much deeper, or the test takes seconds.
        ("scale: " + "[" * 500 + "]" * 500, "nests values too deeply"),
        ('{"scale": ' + "[" * 500 + "]" * 500 + "}", "nests values too deeply"),
        ("scale: " + "x" * 5_000, r"scale: 'x{20,}\.\.\.x{20,}' is not one of"),
        (
            # 300 bytes of aliases that expand to 10**8 items
            "scale: [&a [1, 2], "
            + ", ".join(
                f"&{b} [{', '.join([f'*{a}'] * 10)}]"
                for a, b in zip("abcdefg", "bcdefgh", strict=True)
            )
            + "]\n",
            r"scale: \[\[1, 2\], \[\[\.\.\.\]",
        ),
    ],
)
def test_bad_answers_files_are_refused(tmp_path, content, message):
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        load_file(path)
    assert len(str(error.value)) < 500 and "\n" not in str(error.value)


def test_an_emoji_written_by_json_dump_is_one_character(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"project_name": "Uni \U0001f984 corn"}), encoding="utf-8")
    assert "\\ud83e\\udd84" in path.read_text(encoding="utf-8")  # json.dump's ASCII escape
    assert load_file(path) == {"project_name": "Uni \U0001f984 corn"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"scale: sm\xe9ll\n", r"is not UTF-8 text \(byte 10\)"),
        (b"\xef\xbb\xbfscale: small\n", None),  # a byte order mark is fine
        (b"scale: " + "\u00e9".encode() * 100_001, "is longer than 100000 characters"),
    ],
)
def test_answers_files_are_utf8(tmp_path, content, message):
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    if message is None:
        assert load_file(path) == {"scale": "small"}
    else:
        with pytest.raises(InputError, match=message):
            load_file(path)


@pytest.fixture
def deadline():
    """Fail, rather than hang the suite, if a read blocks."""

    def expired(signum, frame):
        raise TimeoutError("blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_answers_files_that_are_not_regular_files_are_refused_unread(tmp_path, deadline, kind):
    path = tmp_path / "answers.yaml"
    if kind == "fifo":
        os.mkfifo(path)  # no writer: opening it for reading would block forever
    elif kind == "directory":
        path.mkdir()
    else:
        path = Path("/dev/zero")  # never ends
    with pytest.raises(InputError) as error:
        load_file(path)
    assert str(error.value) == (
        f"answers file {path}: is not a regular file (a directory, FIFO or device)"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("description=Caf\udce9", "description: is not valid text"),
        ("project_name=\ud800", "project_name: is not valid text"),
    ],
)
def test_update_set_validates_text_as_text(setting, message):
    with pytest.raises(InputError, match=message):
        parse_settings([setting])


def test_missing_answers_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_file(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("architecture", "description"),
    [("monolith", "Shop, a web application."), ("microservices", "Shop, a web service.")],
)
def test_the_default_description_fits_the_architecture(architecture, description):
    filled = complete({"project_name": "Shop", "architecture": architecture})
    assert filled["description"] == description


def test_completed_answers_know_which_were_stated():
    answers = complete({"scale": "large", "project_name": "Shop"})
    assert answers.stated == {"scale", "project_name"}
    assert answers.criteria == {"scale": "large"}
    assert "database" in answers.not_stated and "database" not in answers
    assert answers["project_slug"] == "shop"


def test_a_criterion_not_given_is_not_stated_and_gets_no_value():
    answers = complete({})
    assert answers.criteria == {} and answers.not_stated == CRITERIA_KEYS
    assert set(answers) == set(TEXT_KEYS)


@pytest.mark.parametrize(
    ("given", "defaults", "expected"),
    [
        ({}, {"scale": "small", "admin": True}, {"scale": "small", "admin": True}),
        ({"admin": False}, {"admin": True}, {"admin": False}),
        # A large project gets a database server, whatever the template's first choice.
        ({"scale": "large"}, {"database": "sqlite"}, {"scale": "large", "database": "postgresql"}),
    ],
)
def test_starter_options_not_stated_take_the_template_default_and_stay_not_stated(
    given, defaults, expected
):
    answers = with_starter_defaults(complete(given, keys=CRITERIA_KEYS), defaults)
    assert dict(answers) == expected
    assert answers.stated == set(given)
    assert answers.criteria == given


def test_an_ask_callback_is_asked_for_every_answer_not_given_in_order():
    asked = []

    def ask(key, default, answers_so_far):
        asked.append((key, default, dict(answers_so_far)))
        if key == "project_name":
            return "Shop"
        return None if key in CRITERIA_KEYS else default

    answers = complete({"scale": "large"}, ask)
    keys = [key for key, _, _ in asked]
    assert keys[0] == "performance" and "scale" not in keys
    assert keys[-5:] == [
        "project_name",
        "project_slug",
        "description",
        "author_name",
        "author_email",
    ]
    assert all(default is None for key, default, _ in asked if key in CRITERIA_KEYS)
    assert dict(asked[keys.index("project_slug")][2])["project_name"] == "Shop"
    # None for a criterion (Enter at the prompt): not stated; a text answer is stated.
    assert answers.stated == {"scale", *TEXT_KEYS}
    assert answers.criteria == {"scale": "large"}


def test_what_an_ask_callback_returns_is_validated():
    with pytest.raises(InputError, match="database: 'sqlite' cannot serve scale 'large'"):
        complete(
            {"scale": "large"}, lambda key, default, _: "sqlite" if key == "database" else default
        )


PACKAGING_EMAILS = [
    ("you@example.com", True),
    ("a.b+c@d.io", True),
    ("ada@bücher.de", True),  # an internationalised domain is fine
    ("o'brien@example.ie", True),
    ("jürgen@firma.de", False),
    ("a,b@c.d", False),
    ("a@b.c.", False),
    ("a@b..c", False),
    ("a<b>@c.d", False),
    (".a@b.c", False),
    ("a;b@c.d", False),
    ("a(comment)@c.d", False),  # accepted, but recorded as a@c.d
    ("a{b}@c.d", True),
    ("a@-b.io", True),
]


@pytest.mark.parametrize(("email", "accepted"), PACKAGING_EMAILS)
def test_an_email_is_taken_exactly_when_the_packaging_tools_take_it(email, accepted):
    """hatchling (Flask) and setuptools (Django) build the generated projects."""
    from hatchling.metadata.core import ProjectMetadata

    project = {"name": "x", "version": "1", "authors": [{"name": "Zoë", "email": email}]}
    try:
        written = ProjectMetadata("/", None, {"project": project}).core.authors_data["email"]
        by_hatchling = written == [f"Zoë <{email}>"]
    except (ValueError, HeaderParseError):
        by_hatchling = False
    assert by_hatchling == accepted
    if accepted:
        assert clean_value("author_email", email) == email
    else:
        with pytest.raises(InputError, match=r"^author_email: .*(packaging|ASCII)") as error:
            clean_value("author_email", email)
        assert "\n" not in str(error.value)


@pytest.mark.parametrize("email", ['"a,b"@c.d', "a@[1.2.3.4]"])
def test_quoted_local_parts_and_domain_literals_are_refused_though_packaging_takes_them(email):
    """One pattern (rules.EMAIL_ADDR_SPEC_PATTERN) states the rule for scaffold, the
    templates' hook and `scaffold schema`; these rare forms are left out of it."""
    with pytest.raises(InputError, match="packaging tools take as it is"):
        clean_value("author_email", email)
