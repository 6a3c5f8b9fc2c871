"""What a generated project keeps about its own making.

``.scaffold.json`` holds the answers, the framework, the template fingerprint,
the git tree id of the pristine render (``pristine_tree``, see lifecycle)
(never a secret), so the project can be re-rendered or updated later, and
``not_stated``: the criteria the user left unanswered. Those cast no vote; the
ones that configure the starter are in ``answers`` with the template default
they got. (A record without ``not_stated`` was written by an earlier scaffold, which
recorded every answer: they are all taken as stated, see
lifecycle._recorded_answers.)
``docs/decisions/0001-framework-choice.md`` explains the framework choice to
the people who inherit the project. Both are deterministic: the same answers
give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from scaffold import __version__
from scaffold.answers import Answers
from scaffold.criteria import Value
from scaffold.decide import Recommendation, show, table_rows, what_if_in_words
from scaffold.errors import ProjectError
from scaffold.support import DJANGO_VERSIONS, SOURCE, WARNING_DAYS, Series

RECORD_FILE = ".scaffold.json"
DECISION_FILE = "docs/decisions/0001-framework-choice.md"


def django_series(answers: Mapping[str, Value]) -> Series | None:
    """The Django series a project is made with (None for a Flask project)."""
    version = answers.get("django_version")
    return DJANGO_VERSIONS[str(version)] if version is not None else None


def project_record(framework: str, answers: Answers, template_fingerprint: str) -> str:
    record: dict[str, object] = {
        "scaffold_version": __version__,
        "template": framework,
        "template_fingerprint": template_fingerprint,
        "answers": dict(sorted(answers.items())),
        "not_stated": list(answers.not_stated),
    }
    series = django_series(answers)
    if series is not None:
        record["support"] = {"series": series.name, "ends": series.ends, "source": SOURCE}
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def with_pristine_tree(text: str, tree: str) -> str:
    """The record ``text`` with ``pristine_tree`` set after the fingerprint.

    ``pristine_tree`` is the git tree id of the render the record belongs to,
    without the record itself (which cannot hold its own hash): the base that
    ``scaffold update`` merges from must have exactly that tree.
    """
    record = json.loads(text)
    ordered: dict[str, object] = {}
    for key, value in record.items():
        if key != "pristine_tree":
            ordered[key] = value
        if key == "template_fingerprint":
            ordered["pristine_tree"] = tree
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


def read_record(project: Path) -> dict[str, object]:
    """The record of a generated project; ProjectError if missing or unreadable."""
    path = project / RECORD_FILE
    try:
        # utf-8-sig: an editor on Windows may have saved it with a byte order mark.
        record = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProjectError(f"{project}: not a scaffold project (no {RECORD_FILE})") from None
    except (OSError, ValueError, RecursionError) as error:
        raise ProjectError(f"{path}: unreadable ({error})") from None
    if not isinstance(record, dict) or not isinstance(record.get("answers"), dict):
        raise ProjectError(f"{path}: unreadable (no 'answers' mapping)")
    if record.get("template") not in ("django", "flask"):
        raise ProjectError(f"{path}: unreadable ('template' must be django or flask)")
    return record


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _scoring(recommendation: Recommendation, answers: Mapping[str, Value]) -> list[str]:
    """The table with each row's points for each side, the totals and the what-if facts.

    ``answers`` are the answers the project was rendered with: a criterion not
    stated that configures the starter shows the template default it got.
    """
    lines = [
        "| Criterion | Answer | Django | Flask | Reason |",
        "|---|---|---|---|---|",
    ]
    for row in table_rows(recommendation, answers):
        lines.append(
            f"| {row.criterion} | {_cell(row.answer)} | {row.django} | {row.flask} | "
            f"{_cell(row.reason)} ({row.source}) |"
        )
    scores = recommendation.scores
    lines.append(f"| **Total** | | **{scores['django']}** | **{scores['flask']}** | |")
    stated = ", ".join(recommendation.stated) or "none"
    not_stated = ", ".join(recommendation.not_stated) or "none"
    lines += [
        "",
        f"Totals: Django {scores['django']}, Flask {scores['flask']}; "
        f"margin {recommendation.margin} ({recommendation.clarity}).",
    ]
    if recommendation.tie_break:
        lines.append(f"The points are level: {recommendation.tie_break}.")
    for framework, why in sorted(recommendation.excluded.items()):
        lines.append(f"{framework.capitalize()} was ruled out: {why}.")
    lines += [
        "",
        f"Stated: {stated}. Not stated (no vote): {not_stated}.",
        "",
        f"What would change the recommendation: {what_if_in_words(recommendation)}",
    ]
    return lines


def decision_record(
    recommendation: Recommendation, chosen: str, answers: Mapping[str, Value]
) -> str:
    """A Markdown decision record with the full recommendation table."""
    recommended = recommendation.framework
    if chosen == recommended:
        outcome = f"We chose **{chosen.capitalize()}**, as recommended."
    else:
        outcome = (
            f"We chose **{chosen.capitalize()}** although scaffold recommended "
            f"{recommended.capitalize()}: the team overrode the recommendation."
        )
    lines = [
        "# 1. Framework choice: Django or Flask",
        "",
        "## Status",
        "",
        "Accepted.",
        "",
        "## Context",
        "",
        "scaffold scored Django against Flask on the criteria of the article "
        "*Django vs Flask: Which Python Framework to Choose?*. Each answer below gave "
        "points to one framework, both, or neither; a criterion not stated gave none.",
        "",
        *_scoring(recommendation, answers),
        "",
        "## Decision",
        "",
        outcome,
        "",
        *_series_section(answers),
    ]
    return "\n".join(lines)


def _series_section(answers: Mapping[str, Value]) -> list[str]:
    series = django_series(answers)
    if series is None:
        return []
    kind = "a long-term support release" if series.lts else "the newest feature release"
    return [
        "## Django version",
        "",
        f"Django {series.name} (`django_version: {answers['django_version']}`), {kind}: "
        f"security fixes until the end of {series.ends_in_words}, as Django's supported versions "
        f"table gives it ({SOURCE}). `scaffold check` says when that is less than "
        f"{WARNING_DAYS} days away.",
        "",
    ]


def revisited(
    recommendation: Recommendation,
    framework: str,
    answers: Mapping[str, Value],
    changes: Mapping[str, Value],
    day: date,
) -> str:
    """A dated section for the decision record: the recommendation after ``update --set``.

    The project's framework never changes; the section says whether the
    recommendation still agrees with it, so the history of why stays in the project.
    """
    settings = " ".join(f"--set {key}={show(value)}" for key, value in changes.items())
    recommended = recommendation.framework
    if recommended == framework:
        outcome = f"The recommendation is still **{framework.capitalize()}**."
    else:
        outcome = (
            f"scaffold now recommends **{recommended.capitalize()}**; the project stays "
            f"{framework.capitalize()} (scaffold never switches a project's framework)."
        )
    lines = [
        "",
        f"## Revisited on {day.isoformat()}",
        "",
        f"`scaffold update {settings}` changed the answers; scored again:",
        "",
        *_scoring(recommendation, answers),
        "",
        outcome,
        "",
    ]
    return "\n".join(lines)
