"""The decision engine against scenarios taken from the article.

Every scenario gives only the answers a user would state; the rest are not
stated and cast no vote. Each carries the article's words that decide it.
"""

import pytest

from scaffold.answers import check_combination
from scaffold.criteria import CONSTRAINTS, QUESTIONS, QUESTIONS_BY_KEY, TIE_RULE
from scaffold.decide import NOT_STATED, Change, recommend, what_if, what_if_in_words
from scaffold.errors import InputError

README_CI_EXAMPLE = {
    "architecture": "microservices",
    "api": "rest",
    "database": "postgresql",
    "security": "strict",
}

SCENARIOS = [
    # -- nothing or one criterion stated ------------------------------------------
    ({}, "django", "nothing stated: the tie rule; Django is for 'small to large-scale' apps"),
    ({"scale": "small"}, "flask", "Flask: 'Perfect framework for small-scale projects'"),
    ({"scale": "medium"}, "django", "'Scalable for small to medium-scale apps': both, tie rule"),
    ({"scale": "large"}, "django", "Django: 'Highly scalable for large applications'"),
    (
        {"architecture": "microservices"},
        "flask",
        "Flask 'is mostly deployed in a microservices architecture'",
    ),
    (
        {"architecture": "monolith"},
        "django",
        "'Python professionals prefer Django deployment on a monolithic architecture'",
    ),
    ({"database": "mongodb"}, "flask", "Flask databases: 'NoSQL', 'Flask-PyMongo'"),
    ({"database": "redis"}, "flask", "Flask databases: 'Redis'"),
    ({"database": "cassandra"}, "flask", "Flask databases: 'Cassandra and more'"),
    ({"database": "postgresql"}, "django", "Flask supports 'All databases supported by Django'"),
    (
        {"performance": "critical"},
        "flask",
        "'Data Loading and Render Time': 2904 ms for Django, 1440 ms for Flask",
    ),
    ({"performance": "standard"}, "django", "'both frameworks offer a reliable speed': tie rule"),
    (
        {"components": "pick"},
        "flask",
        "'if you want flexibility in using third-party components, then Flask must be your choice'",
    ),
    (
        {"components": "batteries"},
        "django",
        "'... then Flask must be your choice; otherwise, Django'",
    ),
    (
        {"team_experience": "beginner"},
        "flask",
        "'Intermediate Python knowledge is required to use Django'; learning time 2 to 3 weeks",
    ),
    ({"team_experience": "intermediate"}, "django", "Django 'is a complete package in itself'"),
    (
        {"security": "strict"},
        "django",
        "Django 'offers built-in components to implement SSO, LDAP, and multi-factor "
        "authentication'",
    ),
    (
        {"security": "basic"},
        "flask",
        "'Fewer code is written for Flask development, which decreases the attack surface'",
    ),
    ({"admin": True}, "django", "'By default, an admin interface is generated'"),
    ({"admin": False}, "django", "no admin: no lean, tie rule"),
    ({"i18n": True}, "django", "Django pros: 'Built-in internationalization features'"),
    (
        {"database_tests": True},
        "django",
        "Django 'automatically generates separate test case for databases'",
    ),
    ({"api": "rest"}, "flask", "API Support: Flask 'supports all significant APIs'"),
    ({"use_case": "iot"}, "flask", "Flask's primary use cases: 'IoT systems'"),
    ({"use_case": "real-time"}, "flask", "Flask's primary use cases: 'Real-time apps'"),
    ({"use_case": "blog"}, "flask", "Flask's primary use cases: 'Blog websites'"),
    ({"use_case": "mvp"}, "flask", "Flask's primary use cases: 'MVP Products'"),
    ({"use_case": "healthcare"}, "django", "Django's primary use cases: 'Healthcare apps'"),
    ({"use_case": "social-media"}, "django", "Django's primary use cases: 'Social media apps'"),
    ({"use_case": "enterprise"}, "django", "Django's primary use cases: 'Enterprise Information'"),
    ({"use_case": "web-app"}, "django", "'Web development' / 'Web apps': both, tie rule"),
    # -- several criteria ---------------------------------------------------------
    (
        README_CI_EXAMPLE,
        "flask",
        "README's CI example, a billing microservice: Django 'works only on monolithic "
        "architecture', Flask 'RESTful APIs'",
    ),
    (
        {"architecture": "microservices", "api": "rest", "use_case": "rest-api"},
        "flask",
        "'RESTful APIs' and 'Microservices' among Flask's use cases",
    ),
    (
        {"scale": "large", "architecture": "microservices"},
        "flask",
        "Django 'works only on monolithic architecture' outweighs 'Highly scalable'",
    ),
    (
        {"scale": "large", "security": "strict", "use_case": "enterprise", "i18n": True},
        "django",
        "'Highly scalable for large applications', 'SSO, LDAP, and multi-factor authentication'",
    ),
    (
        {"database": "cassandra", "use_case": "iot"},
        "flask",
        "Django is 'not compatible with all databases'; Flask: 'IoT systems'",
    ),
    (
        {"database": "mongodb", "scale": "large", "security": "strict", "i18n": True},
        "flask",
        "NoSQL rules Django out: it is 'compatible with only' five databases",
    ),
    (
        {"team_experience": "beginner", "use_case": "mvp", "components": "pick", "scale": "small"},
        "flask",
        "'2 to 3 Weeks' learning, 'MVP Products', 'Perfect framework for small-scale projects'",
    ),
    (
        {"performance": "critical", "use_case": "dashboard", "components": "pick"},
        "flask",
        "'Data Visualization Dashboards'; 'Small codebase, providing faster execution'",
    ),
    (
        {"use_case": "healthcare", "admin": True, "i18n": True},
        "django",
        "'Healthcare apps'; 'Offers an admin interface for easy app management'",
    ),
    (
        {"use_case": "cms", "admin": True, "components": "batteries", "database_tests": True},
        "django",
        "'CMS development'; 'most of the required features can be implemented without "
        "third-party components'",
    ),
    (
        {"scale": "small", "team_experience": "beginner", "architecture": "monolith"},
        "flask",
        "'Perfect framework for small-scale projects' and the shorter learning time",
    ),
    (
        {"scale": "small", "admin": True},
        "django",
        "small (Flask) and admin (Django) cancel out: the tie rule",
    ),
]


@pytest.mark.parametrize(
    ("answers", "framework", "words"), SCENARIOS, ids=[words for _, _, words in SCENARIOS]
)
def test_scenarios_from_the_article(answers, framework, words):
    assert recommend(answers).framework == framework, words


def test_the_scenario_table_covers_every_criterion_alone():
    alone = {key for answers, _, _ in SCENARIOS if len(answers) == 1 for key in answers}
    assert alone == set(QUESTIONS_BY_KEY)
    assert len(SCENARIOS) >= 30


@pytest.mark.parametrize(
    ("key", "value"),
    [(question.key, choice.value) for question in QUESTIONS for choice in question.choices],
)
def test_a_single_stated_criterion_decides_by_its_lean(key, value):
    lean = QUESTIONS_BY_KEY[key].choice(value).leans
    assert recommend({key: value}).framework == (lean or TIE_RULE.otherwise)


def test_criteria_not_stated_say_so_and_give_no_points():
    result = recommend({"scale": "large"})
    rows = {reason.key: reason for reason in result.reasons}
    assert rows["scale"].stated and rows["scale"].django == 3
    for key in set(rows) - {"scale"}:
        assert not rows[key].stated
        assert (rows[key].answer, rows[key].django, rows[key].flask) == (None, 0, 0)
        assert rows[key].reason == NOT_STATED
    assert result.stated == {"scale": "large"}
    assert set(result.not_stated) == set(rows) - {"scale"}


@pytest.mark.parametrize(("answers", "framework", "words"), SCENARIOS)
def test_rows_add_up_to_the_totals(answers, framework, words):
    result = recommend(answers)
    assert result.scores["django"] == sum(reason.django for reason in result.reasons)
    assert result.scores["flask"] == sum(reason.flask for reason in result.reasons)
    assert [reason.key for reason in result.reasons] == [question.key for question in QUESTIONS]


def test_keys_that_are_not_criteria_are_ignored():
    with_names = {"project_name": "Shop", "framework": "flask", "admin": True}
    assert recommend(with_names).scores == recommend({"admin": True}).scores


@pytest.mark.parametrize("database", ["mongodb", "redis", "cassandra"])
def test_nosql_primary_store_excludes_django(database):
    result = recommend({"database": database, "scale": "large", "admin": True})
    assert result.framework == "flask"
    assert "section 5" in result.excluded["django"]


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "mariadb", "oracle"])
def test_sql_databases_exclude_nothing(database):
    assert recommend({"database": database}).excluded == {}


@pytest.mark.parametrize(
    ("answers", "framework"),
    [
        ({}, "django"),
        ({"admin": False, "api": "none"}, "django"),
        # microservices (Flask 4) against large scale and translations (Django 3 + 1)
        ({"architecture": "microservices", "scale": "large", "i18n": True}, "flask"),
        ({"architecture": "monolith", "scale": "small"}, "django"),
    ],
)
def test_a_tie_goes_by_the_tie_rule(answers, framework):
    result = recommend(answers)
    assert result.scores["django"] == result.scores["flask"]
    assert result.framework == framework
    assert result.tie_break == TIE_RULE.reason


def test_a_decision_on_points_has_no_tie_break():
    assert recommend({"scale": "small"}).tie_break is None


@pytest.mark.parametrize(
    ("answers", "clarity"),
    [
        ({}, "nothing stated"),
        ({"database": "redis"}, "decided by a hard constraint"),
        ({"use_case": "web-app"}, "a tie"),
        ({"team_experience": "beginner"}, "close"),
        ({"architecture": "microservices", "security": "basic"}, "clear"),
        ({"architecture": "monolith", "admin": True}, "moderate"),
    ],
)
def test_clarity_describes_the_margin(answers, clarity):
    assert recommend(answers).clarity.startswith(clarity)


# -- what would change the choice ---------------------------------------------------


def brute_force_what_if(answers):
    """Try every other value of every question, one at a time, that scaffold accepts."""
    current = recommend(answers).framework
    flips = set()
    for question in QUESTIONS:
        for value in question.values:
            if question.key in answers and answers[question.key] == value:
                continue
            changed = {**answers, question.key: value}
            try:
                check_combination(changed)
            except InputError:
                continue
            framework = recommend(changed).framework
            if framework != current:
                flips.add((question.key, value, framework))
    return flips


@pytest.mark.parametrize(("answers", "framework", "words"), SCENARIOS)
def test_what_if_is_exact(answers, framework, words):
    listed = recommend(answers).what_if
    assert {(c.key, c.answer, c.framework) for c in listed} == brute_force_what_if(answers)
    assert len(listed) == len(set(listed))
    for change in listed:
        assert change.framework != framework
        assert recommend({**answers, change.key: change.answer}).framework == change.framework


def test_what_if_of_the_readme_ci_example():
    flips = {(change.key, change.answer) for change in recommend(README_CI_EXAMPLE).what_if}
    assert flips == {("architecture", "monolith")}


def test_what_if_leaves_out_changes_that_are_refused():
    # SQLite would flip it (Django is no longer ruled out) but a large project cannot have it.
    changes = what_if({"scale": "large", "database": "mongodb"})
    assert Change("database", "postgresql", "django") in changes
    assert Change("database", "sqlite", "django") not in changes
    assert Change("scale", "large", "flask") not in what_if({"database": "sqlite", "admin": True})


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (README_CI_EXAMPLE, "Django if: architecture = monolith."),
        (
            {"database": "mongodb"},
            "Django if: database = sqlite, postgresql, mysql, mariadb or oracle.",
        ),
        (
            {"architecture": "monolith"},
            "Flask if: database = mongodb, redis or cassandra, or architecture = microservices.",
        ),
        (
            {"database": "mongodb", "architecture": "microservices", "scale": "small"},
            "No change of a single answer would change the recommendation.",
        ),
        (
            {
                "use_case": "social-media",
                "architecture": "monolith",
                "admin": True,
                "security": "strict",
            },
            "Flask if: database = mongodb, redis or cassandra.",
        ),
        (
            {"architecture": "microservices", "admin": True},
            "Django if: scale = large, or architecture = monolith.",
        ),
        ({"scale": "small", "i18n": True}, "Django if: scale = medium or large, or components ="),
    ],
)
def test_what_if_in_words(answers, words):
    assert what_if_in_words(recommend(answers)).startswith(words)


def test_booleans_in_what_if_are_booleans():
    changes = recommend({"scale": "small", "i18n": True}).what_if
    assert Change("admin", True, "django") in changes
    assert all(isinstance(c.answer, bool) for c in changes if QUESTIONS_BY_KEY[c.key].is_bool)


def test_every_question_has_a_reason_for_every_choice():
    for question in QUESTIONS:
        for choice in question.choices:
            assert choice.reason and choice.django >= 0 and choice.flask >= 0
    for constraint in CONSTRAINTS:
        assert constraint.values <= set(QUESTIONS_BY_KEY[constraint.key].values)
