"""Scoring: answers in, a recommendation out. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scaffold.criteria import CONSTRAINTS, FRAMEWORKS, QUESTIONS, Framework, Value

# A margin of this many points or more is called clear; below CLOSE it is a toss-up.
CLEAR = 5
CLOSE = 2


@dataclass(frozen=True)
class Reason:
    """What one answer contributed to the decision."""

    key: str
    criterion: str
    answer: Value
    django: int
    flask: int
    reason: str
    source: str

    @property
    def favours(self) -> Framework | None:
        if self.django == self.flask:
            return None
        return "django" if self.django > self.flask else "flask"

    @property
    def points(self) -> int:
        return abs(self.django - self.flask)


@dataclass(frozen=True)
class Recommendation:
    framework: Framework
    scores: dict[Framework, int]
    reasons: tuple[Reason, ...]
    excluded: dict[Framework, str]

    @property
    def margin(self) -> int:
        return abs(self.scores["django"] - self.scores["flask"])

    @property
    def clarity(self) -> str:
        if self.excluded:
            return "decided by a hard constraint"
        if self.margin >= CLEAR:
            return "clear"
        if self.margin >= CLOSE:
            return "moderate"
        return "close: either framework will do; weigh the reasons below"


def excluded_frameworks(answers: Mapping[str, Value]) -> dict[Framework, str]:
    """Frameworks that the answers rule out, with the article's reason."""
    return {
        constraint.excludes: constraint.reason
        for constraint in CONSTRAINTS
        if answers.get(constraint.key) in constraint.values
    }


def recommend(answers: Mapping[str, Value]) -> Recommendation:
    """Score Django against Flask for a complete set of criteria answers.

    A tie goes to the framework the deployment architecture prefers, the
    sharpest split in the article (section 8: "completely different architectures").
    """
    reasons = tuple(
        Reason(
            key=question.key,
            criterion=question.criterion,
            answer=answers[question.key],
            django=choice.django,
            flask=choice.flask,
            reason=choice.reason,
            source=question.source,
        )
        for question in QUESTIONS
        for choice in (question.choice(answers[question.key]),)
    )
    scores: dict[Framework, int] = {
        "django": sum(reason.django for reason in reasons),
        "flask": sum(reason.flask for reason in reasons),
    }
    excluded = excluded_frameworks(answers)
    allowed = [framework for framework in FRAMEWORKS if framework not in excluded]
    if len(allowed) == 1:
        framework = allowed[0]
    elif scores["django"] != scores["flask"]:
        framework = max(allowed, key=scores.__getitem__)
    else:
        framework = "flask" if answers["architecture"] == "microservices" else "django"
    return Recommendation(framework, scores, reasons, excluded)
