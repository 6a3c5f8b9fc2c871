"""The decision engine against scenarios taken from the article."""

import pytest

from scaffold.answers import criteria_defaults
from scaffold.criteria import CONSTRAINTS, QUESTIONS
from scaffold.decide import recommend


def answers(**overrides):
    return {**criteria_defaults(), **overrides}


@pytest.mark.parametrize(
    ("scenario", "overrides", "framework"),
    [
        ("defaults: a monolithic web app with an admin", {}, "django"),
        (
            "small microservice exposing a REST API (section 8, table)",
            {
                "scale": "small",
                "architecture": "microservices",
                "api": "rest",
                "admin": False,
                "use_case": "microservices",
            },
            "flask",
        ),
        (
            "large enterprise system with strict security (sections 6, 7)",
            {"scale": "large", "security": "strict", "use_case": "enterprise", "i18n": True},
            "django",
        ),
        (
            "IoT collector on Cassandra: NoSQL rules Django out (section 5)",
            {"database": "cassandra", "use_case": "iot"},
            "flask",
        ),
        (
            "MongoDB outweighs every Django point (section 5)",
            {"database": "mongodb", "scale": "large", "security": "strict", "i18n": True},
            "flask",
        ),
        (
            "beginner team building an MVP with its own components (section 4, table)",
            {
                "team_experience": "beginner",
                "use_case": "mvp",
                "components": "pick",
                "admin": False,
                "scale": "small",
                "database_tests": False,
            },
            "flask",
        ),
        (
            "render speed is critical for a dashboard (section 1, table)",
            {
                "performance": "critical",
                "use_case": "dashboard",
                "admin": False,
                "components": "pick",
                "architecture": "microservices",
            },
            "flask",
        ),
        (
            "healthcare app with an admin and translations (table, pros)",
            {"use_case": "healthcare", "i18n": True},
            "django",
        ),
    ],
)
def test_scenarios_from_the_article(scenario, overrides, framework):
    assert recommend(answers(**overrides)).framework == framework, scenario


def test_scores_are_the_sum_of_the_reasons():
    result = recommend(answers(scale="large", api="rest"))
    assert result.scores["django"] == sum(reason.django for reason in result.reasons)
    assert result.scores["flask"] == sum(reason.flask for reason in result.reasons)
    assert [reason.key for reason in result.reasons] == [question.key for question in QUESTIONS]


@pytest.mark.parametrize("database", ["mongodb", "redis", "cassandra"])
def test_nosql_primary_store_excludes_django(database):
    result = recommend(answers(database=database))
    assert result.framework == "flask"
    assert "django" in result.excluded
    assert "section 5" in result.excluded["django"]


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "mariadb", "oracle"])
def test_sql_databases_exclude_nothing(database):
    assert recommend(answers(database=database)).excluded == {}


def test_a_tie_goes_to_the_framework_of_the_architecture():
    tie = answers(
        scale="medium",
        components="batteries",
        database_tests=False,
        team_experience="expert",
        security="standard",
        admin=False,
        use_case="web-app",
        architecture="microservices",
    )
    result = recommend(tie)
    assert result.scores["django"] == result.scores["flask"]
    assert result.framework == "flask"


@pytest.mark.parametrize(
    ("overrides", "clarity"),
    [
        ({}, "clear"),
        ({"database": "redis"}, "decided by a hard constraint"),
        ({"architecture": "microservices", "admin": False}, "moderate"),
        ({"architecture": "microservices", "admin": False, "team_experience": "expert"}, "close"),
    ],
)
def test_clarity_describes_the_margin(overrides, clarity):
    assert recommend(answers(**overrides)).clarity.startswith(clarity)


def test_every_question_has_a_reason_for_every_choice_and_a_valid_default():
    for question in QUESTIONS:
        assert question.default in question.values, question.key
        for choice in question.choices:
            assert choice.reason and choice.django >= 0 and choice.flask >= 0
    for constraint in CONSTRAINTS:
        question = next(q for q in QUESTIONS if q.key == constraint.key)
        assert constraint.values <= set(question.values)
