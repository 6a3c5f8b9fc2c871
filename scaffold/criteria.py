"""The article's decision rules as data.

Every question below comes from one criterion of ``django-vs-flask-article.txt``
(the ``source`` of each question names its section). A choice gives points to
Django, to Flask, or to neither; ``reason`` is the article's argument in one line,
so the table that ``scaffold recommend`` prints can be checked against the text.

Readings of the places where the article contradicts itself:

* Learning curve. Section 4 calls Django "easy to learn" because nothing beyond
  the framework has to be learned; the table gives Django 4-6 weeks against Flask's
  2-3, and Django's cons ask for "intermediate Python knowledge". We read the table
  and the cons as the cost of getting started (so beginners lean to Flask) and
  section 4 as the cost of working in a team on a growing project (so an
  intermediate team gains from Django's single package). An expert team pays
  neither cost: no points.
* API support. The table says Django "doesn't support APIs", yet lists
  "API Development" among Django's use cases. We read the table as "not in the
  core": Django builds APIs through a third-party package, Flask "supports all
  significant APIs" directly. A REST API gives Flask one point, not a veto,
  and the Django starter ships a REST API when asked.
* Minimum viable products. Flask's cons say it "lacks the tools to create MVPs";
  the use-case table lists "MVP Products" for Flask. The table is the specific
  claim, so ``mvp`` leans to Flask, at half the weight of the other use cases.
* Built-in features (ORM, admin, URL routing, authentication, i18n, HTML pages).
  Admin and i18n are their own questions. ORM, routing, authentication and HTML
  pages exist in both starters; the article's point about them is that Django
  ships them while Flask needs extensions, which is exactly the flexibility
  question (section 2), so they are scored there, once.

* Deployment architecture. The article says it in four places, each time
  absolutely: Django "works only on monolithic architecture" (its cons), the two
  are "deployed on completely different architectures" and Flask "is mostly
  deployed in a microservices architecture" (section 8), the table's "Preferred
  Deployment Architecture", and "Microservices" among Flask's use cases. So
  microservices is the heaviest single lean (4), above large scale (3), the
  next strongest claim ("not considered a reliable choice for creating large
  applications"). A monolith only says where Django is "preferred": 2. It is
  not a hard constraint: "deploying them on a distributed architecture is a
  task", not impossible.

Development cost (the table's hourly rates) is left out: it depends on the
vendor, not on the project.

An answer not given casts no vote: a criterion that was not stated gives no
points to either side. With a single criterion stated, the recommendation is
therefore the side that criterion leans to. When the points are level (a
criterion that leans to neither, or leans that cancel out, or nothing stated),
the tie rule below decides. So no question has a default answer; a question
that also configures the starter (admin, database, ...) gives the template its
own default when not stated, and that value does not vote (answers.py).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import Literal

Framework = Literal["django", "flask"]
FRAMEWORKS: tuple[Framework, ...] = ("django", "flask")
Value = str | bool


@dataclass(frozen=True)
class Choice:
    """One answer to a question and what the article says it implies."""

    value: Value
    django: int
    flask: int
    reason: str
    _: KW_ONLY
    meaning: str
    """A few plain words a person understands without the article."""
    effect: str = ""
    """What this answer adds to or removes from the starter; empty when it changes nothing."""

    @property
    def word(self) -> str:
        """The answer as typed and shown: booleans are yes and no."""
        return "yes" if self.value is True else "no" if self.value is False else str(self.value)

    @property
    def leans(self) -> Framework | None:
        """The framework this answer gives more points to, if any."""
        if self.django == self.flask:
            return None
        return "django" if self.django > self.flask else "flask"


@dataclass(frozen=True)
class Question:
    """A criterion of the article, asked as one question."""

    key: str
    criterion: str
    prompt: str
    """The question in plain words; the article's terms stay in ``criterion`` and ``source``."""
    source: str
    choices: tuple[Choice, ...]

    @property
    def is_bool(self) -> bool:
        return all(isinstance(choice.value, bool) for choice in self.choices)

    @property
    def values(self) -> tuple[Value, ...]:
        return tuple(choice.value for choice in self.choices)

    @property
    def shapes_starter(self) -> bool:
        """Whether some answer changes the generated project, not only the recommendation."""
        return any(choice.effect for choice in self.choices)

    def choice(self, value: Value) -> Choice:
        for choice in self.choices:
            if choice.value == value:
                return choice
        raise KeyError(value)


@dataclass(frozen=True)
class Requirement:
    """Answers valid one by one that no template can honour together.

    When ``when_key`` has one of ``when_values``, ``key`` must be one of
    ``allowed``; its default is then ``default``.
    """

    when_key: str
    when_values: frozenset[Value]
    key: str
    allowed: tuple[Value, ...]
    default: Value
    reason: str


@dataclass(frozen=True)
class Constraint:
    """A rule that rules a framework out whatever the scores say."""

    key: str
    values: frozenset[Value]
    excludes: Framework
    reason: str


_BOTH = "listed among the primary use cases of both frameworks (table)"
_DJANGO_ONLY = "listed among Django's primary use cases only (table)"
_FLASK_ONLY = "listed among Flask's primary use cases only (table)"

_SQL_SERVER = "needs a database server; compose.yaml starts one"
_NOSQL = "Flask only (Django cannot use it as its main database)"

QUESTIONS: tuple[Question, ...] = (
    Question(
        key="scale",
        criterion="Scalability",
        prompt="How many people will use it, and how far must it grow?",
        source="section 6 and table, 'Scalability'",
        choices=(
            Choice(
                "small",
                0,
                2,
                "Flask is 'perfect for small-scale projects' (pros)",
                meaning="a few users, one server",
            ),
            Choice(
                "medium",
                1,
                1,
                "both scale to medium apps ('Scalable for small to medium-scale')",
                meaning="thousands of users, one or two servers",
            ),
            Choice(
                "large",
                3,
                0,
                "Django is 'highly scalable for large applications'; Flask is 'not considered "
                "a reliable choice for creating large applications'",
                meaning="many users, several servers, background work",
                effect=(
                    "adds Redis and defaults to PostgreSQL; Django gets a Celery worker, "
                    "Flask more app workers and rate limits counted in Redis"
                ),
            ),
        ),
    ),
    Question(
        key="performance",
        criterion="Speed and performance",
        prompt="Is raw speed the top requirement, above everything else?",
        source="section 1 and table, 'Data Loading and Render Time'",
        choices=(
            Choice(
                "standard",
                0,
                0,
                "'both frameworks offer a reliable speed' for their use case",
                meaning="no, ordinary response times are fine",
            ),
            Choice(
                "critical",
                0,
                2,
                "Flask's small codebase executes faster: 1440 ms render time against 2904 ms",
                meaning="yes, every millisecond counts",
            ),
        ),
    ),
    Question(
        key="components",
        criterion="Flexibility and built-in features",
        prompt=(
            "Should the framework bring the database layer, log-in, URLs and pages, "
            "or will you choose each part yourself?"
        ),
        source="section 2 and the feature lists",
        choices=(
            Choice(
                "batteries",
                2,
                0,
                "Django's built-in ORM, auth, URL routing and HTML pages 'support every "
                "business operation' without third-party components",
                meaning="built in, ready to use",
            ),
            Choice(
                "pick",
                0,
                2,
                "'if you want flexibility in using third-party components, then Flask'",
                meaning="we choose each library ourselves",
            ),
        ),
    ),
    Question(
        key="database_tests",
        criterion="Testability",
        prompt="Will your tests read and write a database?",
        source="section 3",
        choices=(
            Choice(
                True,
                1,
                0,
                "Django 'automatically generates separate test case for databases'; Flask "
                "needs an external tool",
                meaning="tests run against a test database",
            ),
            Choice(
                False,
                0,
                0,
                "both ship unittest support and a test client",
                meaning="tests need no database",
            ),
        ),
    ),
    Question(
        key="team_experience",
        criterion="Learning curve",
        prompt="How much has the team worked with Python web frameworks?",
        source="section 4, Django's cons and table 'Learning Time'",
        choices=(
            Choice(
                "beginner",
                0,
                1,
                "learning time 2-3 weeks for Flask against 4-6 for Django, which needs "
                "intermediate Python",
                meaning="new to them",
            ),
            Choice(
                "intermediate",
                1,
                0,
                "Django is 'a complete package': no third-party libraries to learn",
                meaning="has built a web app or two",
            ),
            Choice(
                "expert",
                0,
                0,
                "an expert team pays neither learning cost",
                meaning="knows several frameworks well",
            ),
        ),
    ),
    Question(
        key="database",
        criterion="Database compatibility",
        prompt="Which database will hold the data?",
        source="section 5",
        choices=(
            Choice(
                "sqlite",
                0,
                0,
                "supported by both frameworks",
                meaning="a single file, no server",
            ),
            *(
                Choice(
                    name,
                    0,
                    0,
                    "supported by both frameworks",
                    meaning=meaning,
                    effect=_SQL_SERVER,
                )
                for name, meaning in (
                    ("postgresql", "PostgreSQL server, the usual choice"),
                    ("mysql", "MySQL server"),
                    ("mariadb", "MariaDB server"),
                    ("oracle", "Oracle server"),
                )
            ),
            *(
                Choice(
                    name,
                    0,
                    3,
                    "Flask works with NoSQL stores; Django supports only PostgreSQL, MariaDB, "
                    "MySQL, Oracle and SQLite",
                    meaning=meaning,
                    effect=_NOSQL,
                )
                for name, meaning in (
                    ("mongodb", "MongoDB, a document store"),
                    ("redis", "Redis, a key-value store"),
                    ("cassandra", "Cassandra, a wide-column store"),
                )
            ),
        ),
    ),
    Question(
        key="security",
        criterion="Security",
        prompt="How well must accounts and log-ins be protected?",
        source="section 7 and table, 'Security'",
        choices=(
            Choice(
                "basic",
                0,
                1,
                "less code in Flask 'decreases the attack surface'",
                meaning="the framework's defaults are enough",
                effect="lighter protection than standard: fewer password rules and log-in limits",
            ),
            Choice(
                "standard",
                1,
                0,
                "Django has built-in authentication, authorization and XSS/CSRF protection; "
                "Flask's 'depends on the usage of third-party extensions'",
                meaning="ordinary accounts, protected well",
            ),
            Choice(
                "strict",
                2,
                0,
                "Django offers 'built-in components to implement SSO, LDAP, and multi-factor "
                "authentication'",
                meaning="sensitive data such as health or money",
                effect="adds two-factor log-in, account lockout and stricter headers",
            ),
        ),
    ),
    Question(
        key="architecture",
        criterion="Deployment architecture",
        prompt="Will it run as one application, or as one of several small services?",
        source="section 8 and table, 'Preferred Deployment Architecture'",
        choices=(
            Choice(
                "monolith",
                2,
                0,
                "'Python professionals prefer Django deployment on a monolithic architecture'",
                meaning="one application with its own pages",
            ),
            Choice(
                "microservices",
                0,
                4,
                "Django 'works only on monolithic architecture' (cons); Flask 'is mostly "
                "deployed in a microservices architecture' (section 8)",
                meaning="one small service among several",
                effect="Flask builds a JSON service with token log-in and no pages",
            ),
        ),
    ),
    Question(
        key="api",
        criterion="API support",
        prompt="Will other programs talk to it through an API?",
        source="table, 'API Support', read as 'not in Django's core'",
        choices=(
            Choice(
                "none",
                0,
                0,
                "no API: the criterion does not apply",
                meaning="no, people use its pages",
            ),
            Choice(
                "rest",
                0,
                1,
                "Flask 'supports all significant APIs' in its core",
                meaning="yes, a JSON REST API",
                effect="adds a REST API with OpenAPI docs",
            ),
        ),
    ),
    Question(
        key="admin",
        criterion="Admin interface",
        prompt="Do staff need a back office to view and edit records?",
        source="Django's features and pros",
        choices=(
            Choice(
                True,
                2,
                0,
                "Django generates an admin interface by default",
                meaning="an admin area for staff",
                effect="adds an admin area (in a web app; a microservice has none)",
            ),
            Choice(False, 0, 0, "no admin needed", meaning="no admin area"),
        ),
    ),
    Question(
        key="i18n",
        criterion="Internationalisation",
        prompt="Will the site be offered in more than one language?",
        source="Django's pros",
        choices=(
            Choice(
                True,
                1,
                0,
                "Django has 'built-in internationalization features'",
                meaning="several languages",
                effect="adds translation files and a language switcher (in a web app)",
            ),
            Choice(
                False,
                0,
                0,
                "one language: the criterion does not apply",
                meaning="one language",
            ),
        ),
    ),
    Question(
        key="use_case",
        criterion="Use case",
        prompt="Which kind of application is it closest to?",
        source="table, 'Primary Use Cases'",
        choices=(
            Choice("web-app", 1, 1, _BOTH, meaning="a general web application"),
            Choice("cms", 1, 1, _BOTH, meaning="pages edited by non-programmers"),
            Choice("e-commerce", 1, 1, _BOTH, meaning="an online shop"),
            Choice("rest-api", 1, 1, _BOTH, meaning="an API used by other programs"),
            Choice("social-media", 2, 0, _DJANGO_ONLY, meaning="profiles, posts, followers"),
            Choice("healthcare", 2, 0, _DJANGO_ONLY, meaning="patient or medical records"),
            Choice("enterprise", 2, 0, _DJANGO_ONLY, meaning="a large internal business system"),
            Choice("collaboration", 2, 0, _DJANGO_ONLY, meaning="teams sharing documents"),
            Choice("analytics", 2, 0, _DJANGO_ONLY, meaning="reports over lots of data"),
            Choice(
                "mvp",
                0,
                1,
                _FLASK_ONLY + "; its cons contradict it, so half weight",
                meaning="a first version to test an idea",
            ),
            Choice("microservices", 0, 2, _FLASK_ONLY, meaning="one service among many"),
            Choice("dashboard", 0, 2, _FLASK_ONLY, meaning="charts and live figures"),
            Choice("forms", 0, 2, _FLASK_ONLY, meaning="forms and surveys"),
            Choice("blog", 0, 2, _FLASK_ONLY, meaning="articles and comments"),
            Choice("iot", 0, 2, _FLASK_ONLY, meaning="devices sending readings"),
            Choice("real-time", 0, 2, _FLASK_ONLY, meaning="chat or live updates"),
        ),
    ),
)

CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        key="database",
        values=frozenset({"mongodb", "redis", "cassandra"}),
        excludes="django",
        reason=(
            "Django supports only PostgreSQL, MariaDB, MySQL, Oracle and SQLite as its "
            "primary database (article, section 5)"
        ),
    ),
)

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        # Both templates run web and worker processes (Celery, several hosts) for a
        # large project; they cannot share a SQLite file.
        when_key="scale",
        when_values=frozenset({"large"}),
        key="database",
        allowed=("postgresql", "mysql", "mariadb", "oracle", "mongodb", "redis", "cassandra"),
        default="postgresql",
        reason="web and worker processes cannot share a database file",
    ),
)

QUESTIONS_BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}


@dataclass(frozen=True)
class TieRule:
    """Who wins when the points are level."""

    key: str
    otherwise: Framework
    reason: str


TIE_RULE = TieRule(
    key="architecture",
    otherwise="django",
    reason=(
        "a tie goes to the framework the stated deployment architecture leans to, the "
        "sharpest split in the article (section 8: 'completely different architectures'); "
        "with no architecture stated, to Django, which the article introduces as for "
        "'small to large-scale enterprise applications' while Flask is 'mainly used for "
        "creating small-scale web applications': the choice that need not be revisited "
        "if the project grows"
    ),
)
