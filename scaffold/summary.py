"""The Markdown body of a pull request for an update (``scaffold update --pr-body FILE``).

A pure function of what ``update`` (or ``update --plan``) returned, so the text
a bot posts says exactly what the update did or would do.
"""

from __future__ import annotations

from scaffold.decide import show
from scaffold.lifecycle import CHANGING, FileChange, UpdateResult

# What each status means, for a reviewer who has not read the docs. "The render" is
# the installed templates rendered with the project's answers (as changed, if any).
MEANINGS = {
    "added": "new in the render",
    "removed": "no longer rendered; you had not changed it",
    "updated": "the render changed it; you had not",
    "merged": "the render and you changed it; merged cleanly",
    "conflict": "the render and you changed the same lines: **resolve**",
    "kept-deleted": "the render changed it, but you had deleted it: stays deleted",
    "kept": "no longer rendered, but you changed it: kept",
}


def pull_request_body(result: UpdateResult) -> str:
    """Versions, changed answers, the plan table, conflicts to resolve, the re-decision."""
    lines = [f"## scaffold update: {result.project_version} → {result.template_version}", ""]
    if result.current:
        lines += ["Nothing to update: the project matches the installed templates.", ""]
        return "\n".join(lines)
    if result.plan or result.dry_run:
        lines.append("A plan: nothing has been changed yet.")
    elif result.commit:
        lines.append(f"Committed as `{result.commit[:12]}`.")
    else:
        lines.append("Merged with conflicts left to resolve (the merge is in progress).")
    lines += [
        "",
        "| | scaffold | templates |",
        "|---|---|---|",
        f"| project | {result.project_version} | `{_short(result.project_templates)}` |",
        f"| installed | {result.template_version} | `{_short(result.current_templates)}` |",
        "",
    ]
    if result.answers_changed:
        lines += ["### Changed answers", "", "| answer | before | after |", "|---|---|---|"]
        for answer in result.answers_changed:
            before = _code(show(answer.before)) if answer.before is not None else "—"
            if not answer.stated_before:
                before += " (not stated)"
            lines.append(f"| `{answer.key}` | {before} | {_code(show(answer.after))} |")
        lines.append("")
    touched = sum(change.status in CHANGING for change in result.files)
    lines += [
        f"### Files ({len(result.files)} touched, {touched} changed)",
        "",
        "The render is the installed templates with the project's answers.",
        "",
        "| file | status | meaning |",
        "|---|---|---|",
        *(f"| {_code(c.path)} | {c.status} | {_meaning(c)} |" for c in result.files),
        "",
    ]
    conflicts = [change for change in result.files if change.status == "conflict"]
    if conflicts:
        lines += [f"### Conflicts to resolve ({len(conflicts)})", ""]
        for change in conflicts:
            if change.binary:
                lines.append(
                    f"- [ ] {_code(change.path)}: binary; yours is in place, the render's "
                    f"in {_code(change.path + '.theirs')}: keep one, delete the `.theirs` file"
                )
            else:
                lines.append(f"- [ ] {_code(change.path)}: edit the conflict markers")
        lines += ["", "Then `git add` the files and `git commit`.", ""]
    if result.recommendation is not None:
        decided = result.recommendation
        lines += [
            "### The decision, revisited",
            "",
            f"A changed criterion scored the answers again: Django {decided.scores['django']}, "
            f"Flask {decided.scores['flask']}; scaffold recommends "
            f"**{decided.framework.capitalize()}**.",
        ]
        if result.notice:
            lines += ["", f"> {result.notice}"]
        lines += ["", "The decision record gets this section:", "", "<details>", ""]
        lines += [*(result.revisited or "").strip("\n").splitlines(), "", "</details>", ""]
    return "\n".join(lines)


def _short(fingerprint: str) -> str:
    return fingerprint.removeprefix("sha256:")[:12]


def _meaning(change: FileChange) -> str:
    if change.binary:
        return "binary, changed by both: **resolve** (the render's beside it as `.theirs`)"
    return MEANINGS[change.status]


def _code(text: str) -> str:
    """``text`` as a Markdown code span inside a table cell."""
    fence = "``" if "`" in text else "`"
    padded = f" {text} " if fence == "``" else text
    return f"{fence}{padded}{fence}".replace("|", "\\|")
