"""Random text for every text option, through flags and through answers files.

Whatever the text, ``scaffold new`` exits 0 or 2 and never prints a traceback;
on 2 it wrote nothing; on 0 the project is what scaffold promises. The first
test runs the small fixture templates (seconds, in the quick suite); the second
bakes the real templates and lints what it baked (marked ``generated``).
"""

import ast
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold import render as render_module
from scaffold.cli import cli

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"

# Any character, lone surrogates (what undecodable bytes become) included, with
# the troublemakers met so far drawn more often.
TRICKY = (
    "\N{RIGHT SINGLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}\N{LEFT DOUBLE QUOTATION MARK}"
    "\N{RIGHT DOUBLE QUOTATION MARK}\N{EN DASH}\N{EM DASH}\N{HORIZONTAL ELLIPSIS}\N{NO-BREAK SPACE}"
    "\N{ZERO WIDTH SPACE}\N{RIGHT-TO-LEFT OVERRIDE}\N{COMBINING ACUTE ACCENT}Москвао日本\\\"'{}%#<>"
    "@,;.\x0a\x09\x00\x7f"
)
_character = st.one_of(st.characters(exclude_categories=()), st.sampled_from(TRICKY))
TEXT = st.one_of(
    st.text(_character, max_size=40),
    st.text(_character, min_size=290, max_size=320),  # around the description's limit
)
VALUES = {
    "project_name": TEXT,
    "project_slug": st.one_of(TEXT, st.from_regex(r"[a-z][a-z0-9_]{1,39}", fullmatch=True)),
    "description": TEXT,
    "author_name": TEXT,
    "author_email": st.one_of(TEXT, st.emails()),
}
ANSWERS = st.fixed_dictionaries({}, optional=VALUES)
# For the baking test, mostly answers that can pass: a package name given, so
# random text in the other options is what decides.
LIKELY = st.fixed_dictionaries(
    {"project_slug": st.from_regex(r"[a-z][a-z0-9_]{1,30}x", fullmatch=True)},
    optional={key: VALUES[key] for key in ("project_name", "description", "author_name")},
)
FLAGS = {"project_name": "--project-name", "project_slug": "--project-slug"}


def _arguments(answers: dict[str, str], via_file: bool, workdir: Path) -> list[str]:
    if via_file:  # as json.dump writes it: lone surrogates and emoji as \u escapes
        path = workdir / "answers.json"
        path.write_text(json.dumps(answers), encoding="ascii")
        return ["--answers", str(path)]
    return [
        f"{FLAGS.get(key, '--' + key.replace('_', '-'))}={value}" for key, value in answers.items()
    ]


def _run(answers: dict[str, str], via_file: bool, framework: str, workdir: Path):
    target = workdir / "project"
    arguments = _arguments(answers, via_file, workdir)
    result = CliRunner().invoke(
        cli,
        ["new", "--no-input", "--no-git", "--framework", framework, "-o", str(target), *arguments],
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: the test fails showing it
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        left = sorted(path.name for path in workdir.iterdir())
        assert left == (["answers.json"] if via_file else [])
        return None
    return target


@pytest.fixture
def fixture_templates(monkeypatch):
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=ANSWERS, via_file=st.booleans(), framework=st.sampled_from(["django", "flask"]))
def test_random_text_is_refused_in_one_line_or_rendered(
    fixture_templates, answers, via_file, framework
):
    with tempfile.TemporaryDirectory() as workdir:
        target = _run(answers, via_file, framework, Path(workdir))
        if target is not None:
            record = json.loads((target / ".scaffold.json").read_text(encoding="utf-8"))
            for key in ("project_slug", "author_email"):  # taken as given, or refused
                if key in answers:
                    assert record["answers"][key] == answers[key].strip()


def _lint(project: Path) -> None:
    import tomllib  # Python 3.11+, as the generated projects

    for path in project.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path))
    tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    ruff = [sys.executable, "-m", "ruff"]
    checked = subprocess.run([*ruff, "check", "."], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    carrying_text = [*project.glob("*/config.py"), *project.glob("config/settings/base.py")]
    formatted = subprocess.run(
        [*ruff, "format", "--check", *map(str, carrying_text)], capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stdout


@pytest.mark.generated
@pytest.mark.skipif(sys.version_info < (3, 11), reason="generated projects need Python 3.11+")
@settings(max_examples=12, deadline=None)
@given(answers=LIKELY, via_file=st.booleans(), framework=st.sampled_from(["django", "flask"]))
def test_random_accepted_text_makes_a_project_that_passes_its_own_lint(
    answers, via_file, framework
):
    with tempfile.TemporaryDirectory() as workdir:
        target = _run(answers, via_file, framework, Path(workdir))
        if target is not None:
            _lint(target)
