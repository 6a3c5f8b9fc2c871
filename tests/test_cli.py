"""The command line, as a user meets it: flags, prompts, answers files, errors, JSON."""

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import __version__
from scaffold import render as render_module
from scaffold.cli import cli
from scaffold.criteria import QUESTIONS

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """A runner in an empty working directory, rendering the small fixture templates."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)
    return CliRunner()


@pytest.fixture
def terminal(monkeypatch):
    """Make scaffold believe stdin is a terminal, so that it prompts."""
    monkeypatch.setattr("scaffold.cli.stdin_is_terminal", lambda: True)


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, list(args), catch_exceptions=False, **kwargs)


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_scaffold_alone_shows_the_help_not_an_error(runner):
    result = runner.invoke(cli, [])
    assert result.output.startswith("Usage: ")
    assert "Commands:" in result.output and "Error" not in result.output


def test_criteria_lists_every_question_with_its_flag(runner):
    result = invoke(runner, "criteria")
    assert result.exit_code == 0
    for flag in (
        "--scale",
        "--architecture",
        "--security",
        "--api",
        "--admin",
        "--i18n",
        "--database",
        "--use-case",
        "--team-experience",
    ):
        assert f"({flag};" in result.output


def test_criteria_json(runner):
    data = json.loads(invoke(runner, "criteria", "--json").output)
    keys = [question["key"] for question in data["questions"]]
    assert {"scale", "architecture", "use_case", "team_experience"} <= set(keys)


def test_recommend_json_has_framework_scores_and_reasons(runner):
    result = invoke(
        runner,
        "recommend",
        "--no-input",
        "--json",
        "--architecture",
        "microservices",
        "--api",
        "rest",
        "--no-admin",
        "--scale",
        "small",
    )
    data = json.loads(result.stdout)
    assert data["framework"] == "flask"
    assert set(data["scores"]) == {"django", "flask"}
    assert {reason["key"] for reason in data["reasons"]} >= {"scale", "architecture", "api"}


def test_recommend_prints_a_table_with_a_reason_for_every_criterion(runner):
    result = invoke(runner, "recommend", "--no-input")
    assert result.exit_code == 0
    for criterion in (
        "Scalability",
        "Security",
        "Deployment architecture",
        "Learning curve",
        "Database compatibility",
        "API support",
        "Use case",
    ):
        assert criterion in result.output
    assert "Recommendation: Django" in result.output


def test_recommend_prompts_at_a_terminal(runner, terminal):
    # scale, performance, components, database tests, team, database, security,
    # architecture, api, admin, i18n, use case
    answers = "small\n\npick\nn\nbeginner\nmongodb\n\nmicroservices\nrest\nn\nn\niot\n"
    result = invoke(runner, "recommend", input=answers)
    assert result.exit_code == 0, result.output
    assert "How large will the project grow?" in result.output
    assert "Django is ruled out" in result.output
    assert "Recommendation: Flask" in result.output


def test_a_terminal_user_who_picks_sqlite_for_a_large_project_is_asked_again(runner, terminal):
    # scale, performance, components, database tests, team, then database twice
    answers = "large\n\n\n\n\nsqlite\nmysql\n" + "\n" * 6
    result = invoke(runner, "recommend", "--json", input=answers)
    assert result.exit_code == 0, result.output
    assert "Error: database: 'sqlite' cannot serve scale 'large'" in result.stderr
    assert json.loads(result.stdout)["answers"]["database"] == "mysql"


def test_closed_stdin_never_waits_and_says_what_was_not_stated(runner):
    result = runner.invoke(cli, ["recommend", "--scale", "large"], input="")
    assert result.exit_code == 0
    assert "stdin is not a terminal, so nothing is asked; not stated (no vote): performance" in (
        result.stderr
    )
    assert "scale," not in result.stderr


def test_flags_beat_the_answers_file_and_the_rest_is_not_stated(runner, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("scale: large\nsecurity: strict\n")
    result = invoke(
        runner, "recommend", "--answers", str(answers), "--scale", "small", "--no-input", "--json"
    )
    data = json.loads(result.stdout)
    assert data["answers"]["scale"] == "small"
    assert data["answers"]["security"] == "strict"
    assert "architecture" not in data["answers"] and "architecture" in data["not_stated"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "huge"], "Invalid value for '--scale': 'huge' is not one of 'small'"),
        (["--use-case", "game"], "Invalid value for '--use-case'"),
        (["--framework", "rails"], "Invalid value for '--framework'"),
        (["--bogus"], "No such option '--bogus'"),
        (["--answers", "missing.yaml"], "answers file missing.yaml: not found"),
        (["--project-slug", "../evil"], "project_slug: '../evil' is not allowed"),
        (["--project-slug", "json"], "project_slug: 'json' would shadow"),
        (["--email", "nobody"], "author_email: 'nobody' is not an e-mail address"),
        (["--description", "x" * 1000], "description: is 1000 characters long"),
        (["--framework", "django", "--database", "mongodb"], "framework: django is ruled out"),
        # Bytes that are not UTF-8 in an argument reach Python as lone surrogates.
        (["--project-name", "Caf\udce9"], "project_name: is not valid text"),
        (["--description", "Caf\udce9"], "description: is not valid text"),
        (["--author", "J\udcfcrgen"], "author_name: is not valid text"),
        (["--email", "j\udcfc@example.org"], "author_email: is not valid text"),
        (["--project-slug", "caf\udce9"], "project_slug: is not valid text"),
        (["-o", "site\n"], "Invalid value for '-o' / '--output-dir': must not contain control"),
        (["-o", "a\tb"], "Invalid value for '-o' / '--output-dir': must not contain control"),
        (["-o", "caf\udce9"], "Invalid value for '-o' / '--output-dir': is not valid text"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(runner, tmp_path, args, message):
    result = runner.invoke(cli, ["new", "demo_site", "--no-input", *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("日本語", "project_slug: '' must be 2 to 40 characters long (made from the project name"),
        ("Json", "project_slug: 'json' would shadow the Python or framework module of that name"),
    ],
)
def test_a_package_name_made_from_the_project_name_says_how_to_choose_one(
    runner, tmp_path, name, message
):
    result = runner.invoke(cli, ["new", name, "--no-input", "--json"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.endswith("give one with --project-slug)\n")
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("given", "typed", "message"),
    [
        ([], b"sm\xe9ll\n", "scale: is not valid text"),
        # Every criterion and the framework answered: the project name is asked first.
        (["--framework", "django"], b"Caf\xe9\n", "project_name: is not valid text"),
    ],
)
def test_bytes_typed_at_a_prompt_that_are_not_utf8_are_refused(
    runner, terminal, tmp_path, given, typed, message
):
    answers = tmp_path.parent / f"{tmp_path.name}-answers.json"
    every_criterion = {question.key: question.values[0] for question in QUESTIONS}
    answers.write_text(json.dumps(every_criterion), encoding="utf-8")
    args = ["--answers", str(answers), *given] if given else []
    result = runner.invoke(cli, ["new", *args], input=typed)
    assert result.exit_code == 2, result.output
    assert (
        result.stderr.strip().splitlines()[-1] == f"Error: {message} (undecodable bytes); use UTF-8"
    )
    assert list(tmp_path.iterdir()) == []


def test_bad_key_in_answers_file_names_it(runner, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text('{"scale": "large", "colour": "red"}')
    result = runner.invoke(cli, ["new", "demo_site", "--no-input", "--answers", str(answers)])
    assert result.exit_code == 2
    assert "colour: unknown key; allowed keys:" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["answers.json"]


def test_new_no_input_renders_the_recommended_template(runner, tmp_path):
    result = invoke(runner, "new", "My Site", "--no-input")
    assert result.exit_code == 0, result.output
    project = tmp_path / "my_site"
    assert (project / "README.md").read_text().startswith("# My Site")
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template"] == "django"
    assert record["answers"]["project_slug"] == "my_site"
    assert record["template_fingerprint"].startswith("sha256:")
    decision = (project / "docs/decisions/0001-framework-choice.md").read_text()
    assert "| Scalability | not stated (starter default: small) | 0 | 0 |" in decision
    assert record["not_stated"] == [question.key for question in QUESTIONS]
    assert "Next steps:" in result.output and "cd my_site" in result.output


def test_new_at_a_terminal_accepts_or_overrides_the_recommendation(runner, terminal, tmp_path):
    criteria = "\n" * 12
    override = "flask\n"
    texts = "Shop\n\nSells things\nAda\nada@example.org\n"
    result = invoke(runner, "new", input=criteria + override + texts)
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "shop/.scaffold.json").read_text())
    assert record["template"] == "flask"
    assert record["answers"]["author_email"] == "ada@example.org"
    decision = (tmp_path / "shop/docs/decisions/0001-framework-choice.md").read_text()
    assert "overrode the recommendation" in decision


def test_new_at_a_terminal_asks_again_after_a_bad_slug(runner, terminal, tmp_path):
    answers = "\n" * 13 + "Json\njson\ngood_name\n\n\n\n"
    result = invoke(runner, "new", input=answers)
    assert result.exit_code == 0, result.output
    assert "project_slug: 'json' would shadow" in result.output
    assert (tmp_path / "good_name/.scaffold.json").exists()


def test_new_json_summary(runner, tmp_path):
    result = invoke(runner, "new", "demo_site", "--no-input", "--json", "--database", "redis")
    data = json.loads(result.stdout)
    assert data["path"] == str(tmp_path / "demo_site")
    assert data["framework"] == "flask"
    assert data["answers"]["database"] == "redis"
    assert "README.md" in data["files"] and ".scaffold.json" in data["files"]


@pytest.mark.parametrize("stderr", ["", "2>&-"], ids=["stderr", "stderr closed"])
def test_json_stays_parseable_when_a_template_hook_prints(tmp_path, stderr):
    templates = tmp_path / "templates"
    shutil.copytree(FIXTURE_TEMPLATES, templates)
    hook = templates / "django/hooks/post_gen_project.py"
    hook.write_text(hook.read_text() + 'print("Note: from the hook")\n')
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scaffold import cli, render\n"
        f"render.templates_root = lambda: Path({str(templates)!r})\n"
        "sys.argv = ['scaffold', 'new', 'demo_site', '--no-input', '--json', '--no-git']\n"
        "cli.main()\n"
    )
    command = f"{shlex.quote(sys.executable)} -c {shlex.quote(code)} {stderr}"
    done = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["path"] == str(tmp_path / "demo_site")
    assert ("Note: from the hook" in done.stderr) == (not stderr)


@pytest.mark.parametrize(
    ("output_dir", "cd"),
    [("demo_site", "cd demo_site"), ("my site", "cd 'my site'"), ("it's", "cd 'it'\"'\"'s'")],
)
def test_next_steps_cd_line_can_be_pasted_into_a_shell(runner, output_dir, cd):
    result = invoke(runner, "new", "demo_site", "--no-input", "--no-git", "-o", output_dir)
    assert result.exit_code == 0, result.output
    assert f"\n  {cd}\n" in result.stdout


def test_output_dir_is_the_project_directory(runner, tmp_path):
    result = invoke(runner, "new", "demo_site", "--no-input", "-o", "deep/down/here")
    assert result.exit_code == 0
    assert (tmp_path / "deep/down/here/.scaffold.json").exists()


def test_dry_run_lists_files_and_writes_nothing(runner, tmp_path):
    result = invoke(runner, "new", "demo_site", "--no-input", "--dry-run")
    assert result.exit_code == 0
    assert "Would write" in result.output and "README.md" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["--help"], ["new", "--help"], ["--version"]])
def test_help_neither_imports_cookiecutter_nor_reads_templates(args):
    code = (
        "import sys\n"
        "from scaffold import render\n"
        "render.templates_root = lambda: 1 / 0\n"
        "from scaffold.cli import cli\n"
        f"try:\n    cli.main({args!r}, prog_name='scaffold')\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "assert not [m for m in sys.modules if m.startswith(('cookiecutter', 'yaml', 'rich'))]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_python_dash_m_scaffold():
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"scaffold, version {__version__}"


def test_end_of_input_at_a_prompt_is_an_interruption(runner, terminal, tmp_path):
    result = runner.invoke(cli, ["new"], input="small\n")
    assert result.exit_code == 130
    assert "Interrupted." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_large_projects_default_to_postgresql(runner):
    result = invoke(runner, "new", "big", "--no-input", "--json", "--dry-run", "--scale", "large")
    data = json.loads(result.stdout)
    assert data["answers"]["database"] == "postgresql" and "database" in data["not_stated"]


def test_large_on_sqlite_is_refused_before_rendering(runner, tmp_path):
    result = runner.invoke(
        cli, ["new", "demo_site", "--no-input", "--scale", "large", "--database", "sqlite"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: database: 'sqlite' cannot serve scale 'large'")
    assert list(tmp_path.iterdir()) == []


def test_json_at_a_terminal_keeps_stdout_for_the_json(runner, terminal, tmp_path):
    answers = "\n" * 12 + "\n" + "Shop\n\n\n\n\n"
    result = invoke(runner, "new", "--json", "--no-git", input=answers)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == str(tmp_path / "shop")
    assert "Recommendation: Django" in result.stderr
