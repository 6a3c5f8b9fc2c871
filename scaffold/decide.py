"""Scoring: answers in, a recommendation out. Pure functions, no I/O.

The answers are the criteria the user stated. A criterion missing from them was
not stated: its row says so and gives no points to either side (criteria.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scaffold.criteria import (
    CONSTRAINTS,
    FRAMEWORKS,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    REQUIREMENTS,
    TIE_RULE,
    Framework,
    Value,
)
from scaffold.errors import InputError

# A margin of this many points or more is called clear; below CLOSE it is a toss-up.
CLEAR = 5
CLOSE = 2

NOT_STATED = "not stated: no vote"


@dataclass(frozen=True)
class Reason:
    """One row of the table: what one criterion's answer gave each framework.

    ``answer`` is None when the criterion was not stated; such a row gives no points.
    """

    key: str
    criterion: str
    answer: Value | None
    django: int
    flask: int
    reason: str
    source: str

    @property
    def stated(self) -> bool:
        return self.answer is not None

    @property
    def favours(self) -> Framework | None:
        if self.django == self.flask:
            return None
        return "django" if self.django > self.flask else "flask"

    @property
    def points(self) -> int:
        return abs(self.django - self.flask)


@dataclass(frozen=True)
class Change:
    """Changing one answer to ``answer`` would make the recommendation ``framework``."""

    key: str
    answer: Value
    framework: Framework


@dataclass(frozen=True)
class Recommendation:
    framework: Framework
    scores: dict[Framework, int]
    reasons: tuple[Reason, ...]
    excluded: dict[Framework, str]
    tie_break: str | None
    what_if: tuple[Change, ...] = ()

    @property
    def stated(self) -> dict[str, Value]:
        return {r.key: r.answer for r in self.reasons if r.answer is not None}

    @property
    def not_stated(self) -> tuple[str, ...]:
        return tuple(reason.key for reason in self.reasons if not reason.stated)

    @property
    def margin(self) -> int:
        return abs(self.scores["django"] - self.scores["flask"])

    @property
    def clarity(self) -> str:
        if self.excluded:
            return "decided by a hard constraint"
        if not self.stated:
            return "nothing stated: decided by the tie rule"
        if self.margin == 0:
            return "a tie: decided by the tie rule"
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


def _criteria(answers: Mapping[str, Value]) -> dict[str, Value]:
    """The criteria among ``answers`` (an answers mapping also holds names and options)."""
    return {key: value for key, value in answers.items() if key in QUESTIONS_BY_KEY}


def _row(key: str, answer: Value | None) -> Reason:
    question = QUESTIONS_BY_KEY[key]
    if answer is None:
        return Reason(key, question.criterion, None, 0, 0, NOT_STATED, question.source)
    choice = question.choice(answer)
    return Reason(
        key, question.criterion, answer, choice.django, choice.flask, choice.reason, question.source
    )


def _rows(answers: Mapping[str, Value]) -> tuple[Reason, ...]:
    return tuple(_row(question.key, answers.get(question.key)) for question in QUESTIONS)


def _decide(answers: Mapping[str, Value], reasons: tuple[Reason, ...]) -> Recommendation:
    """The recommendation for ``answers``, whose rows are ``reasons`` (:func:`_rows`)."""
    scores: dict[Framework, int] = {
        "django": sum(reason.django for reason in reasons),
        "flask": sum(reason.flask for reason in reasons),
    }
    excluded = excluded_frameworks(answers)
    allowed = [framework for framework in FRAMEWORKS if framework not in excluded]
    tie_break = None
    if len(allowed) == 1:
        framework = allowed[0]
    elif scores["django"] != scores["flask"]:
        framework = max(allowed, key=scores.__getitem__)
    else:
        tie_break = TIE_RULE.reason
        framework = _row(TIE_RULE.key, answers.get(TIE_RULE.key)).favours or TIE_RULE.otherwise
    return Recommendation(framework, scores, reasons, excluded, tie_break)


def _can_be_made(answers: Mapping[str, Value]) -> bool:
    """No combination rule (criteria.REQUIREMENTS) refuses these answers."""
    return not any(
        answers.get(rule.when_key) in rule.when_values
        and rule.key in answers
        and answers[rule.key] not in rule.allowed
        for rule in REQUIREMENTS
    )


def what_if(answers: Mapping[str, Value]) -> tuple[Change, ...]:
    """Every change of exactly one answer that changes the recommended framework.

    A change is giving a criterion a value it does not have now (stating one not
    stated, or answering another way). Combinations that scaffold refuses
    (SQLite for a large project) are left out: each change listed can be made.
    """
    stated = _criteria(answers)
    reasons = _rows(stated)
    current = _decide(stated, reasons).framework
    changes = []
    for index, question in enumerate(QUESTIONS):
        for value in question.values:
            if question.key in stated and stated[question.key] == value:
                continue
            changed = {**stated, question.key: value}
            if not _can_be_made(changed):
                continue
            # Only this question's row differs from the rows of the answers as they are.
            rows = (*reasons[:index], _row(question.key, value), *reasons[index + 1 :])
            framework = _decide(changed, rows).framework
            if framework != current:
                changes.append(Change(question.key, value, framework))
    return tuple(changes)


def recommend(answers: Mapping[str, Value]) -> Recommendation:
    """Score Django against Flask on the criteria among ``answers``, all taken as stated.

    Keys that are not criteria (names, the framework) are ignored; pass
    ``Answers.criteria`` so that a starter default, which was not stated, does
    not vote. A tie goes by criteria.TIE_RULE.
    """
    stated = _criteria(answers)
    decided = _decide(stated, _rows(stated))
    return Recommendation(
        decided.framework,
        decided.scores,
        decided.reasons,
        decided.excluded,
        decided.tie_break,
        what_if(stated),
    )


def show(value: Value | None) -> str:
    """An answer in words, as the table and the decision record print it."""
    if value is None:
        return "not stated"
    return "yes" if value is True else "no" if value is False else str(value)


def what_if_in_words(recommendation: Recommendation) -> str:
    """The what-if list as one sentence: "Flask if: architecture = microservices, or ..."."""
    if not recommendation.what_if:
        return "No change of a single answer would change the recommendation."
    values: dict[str, list[str]] = {}
    for change in recommendation.what_if:
        values.setdefault(change.key, []).append(show(change.answer))
    other = recommendation.what_if[0].framework.capitalize()
    parts = [
        f"{key} = {', '.join(shown[:-1])} or {shown[-1]}"
        if len(shown) > 1
        else f"{key} = {shown[0]}"
        for key, shown in values.items()
    ]
    return f"{other} if: {', or '.join(parts)}."


@dataclass(frozen=True)
class Row:
    """One row of the recommendation table in words and numbers, for any renderer."""

    key: str
    criterion: str
    answer: str
    favours: str
    django: int
    flask: int
    points: int
    reason: str
    source: str


def table_rows(
    recommendation: Recommendation, answers: Mapping[str, Value] | None = None
) -> tuple[Row, ...]:
    """The rows the terminal and the decision record show, one per criterion.

    With ``answers`` (those the project was rendered with), a criterion not
    stated that configures the starter says which template default it got.
    """
    rows = []
    for reason in recommendation.reasons:
        answer = show(reason.answer)
        if answers is not None and not reason.stated and reason.key in answers:
            answer += f" (starter default: {show(answers[reason.key])})"
        rows.append(
            Row(
                reason.key,
                reason.criterion,
                answer,
                reason.favours or "neither",
                reason.django,
                reason.flask,
                reason.points,
                reason.reason,
                reason.source,
            )
        )
    return tuple(rows)


def refuse_excluded(
    framework: str, recommendation: Recommendation, field: str = "framework"
) -> None:
    """InputError when the answers rule ``framework`` out (Django with MongoDB)."""
    for excluded, why in recommendation.excluded.items():
        if excluded == framework:
            raise InputError(field, f"{framework} is ruled out: {why}")


def choose_framework(recommendation: Recommendation, wanted: str) -> Framework:
    """The framework to generate: the recommendation for ``auto``, else ``wanted`` if allowed."""
    for framework in FRAMEWORKS:
        if framework == wanted:
            refuse_excluded(framework, recommendation)
            return framework
    if wanted != "auto":
        raise InputError("framework", f"{wanted!r} is not one of auto, {', '.join(FRAMEWORKS)}")
    return recommendation.framework
