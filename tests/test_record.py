"""The decision record of a generated project: its table adds up and says what would change it."""

import re

import pytest

from scaffold.decide import recommend
from scaffold.record import decision_record


def rows(record):
    """The table rows of a decision record: criterion, answer, Django points, Flask points."""
    found = re.findall(r"^\| ([^|*]+?) \| ([^|]*?) \| (\d+) \| (\d+) \|", record, re.M)
    return [
        (criterion, answer, int(django), int(flask)) for criterion, answer, django, flask in found
    ]


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"architecture": "microservices", "api": "rest", "security": "strict"},
        {"scale": "large", "admin": True, "i18n": True, "use_case": "enterprise"},
    ],
)
def test_the_rows_add_up_to_the_totals(answers):
    recommendation = recommend(answers)
    record = decision_record(recommendation, recommendation.framework, answers)
    table = rows(record)
    assert len(table) == 12
    django, flask = sum(row[2] for row in table), sum(row[3] for row in table)
    assert f"| **Total** | | **{django}** | **{flask}** | |" in record
    assert f"Totals: Django {django}, Flask {flask};" in record


def test_criteria_not_stated_say_so_and_name_the_starter_default():
    recommendation = recommend({"architecture": "microservices"})
    record = decision_record(
        recommendation, "flask", {"architecture": "microservices", "admin": True}
    )
    table = {
        criterion: (answer, django, flask) for criterion, answer, django, flask in rows(record)
    }
    assert table["Deployment architecture"] == ("microservices", 0, 4)
    assert table["Admin interface"] == ("not stated (starter default: yes)", 0, 0)
    assert table["Use case"] == ("not stated", 0, 0)
    assert "Stated: architecture. Not stated (no vote): scale, performance," in record


def test_the_record_ends_its_context_with_what_would_change_the_choice():
    recommendation = recommend({"architecture": "microservices", "database": "postgresql"})
    record = decision_record(recommendation, "flask", {})
    assert "What would change the recommendation: Django if: architecture = monolith." in record
    assert "We chose **Flask**, as recommended." in record


def test_an_override_is_recorded():
    record = decision_record(recommend({"scale": "small"}), "django", {})
    assert "although scaffold recommended Flask: the team overrode" in record


def test_a_tie_says_which_rule_decided():
    record = decision_record(recommend({"use_case": "web-app"}), "django", {})
    assert "The points are level: a tie goes to the framework the stated deployment" in record
