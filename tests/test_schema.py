"""`scaffold schema`: the answers file as JSON Schema, agreeing with `scaffold new`.

Each answers file of a corpus (a table of edge cases, then hypothesis's random
ones) is given to `scaffold new --dry-run --no-input --answers FILE` and to a
draft 2020-12 validator (the jsonschema package) with the printed schema: both
must accept it or both refuse it. The one exception no JSON Schema can state
(a package name scaffold makes from project_name) is checked to be exactly
that. The small fixture templates are rendered, for speed: what scaffold
refuses it refuses before rendering.
"""

import json
import keyword
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from scaffold import render as render_module
from scaffold.answers import FALSE_WORDS, FRAMEWORK_CHOICES, TRUE_WORDS
from scaffold.cli import cli
from scaffold.criteria import QUESTIONS
from scaffold.rules import LISTED_NAMES

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"
MADE_FROM_THE_NAME = "(made from the project name; give one with --project-slug)"


@pytest.fixture(scope="module")
def validator():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def agree(tmp_path, monkeypatch, validator):
    """A function: does the schema agree with `scaffold new` on these answers?"""
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    answers_file = tmp_path / "answers.json"

    def check(answers: object) -> None:
        # As json.dump writes it: ASCII, lone surrogates and emoji as \u escapes.
        answers_file.write_text(json.dumps(answers), encoding="ascii")
        result = CliRunner().invoke(
            cli, ["new", "--dry-run", "--no-input", "--answers", str(answers_file)]
        )
        assert result.exit_code in (0, 2), result.output
        by_scaffold = result.exit_code == 0
        by_schema = validator.is_valid(json.loads(answers_file.read_text(encoding="ascii")))
        if by_schema and not by_scaffold and MADE_FROM_THE_NAME in result.stderr:
            assert isinstance(answers, dict) and "project_slug" not in answers
            return  # the one rule the schema cannot state (its description says so)
        refusal = result.stderr.strip()
        assert by_schema == by_scaffold, f"{answers!r}: scaffold {result.exit_code} {refusal}"
        assert not list(Path.cwd().iterdir())  # a dry run: nothing written

    return check


CHOICES = {q.key: [str(v) for v in q.values] for q in QUESTIONS if not q.is_bool}
BOOLEANS = [q.key for q in QUESTIONS if q.is_bool]
LONG = "x" * 78

EDGE_CASES = [
    {},
    {"colour": "red"},
    {"project-name": "Shop"},
    {"framework": "auto"},
    {"framework": "Django"},
    {"framework": None},
    {"scale": "large", "database": "sqlite"},
    {"scale": "large", "database": "postgresql"},
    {"scale": "large"},
    {"database": "mongodb"},
    {"database": "mongodb", "framework": "django"},
    {"database": "mongodb", "framework": "flask"},
    {"database": "redis", "framework": "django", "scale": "large"},
    {"database": "PostgreSQL"},
    {"api": None},
    {"api": 1},
    *({key: value} for key in BOOLEANS[:1] for value in (True, 0, 1, 1.0, 0.0, 2, 0.5, "YeS")),
    *({BOOLEANS[0]: word.upper()} for word in sorted(TRUE_WORDS | FALSE_WORDS)),
    {BOOLEANS[0]: "oui"},
    {BOOLEANS[0]: " yes"},
    {BOOLEANS[0]: None},
    {"project_name": "Shop", "project_slug": "shop"},
    {"project_name": "  Shop  \n", "project_slug": "shop"},
    {"project_name": "x" * 80, "project_slug": "shop"},
    {"project_name": "x" * 81, "project_slug": "shop"},
    {"project_name": " " + "x" * 80 + " ", "project_slug": "shop"},
    {"project_name": "a\nb", "project_slug": "shop"},
    {"project_name": "a\u200bb", "project_slug": "shop"},
    {"project_name": "a\u00a0b", "project_slug": "shop"},
    {"project_name": ".hidden", "project_slug": "shop"},
    {"project_name": " .hidden", "project_slug": "shop"},
    {"project_name": "a.b", "project_slug": "shop"},
    {"project_name": "a/b", "project_slug": "shop"},
    {"project_name": "a\\b", "project_slug": "shop"},
    {"project_name": "---", "project_slug": "shop"},
    {"project_name": "日本", "project_slug": "shop"},
    {"project_name": "\u3192", "project_slug": "shop"},  # a number, not a digit
    {"project_name": "", "project_slug": "shop"},
    {"project_name": "a\ud800", "project_slug": "shop"},  # a lone surrogate
    {"project_name": "🦄 shop", "project_slug": "shop"},
    {"project_name": 2024, "project_slug": "shop"},
    {"project_name": "json"},  # the package name made from it is reserved
    {"project_name": "é"},  # ... and this one is empty
    {"project_slug": "ab"},
    {"project_slug": "a"},
    {"project_slug": "a" * 40},
    {"project_slug": "a" * 41},
    {"project_slug": "ab\n"},
    {"project_slug": "Shop"},
    {"project_slug": "_shop"},
    {"project_slug": "2shop"},
    {"project_slug": "for"},
    {"project_slug": "json"},
    {"project_slug": "django"},
    *({"project_slug": name} for name in sorted(LISTED_NAMES)[:5]),
    *({"project_slug": name} for name in keyword.kwlist[:5]),
    {"description": ""},
    {"description": "x" * 300},
    {"description": "x" * 301},
    {"description": "\t" + "x" * 300 + "\t"},
    {"description": "two\nlines"},
    {"description": "tab\tinside"},
    {"author_name": "x" * 100},
    {"author_name": "x" * 101},
    {"author_name": "\u2028"},
    *(
        {"author_email": email}
        for email in (
            "",
            "  ",
            "you@example.com",
            " you@example.com\n",
            "a.b+c@d.io",
            "ada@bücher.de",
            "o'brien@example.ie",
            "jürgen@firma.de",
            "a,b@c.d",
            '"a,b"@c.d',
            "a@b.c.",
            "a@b..c",
            ".a@b.c",
            "a(comment)@c.d",
            "a@[1.2.3.4]",
            "a b@c.d",
            "a@b\u3000c.d",
            "a@b\u200bc.d",
            "a@b",
            "@b.c",
            "nobody",
            f"{LONG * 3}@{'b' * 20}.io",
            f"{'a' * 240}@{'b' * 10}.io",
            f"{'a' * 240}@{'b' * 20}.io",
        )
    ),
    {"author_email": None},
    [],
    "just text",
]


@pytest.mark.parametrize("answers", EDGE_CASES, ids=[repr(case)[:60] for case in EDGE_CASES])
def test_the_schema_agrees_with_scaffold_on_edge_cases(agree, answers):
    agree(answers)


def _any_case(word: str) -> st.SearchStrategy[str]:
    return st.tuples(*(st.sampled_from([c, c.upper()]) for c in word)).map("".join)


JUNK = st.one_of(
    st.none(),
    st.integers(-2, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.booleans(),
    st.text(max_size=4),
    st.lists(st.integers(0, 1), max_size=1),
)
WORDS = st.sampled_from(sorted(TRUE_WORDS | FALSE_WORDS)).flatmap(_any_case)
TRICKY = "\u200b\u00a0\u2028\u3000\ufeff\x85\x1c\x00\x7f\t\n ./\\@,;\"'()[]<>日本é🦄"
CHARACTER = st.one_of(st.characters(), st.sampled_from(TRICKY))
TEXT = st.one_of(
    st.text(CHARACTER, max_size=12),
    st.text(CHARACTER, min_size=78, max_size=82),
    st.text(st.sampled_from(" \tab.-"), min_size=95, max_size=305),
)
SLUGS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,41}", fullmatch=True),
    st.sampled_from(sorted(LISTED_NAMES) + keyword.kwlist + ["os", "json", "ab\n"]),
    TEXT,
)
EMAILS = st.one_of(
    st.emails(),
    st.builds(
        "{}@{}.{}".format,
        st.text(st.sampled_from('ab.,"(é +'), min_size=0, max_size=4),
        st.text(st.sampled_from("cd.ü\u3000[]-"), min_size=0, max_size=4),
        st.sampled_from(["io", "", "d."]),
    ),
    TEXT,
)
VALUES = {
    **{key: st.one_of(st.sampled_from(CHOICES[key]), JUNK) for key in CHOICES},
    **{key: st.one_of(st.booleans(), WORDS, JUNK) for key in BOOLEANS},
    "framework": st.one_of(st.sampled_from([*FRAMEWORK_CHOICES, "Flask"]), JUNK),
    "project_name": st.one_of(st.just("Shop"), TEXT),
    "project_slug": SLUGS,
    "description": TEXT,
    "author_name": TEXT,
    "author_email": EMAILS,
    "colour": st.just("red"),
}


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=st.fixed_dictionaries({}, optional=VALUES))
def test_the_schema_agrees_with_scaffold_on_random_answers(agree, answers):
    agree(answers)


def test_the_schema_states_the_combination_rules_as_if_then(validator):
    clauses = validator.schema["allOf"]
    assert {
        "if": {"properties": {"scale": {"enum": ["large"]}}, "required": ["scale"]},
        "then": {
            "properties": {
                "database": {
                    "enum": [
                        "postgresql",
                        "mysql",
                        "mariadb",
                        "oracle",
                        "mongodb",
                        "redis",
                        "cassandra",
                    ]
                }
            }
        },
    }.items() <= clauses[0].items()
    assert clauses[1]["then"] == {"properties": {"framework": {"not": {"const": "django"}}}}
    assert clauses[1]["if"]["properties"]["database"]["enum"] == ["cassandra", "mongodb", "redis"]


def test_every_answer_key_has_its_type_and_a_description(validator):
    from scaffold.answers import ANSWER_KEYS

    properties = validator.schema["properties"]
    assert list(properties) == list(ANSWER_KEYS)
    assert validator.schema["additionalProperties"] is False
    for key, rule in properties.items():
        assert rule["description"], key
        assert "type" in rule or "anyOf" in rule, key
    assert properties["framework"]["default"] == "auto"
    assert properties["project_name"]["default"] == "My Project"
    assert properties["project_slug"]["minLength"] == 2
    assert properties["project_slug"]["maxLength"] == 40
    assert "json" in properties["project_slug"]["not"]["enum"]


def test_the_schema_is_ascii_json(validator):
    result = CliRunner().invoke(cli, ["schema"])
    assert result.stdout.isascii()


def test_the_schema_uses_only_keywords_draft_7_also_has(validator):
    """Form builders (react-jsonschema-form in Backstage) read draft 7."""
    from jsonschema import Draft7Validator

    draft_7 = {key: value for key, value in validator.schema.items() if key != "$schema"}
    Draft7Validator.check_schema(draft_7)

    def keywords(node: object) -> set[str]:
        """The keywords used in a schema node and every node below it."""
        if isinstance(node, list):
            return set().union(*map(keywords, node))
        if not isinstance(node, dict):
            return set()
        below = [value for key, value in node.items() if key != "properties"]
        below += list(node.get("properties", {}).values())  # its keys are answer names
        return set(node).union(*map(keywords, below))

    assert keywords(validator.schema) <= {
        "$schema",
        "title",
        "description",
        "type",
        "properties",
        "additionalProperties",
        "allOf",
        "anyOf",
        "not",
        "if",
        "then",
        "enum",
        "const",
        "default",
        "pattern",
        "minLength",
        "maxLength",
        "required",
    }
