"""The conversation at a terminal: choices, questions in plain words, a table that fits."""

import re

import click
import pytest
from click.testing import CliRunner

from scaffold import terminal
from scaffold.criteria import QUESTIONS, QUESTIONS_BY_KEY
from scaffold.decide import recommend, show, what_if_in_words
from scaffold.terminal import ChoiceType


def _defaults():
    """Every criterion stated, as its first choice."""
    return {question.key: question.values[0] for question in QUESTIONS}


SCALE = ChoiceType(["small", "medium", "large"])
DATABASE = ChoiceType([str(value) for value in QUESTIONS_BY_KEY["database"].values])
FRAMEWORK = ChoiceType(["flask"], {"django": "Django cannot use MongoDB"})


@pytest.mark.parametrize(
    ("choices", "typed", "value"),
    [
        (SCALE, "2", "medium"),
        (SCALE, "sm", "small"),
        (SCALE, "l", "large"),
        (SCALE, "Large", "large"),
        (SCALE, " medium ", "medium"),
        (DATABASE, "ma", "mariadb"),
        (DATABASE, "post", "postgresql"),
        (DATABASE, "8", "cassandra"),
        (FRAMEWORK, "f", "flask"),
        (FRAMEWORK, "1", "flask"),
    ],
)
def test_a_choice_is_a_number_a_prefix_or_the_word(choices, typed, value):
    assert choices.convert(typed, None, None) == value


@pytest.mark.parametrize(
    ("choices", "typed", "message"),
    [
        (SCALE, "huge", "'huge' is not a choice; answer 1-3 or small, medium, large."),
        (SCALE, "4", "'4' is not a choice; answer 1-3 or small, medium, large."),
        (SCALE, "0", "'0' is not a choice"),
        (DATABASE, "m", "'m' could be mysql or mariadb or mongodb; type more of the word."),
        (FRAMEWORK, "django", "django is ruled out: Django cannot use MongoDB."),
        (FRAMEWORK, "dj", "django is ruled out: Django cannot use MongoDB."),
    ],
)
def test_a_wrong_choice_says_what_is_allowed(choices, typed, message):
    with pytest.raises(click.BadParameter) as error:
        choices.convert(typed, None, None)
    assert error.value.message.startswith(message)


def _ask(question, typed, **env):
    """Ask one question through click, as `scaffold new` does; the output and the answer."""
    answer = []

    @click.command()
    def command():
        answer.append(terminal.ask(question, 3, 12))

    result = CliRunner().invoke(command, [], input=typed, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output, answer[0]


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("scale", "sm\n", "small"),
        ("scale", "\n", None),  # not stated
        ("admin", "\n", None),
        ("admin", "n\n", False),
        ("admin", "1\n", True),
        ("i18n", "yes\n", True),
        ("use_case", "real\n", "real-time"),
    ],
)
def test_ask_returns_the_value_of_the_choice(key, typed, value):
    assert _ask(QUESTIONS_BY_KEY[key], typed)[1] == value


def test_a_wrong_answer_is_asked_again_with_the_allowed_values():
    output, value = _ask(QUESTIONS_BY_KEY["scale"], "huge\nla\n")
    assert "Error: 'huge' is not a choice; answer 1-3 or small, medium, large." in output
    assert output.count("Answer (1-3; Enter: not stated):") == 2
    assert value == "large"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.key)
def test_every_question_is_asked_in_plain_words_with_its_choices_explained(question):
    output, _ = _ask(question, "\n", COLUMNS="200")
    assert f"[3/12] {question.prompt}" in output
    assert question.source not in output and question.criterion not in output
    for number, choice in enumerate(question.choices, start=1):
        assert re.search(
            rf"^ +{number} {re.escape(choice.word)} +{re.escape(choice.meaning)}", output, re.M
        )
    says_nothing_changes = "the starter stays the same" in output
    assert says_nothing_changes == (not question.shapes_starter)


@pytest.mark.parametrize(
    ("key", "effect"),
    [
        ("security", "Starter: adds two-factor log-in, account lockout and stricter headers"),
        ("scale", "Django gets a Celery worker"),
        ("scale", "adds Redis and defaults to PostgreSQL"),
        ("api", "Starter: adds a REST API with OpenAPI docs"),
        ("database", "Starter with mongodb, redis and cassandra: Flask only"),
    ],
)
def test_answers_that_change_the_starter_say_how(key, effect):
    output, _ = _ask(QUESTIONS_BY_KEY[key], "\n", COLUMNS="200")
    assert effect in output


def _words(text):
    """The words of a text, without the punctuation that follows them."""
    return {word.rstrip(",.;:") for word in re.findall(r"\S+", text)}


def _assert_fits(output, width, texts):
    """Every line fits; every word on screen is a whole word of ``texts`` (none was cut)."""
    allowed = set().union(*(_words(text) for text in texts))
    for line in output.splitlines():
        assert len(line) <= width, line
        for word in _words(line):
            assert word in allowed or set(word) <= set("─-:[]()/0123456789"), (word, line)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "answers",
    [
        _defaults(),
        {**_defaults(), "database": "mongodb", "architecture": "microservices"},
        {"scale": "large"},
    ],
    ids=["every criterion stated", "django ruled out", "one stated"],
)
def test_the_table_fits_the_terminal_and_never_cuts_a_word(width, answers):
    recommendation = recommend(answers)

    @click.command()
    def command():
        terminal.print_recommendation(recommendation)

    result = CliRunner().invoke(command, [], env={"COLUMNS": str(width)})
    texts = ["Criterion Answer Favours Pts Reason (article) neither Django Flask"]
    texts += [
        f"{reason.criterion} {reason.reason} ({reason.source})" for reason in recommendation.reasons
    ]
    texts += [show(reason.answer) for reason in recommendation.reasons]
    texts += [f"{why}." for why in recommendation.excluded.values()]
    scores = recommendation.scores
    texts += [f"Django {scores['django']}, Flask {scores['flask']}: is ruled out:"]
    texts += [f"margin {recommendation.margin}, {recommendation.clarity}."]
    texts += ["Recommendation: Django Flask Django,", what_if_in_words(recommendation)]
    if recommendation.tie_break:
        texts += [f"The points are level: {recommendation.tie_break}."]
    _assert_fits(result.output, width, texts)
    assert "…" not in result.output
    assert max(len(line) for line in result.output.splitlines()) > width - 10  # it uses the width


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.key)
def test_questions_wrap_without_cutting_a_word(width, question):
    output, _ = _ask(question, "\n", COLUMNS=str(width))
    texts = [question.prompt, "Answer Starter: Starter with and This answer moves the "]
    texts += ["recommendation only; the starter stays the same."]
    texts += [f"{c.word} {c.meaning} {c.effect} {c.word}:" for c in question.choices]
    texts += [f"(1-{len(question.choices)}; Enter: not stated):"]
    _assert_fits(output, width, texts)


def _table(env):
    @click.command()
    def command():
        terminal.print_recommendation(recommend(_defaults()))

    return CliRunner().invoke(command, [], env=env).output


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, True),  # what rich sees on a terminal
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({}, False),  # not a terminal: CliRunner's output is a pipe
    ],
    ids=["terminal", "terminal with NO_COLOR", "not a terminal"],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(env, coloured):
    assert ("\x1b[" in _table({"NO_COLOR": None, "FORCE_COLOR": None, **env})) == coloured
