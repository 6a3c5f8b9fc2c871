"""The recommendation as `scaffold recommend` and `scaffold new` show it: only stated answers
vote, the table adds up, and it says what would change the choice."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import render as render_module
from scaffold.cli import cli
from scaffold.criteria import QUESTIONS, QUESTIONS_BY_KEY
from scaffold.decide import show

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
README_CI_ANSWERS = README.split("cat > answers.yaml <<'YAML'\n", 1)[1].split("YAML\n", 1)[0]


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)
    return CliRunner()


def recommend_json(runner, *args):
    result = runner.invoke(cli, ["recommend", "--no-input", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "framework"),
    [
        ([], "django"),
        (["--architecture", "microservices"], "flask"),
        (["--use-case", "iot"], "flask"),
        (["--team-experience", "beginner"], "flask"),
        (["--scale", "small"], "flask"),
        (["--performance", "critical"], "flask"),
        (["--components", "pick"], "flask"),
        (["--database", "mongodb"], "flask"),
        (["--scale", "large"], "django"),
        (["--security", "strict"], "django"),
        (["--admin"], "django"),
        (["--i18n"], "django"),
        (["--use-case", "healthcare"], "django"),
    ],
)
def test_a_single_answer_decides_by_its_lean(runner, args, framework):
    data = recommend_json(runner, *args)
    assert data["framework"] == framework
    assert len(data["not_stated"]) == len(QUESTIONS) - (1 if args else 0)


def test_unanswered_questions_are_not_stated_in_json(runner):
    data = recommend_json(runner, "--architecture", "microservices")
    assert data["answers"] == {"architecture": "microservices"}
    rows = {row["key"]: row for row in data["reasons"]}
    assert rows["admin"] == {**rows["admin"], "answer": None, "stated": False, "django": 0}
    assert rows["architecture"]["stated"] and rows["architecture"]["flask"] == 4
    assert data["scores"] == {"django": 0, "flask": 4}


def test_what_if_in_json_lists_single_changes_with_booleans_as_booleans(runner):
    data = recommend_json(runner, "--scale", "small", "--i18n")
    assert {"key": "admin", "answer": True, "framework": "django"} in data["what_if"]
    assert all(set(change) == {"key", "answer", "framework"} for change in data["what_if"])
    for change in data["what_if"]:
        flag = f"--{change['key'].replace('_', '-')}"
        value = change["answer"]
        args = [flag if value else f"--no-{flag[2:]}"] if isinstance(value, bool) else [flag, value]
        again = recommend_json(runner, "--scale", "small", "--i18n", *args)
        assert again["framework"] == change["framework"]


def test_the_printed_table_adds_up_and_ends_with_what_if(runner):
    # Wide enough that no cell wraps: one line per row (terminal.py wraps cells to fit).
    args = ["recommend", "--no-input", "--architecture", "microservices"]
    result = runner.invoke(cli, args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    header = ["Criterion", "Answer", "Django", "Flask", "Reason (article)"]
    assert re.split(r"\s{2,}", lines[1].strip()) == header
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[3 : 3 + len(QUESTIONS)]]
    assert sum(int(row[2]) for row in rows) == 0 and sum(int(row[3]) for row in rows) == 4
    assert [
        "Use case",
        "not stated",
        "0",
        "0",
        "not stated: no vote (table, 'Primary Use Cases')",
    ] in rows
    assert "Django 0, Flask 4: margin 4" in result.output
    assert lines[-2:] == ["Recommendation: Flask", "Django if: architecture = monolith."]


def test_enter_at_a_prompt_leaves_the_question_not_stated(runner, monkeypatch):
    monkeypatch.setattr("scaffold.cli.stdin_is_terminal", lambda: True)
    # One line per question, in the order asked: the architecture typed, Enter at every other.
    answered = {"architecture": "microservices"}
    typed = "".join(f"{answered.get(question.key, '')}\n" for question in QUESTIONS)
    result = runner.invoke(cli, ["recommend", "--json"], input=typed)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"] == {"architecture": "microservices"}
    assert data["framework"] == "flask"
    assert "Enter: not stated" in result.stderr


def test_the_readme_ci_example_makes_a_flask_service(runner, tmp_path):
    (tmp_path / "answers.yaml").write_text(README_CI_ANSWERS)
    result = runner.invoke(
        cli,
        ["new", "--answers", "answers.yaml", "--no-input", "--json", "-o", "services/billing"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["framework"] == "flask"
    assert data["recommendation"]["what_if"] == [
        {"key": "architecture", "answer": "monolith", "framework": "django"}
    ]
    assert data["not_stated"] == [
        "scale",
        "performance",
        "components",
        "database_tests",
        "team_experience",
        "admin",
        "i18n",
        "use_case",
    ]
    # The starter options not stated take the Flask template's defaults.
    assert (data["answers"]["admin"], data["answers"]["scale"]) == (True, "small")
    record = json.loads((tmp_path / "services/billing/.scaffold.json").read_text())
    assert record["not_stated"] == data["not_stated"]
    assert "use_case" not in record["answers"]


def test_the_decision_record_of_new_shows_stated_points_and_what_if(runner, tmp_path):
    result = runner.invoke(
        cli, ["new", "shop", "--no-input", "--use-case", "e-commerce", "--admin", "--i18n"]
    )
    assert result.exit_code == 0, result.output
    decision = (tmp_path / "shop/docs/decisions/0001-framework-choice.md").read_text()
    assert "| Admin interface | yes | 2 | 0 |" in decision
    assert "| Use case | e-commerce | 1 | 1 |" in decision
    assert "| Scalability | not stated (starter default: small) | 0 | 0 |" in decision
    assert "| **Total** | | **4** | **1** | |" in decision
    assert "Stated: admin, i18n, use_case." in decision
    assert "What would change the recommendation: Flask if: " in decision


def test_criteria_lists_not_stated_as_no_points(runner):
    result = runner.invoke(cli, ["criteria"])
    assert result.exit_code == 0
    assert result.output.count("not stated     django +0  flask +0") == len(QUESTIONS)
    assert "A question not answered is not stated: it casts no vote." in result.output


def _readme_questions():
    """The README's questions table: flag's key -> (Django cell, Flask cell, neither cell)."""
    table = README.split("| Flag | Criterion | Leans Django (points) |", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        key = cells[0].strip("`").split()[0].split("/")[0].removeprefix("--").replace("-", "_")
        rows[key] = cells[2:]
    return rows


def _claimed(cell):
    """(value, points) pairs of a cell such as "`standard` +1, `strict` +2"."""
    found = []
    for group in re.findall(r"((?:`[^`]+` ?)+)\+(\d)", cell):
        found += [(value, int(group[1])) for value in re.findall(r"`([^`]+)`", group[0])]
    return set(found)


def test_the_readme_questions_table_is_the_scoring():
    rows = _readme_questions()
    assert set(rows) == set(QUESTIONS_BY_KEY)
    for key, (django, flask, neither) in rows.items():
        choices = QUESTIONS_BY_KEY[key].choices
        shown = {choice.leans: set() for choice in choices}
        for choice in choices:
            shown[choice.leans].add((show(choice.value), choice.django + choice.flask))
        assert _claimed(django) == shown.get("django", set()), key
        assert _claimed(flask) == shown.get("flask", set()), key
        assert set(re.findall(r"`([^`]+)`", neither)) == {v for v, _ in shown.get(None, set())}
    assert "**Django is ruled out**" in rows["database"][1]
