"""The library API: what the commands do, without Click.

    from pathlib import Path
    from scaffold import create_project

    created = create_project({"project_name": "Billing", "api": "rest"}, Path("billing"))
    print(created.framework, len(created.files))

Nothing here prompts, prints or exits (a template's hook may print a note on
stderr). Rendering changes process-wide state while it runs (the working
directory during the hooks, ``tempfile.tempdir``, ``sys.path``): one project at
a time per process. Answers are plain mappings of the keys
of ``scaffold new``; as under ``--no-input``, a criterion missing is not stated
(no vote; the starter option it configures takes the template's default) and a
missing text option takes its default;
failures are the ``ScaffoldError`` subclasses of :mod:`scaffold.errors`.
``check_project`` is :func:`scaffold.lifecycle.check`; ``update_project`` is
:func:`scaffold.lifecycle.update` holding the project (see :mod:`scaffold.lock`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scaffold import decide, lifecycle, render
from scaffold.answers import CRITERIA_KEYS, Answers, clean, complete, with_starter_defaults
from scaffold.criteria import Framework, Value
from scaffold.decide import Recommendation, choose_framework
from scaffold.lifecycle import UpdateResult
from scaffold.lifecycle import check as check_project
from scaffold.lock import claim
from scaffold.record import decision_record

__all__ = ["Created", "check_project", "create_project", "recommend", "update_project"]


@dataclass(frozen=True)
class Created:
    """A project ``create_project`` generated (or, with ``dry_run``, would generate)."""

    path: Path
    framework: Framework
    answers: Answers
    recommendation: Recommendation
    files: tuple[str, ...]
    git: str  # "initialised", "skipped: <why>" or "failed: <why>" (lifecycle.init_baseline)
    dry_run: bool


def recommend(answers: Mapping[str, object]) -> Recommendation:
    """Score Django against Flask on the criteria given; those missing cast no vote."""
    return decide.recommend(complete(clean(answers), keys=CRITERIA_KEYS).criteria)


def create_project(
    answers: Mapping[str, object],
    target: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
    git: bool = True,
) -> Created:
    """Validate, decide, render with the records, and make the git baseline.

    ``target`` is the project directory. ``framework`` among the answers may be
    ``auto`` (the default: follow the recommendation), ``django`` or ``flask``;
    a framework the answers rule out is refused. Ctrl-C takes back what was written.
    """
    completed = complete(answers if isinstance(answers, Answers) else clean(answers))
    recommendation = decide.recommend(completed.criteria)
    framework = choose_framework(recommendation, str(completed.get("framework", "auto")))
    final = with_starter_defaults(
        Answers({**completed, "framework": framework}, completed.stated),
        render.starter_defaults(framework),
    )
    decision = decision_record(recommendation, framework, final)
    with contextlib.ExitStack() as writing:
        if not dry_run:
            writing.enter_context(render.removed_if_interrupted(target))
            writing.enter_context(claim(target))
        rendered = render.render_project(
            framework, final, target, decision, force=force, dry_run=dry_run
        )
        if dry_run:
            baseline = "skipped: dry run"
        else:
            baseline = lifecycle.init_baseline(
                rendered.path, rendered.files, framework, rendered.fingerprint, wanted=git
            )
    return Created(
        rendered.path, framework, final, recommendation, rendered.files, baseline, dry_run
    )


def update_project(
    project: Path,
    changes: Mapping[str, Value] | None = None,
    *,
    dry_run: bool = False,
    plan: bool = False,
) -> UpdateResult:
    """Merge the current templates into ``project``; another run holding it is refused.

    A ``plan`` writes nothing, not even the lock file: it is a reader, like ``check``.
    """
    if plan:
        return lifecycle.update(project, changes, plan=True)
    with claim(project, field=str(project)):
        return lifecycle.update(project, changes, dry_run=dry_run)
