"""The command line, as a user meets it: flags, prompts, answers files, errors, JSON."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from scaffold import __version__
from scaffold import render as render_module
from scaffold.cli import FIRST_TEXT, cli, last_text
from scaffold.criteria import QUESTIONS

FIXTURE_TEMPLATES = Path(__file__).parent / "fixtures" / "templates"

# The prompts of `scaffold new` at a terminal, in the order it asks them.
NEW_PROMPTS = (
    *FIRST_TEXT,
    *(q.key for q in QUESTIONS),
    "framework",
    "django_version",  # asked of a Django project only
    *last_text(),
    "confirm",
)
RECOMMEND_PROMPTS = tuple(question.key for question in QUESTIONS)


def conversation(prompts=NEW_PROMPTS, *, given=(), **answers):
    """Standard input for a conversation: one line per prompt, in the order asked.

    ``answers`` are typed at their prompts, every other prompt gets Enter (its
    default); ``given`` names the answers given by flags, which are not asked.
    A list answers a prompt several times (a refused answer, then another).
    """
    lines = []
    for key in prompts:
        if key in given:
            continue
        typed = answers.pop(key, "")
        lines += typed if isinstance(typed, list) else [typed]
    assert not answers, f"not prompts: {sorted(answers)}"
    return "".join(f"{line}\n" for line in lines)


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """A runner in an empty working directory, rendering the small fixture templates.

    git's configuration is an empty file of the test's own, so the author
    defaults never come from the machine the tests run on.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render_module, "templates_root", lambda: FIXTURE_TEMPLATES)
    gitconfig = tmp_path.parent / f"{tmp_path.name}.gitconfig"
    gitconfig.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(variable, raising=False)
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
    result = invoke(runner, "recommend", "--no-input", env={"COLUMNS": "200"})
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
    answers = conversation(
        RECOMMEND_PROMPTS,
        scale="small",
        components="pick",
        database_tests="n",
        team_experience="beginner",
        database="mongodb",
        architecture="microservices",
        api="rest",
        admin="n",
        i18n="n",
        use_case="iot",
    )
    result = invoke(runner, "recommend", input=answers)
    assert result.exit_code == 0, result.output
    assert "How many people will use it, and how far must it grow?" in result.output
    assert "Django is ruled out" in result.output
    assert "Recommendation: Flask" in result.output


def test_a_terminal_user_who_picks_sqlite_for_a_large_project_is_asked_again(runner, terminal):
    answers = conversation(RECOMMEND_PROMPTS, scale="large", database=["sqlite", "mysql"])
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
        # The name given: the first criterion is asked first.
        (["Shop", "--project-slug", "shop"], b"sm\xe9ll\n", "scale: is not valid text"),
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
    args = ["--answers", str(answers), *given] if "--framework" in given else given
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
    answers = conversation(
        project_name="Shop",
        framework="flask",
        description="Sells things",
        author_name="Ada",
        author_email="ada@example.org",
    )
    result = invoke(runner, "new", input=answers)
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "shop/.scaffold.json").read_text())
    assert record["template"] == "flask"
    assert record["answers"]["author_email"] == "ada@example.org"
    decision = (tmp_path / "shop/docs/decisions/0001-framework-choice.md").read_text()
    assert "overrode the recommendation" in decision


def test_new_at_a_terminal_asks_again_after_a_bad_slug(runner, terminal, tmp_path):
    answers = conversation(project_name="Json", project_slug=["json", "good_name"])
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
        "heavy = ('cookiecutter', 'jinja2', 'binaryornot', 'scaffold.generate', 'scaffold.decide',"
        " 'yaml', 'rich')\n"
        "assert not [m for m in sys.modules if m.startswith(heavy)]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_load_no_data_nor_pathlib(args):
    """The start-up budget (benchmarks/bench_cli.py): the criteria and answers data,
    and pathlib, are loaded by the commands that use them."""
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from scaffold.cli import cli\n"
        f"try:\n    cli.main({args!r}, prog_name='scaffold')\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "unwanted = ('pathlib', 'dataclasses', 'scaffold.answers', 'scaffold.criteria',"
        " 'scaffold.rules', 'scaffold.support', 'scaffold.render', 'scaffold.terminal')\n"
        "loaded = [m for m in set(sys.modules) - before if m in unwanted]\n"
        "assert not loaded, loaded\n"
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
    result = runner.invoke(cli, ["new"], input=conversation(NEW_PROMPTS[:3], scale="small"))
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
    answers = conversation(project_name="Shop")
    result = invoke(runner, "new", "--json", "--no-git", input=answers)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == str(tmp_path / "shop")
    assert "Recommendation: Django" in result.stderr


# -- the conversation of `scaffold new` at a terminal ---------------------------------


@pytest.mark.parametrize(
    ("scale", "not_asked"),
    [("large", {"scale"}), ("small", {"scale", "django_version"})],  # Django, then Flask
)
def test_every_prompt_shows_its_place_in_the_conversation(runner, terminal, scale, not_asked):
    result = invoke(runner, "new", "--scale", scale, input=conversation(given=not_asked))
    assert result.exit_code == 0, result.output
    unnumbered = {*not_asked, "framework", "django_version", "confirm"}
    asked = [key for key in NEW_PROMPTS if key not in unnumbered]
    markers = re.findall(r"\[(\d+)/(\d+)\]", result.output)
    assert markers == [(str(n), str(len(asked))) for n in range(1, len(asked) + 1)]
    assert ("Django release series (current: Django 6.1" in result.output) == (scale == "large")


def test_a_taken_directory_is_refused_before_the_other_questions(runner, terminal, tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/notes.txt").write_text("mine")
    answers = conversation(NEW_PROMPTS[:2], project_name="Shop")  # asked again:
    answers += conversation(project_name="Shop Two")
    result = invoke(runner, "new", input=answers)
    assert result.exit_code == 0, result.output
    refused = result.output.index("shop already exists and is not empty")
    assert refused < result.output.index(QUESTIONS[0].prompt)
    assert "Choose another name." in result.output
    assert (tmp_path / "shop_two/.scaffold.json").exists()
    assert sorted(path.name for path in (tmp_path / "shop").iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    "args", [["-o", "shop"], ["Shop", "--no-input"]], ids=["-o at a terminal", "--no-input"]
)
def test_a_taken_directory_given_outright_ends_the_run_at_once(runner, terminal, tmp_path, args):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/notes.txt").write_text("mine")
    result = runner.invoke(cli, ["new", *args], input=conversation(NEW_PROMPTS[:2]))
    assert result.exit_code == 2
    assert "shop already exists and is not empty; use --force" in result.stderr
    assert QUESTIONS[0].prompt not in result.output and "Recommendation" not in result.output


def test_force_lets_the_conversation_go_on_into_a_taken_directory(runner, terminal, tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/notes.txt").write_text("mine")
    result = invoke(runner, "new", "Shop", "--force", input=conversation(given={"project_name"}))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "shop/.scaffold.json").exists() and (tmp_path / "shop/notes.txt").exists()


def _set_git_identity(tmp_path, text):
    gitconfig = tmp_path.parent / f"{tmp_path.name}.gitconfig"
    gitconfig.write_text(text)


@pytest.mark.parametrize(
    ("gitconfig", "author", "email"),
    [
        (
            "[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n",
            "Ada Lovelace",
            "ada@example.org",
        ),
        ("[user]\n\tname = Ada Lovelace\n", "Ada Lovelace", ""),
        ("[user]\n\temail = not-an-address\n", "", ""),
        ("", "", ""),
    ],
    ids=["name and e-mail", "name only", "unusable e-mail", "no identity"],
)
def test_author_defaults_come_from_git_never_placeholders(
    runner, tmp_path, gitconfig, author, email
):
    _set_git_identity(tmp_path, gitconfig)
    result = invoke(runner, "new", "demo_site", "--no-input", "--json", "--no-git")
    answers = json.loads(result.stdout)["answers"]
    assert (answers["author_name"], answers["author_email"]) == (author, email)


def test_the_author_prompt_offers_the_git_identity(runner, terminal, tmp_path):
    _set_git_identity(tmp_path, "[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n")
    result = invoke(runner, "new", "--no-git", input=conversation(project_name="Shop"))
    assert result.exit_code == 0, result.output
    assert "Author [Ada Lovelace]:" in result.output
    assert "Author e-mail [ada@example.org]:" in result.output


def test_the_summary_names_framework_directory_and_what_shapes_the_starter(
    runner, terminal, tmp_path
):
    answers = conversation(project_name="Shop", security="strict", api="rest")
    result = invoke(runner, "new", "--no-git", input=answers, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    summary = result.output[result.output.index("About to write:") :]
    assert re.search(r"framework +Django, as recommended\.", summary)
    assert re.search(rf"directory +{re.escape(str(tmp_path / 'shop'))}", summary)
    assert re.search(r"security +strict - sensitive data such as health or money", summary)
    assert re.search(r"api +rest - yes, a JSON REST API", summary)
    assert "performance" not in summary  # moves the recommendation only
    assert "Write the project? [Y/n]:" in summary
    assert (tmp_path / "shop/.scaffold.json").exists()


def test_no_at_the_summary_writes_nothing(runner, terminal, tmp_path):
    result = runner.invoke(cli, ["new"], input=conversation(project_name="Shop", confirm="n"))
    assert result.exit_code == 1
    assert "Nothing was written." in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "stream"),
    [([], "stdout"), (["--json"], "stderr")],
    ids=["text", "json"],
)
def test_a_framework_flag_against_the_recommendation_is_announced(runner, args, stream):
    result = invoke(runner, "new", "demo_site", "--no-input", "--framework", "flask", *args)
    assert result.exit_code == 0, result.output
    assert "Flask chosen over the recommended Django.\n" in getattr(result, stream)


def test_an_override_at_the_prompt_is_announced(runner, terminal):
    result = invoke(runner, "new", input=conversation(project_name="Shop", framework="fl"))
    assert result.exit_code == 0, result.output
    assert "type flask to override it" in result.output
    assert "Flask chosen over the recommended Django.\n" in result.output
    assert re.search(r"framework +Flask chosen over the recommended Django\.", result.output)


def test_a_ruled_out_framework_is_not_offered_and_its_reason_repeated(runner, terminal, tmp_path):
    answers = conversation(project_name="Shop", database="mongodb", framework=["django", ""])
    result = invoke(runner, "new", input=answers, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    reason = "Django supports only PostgreSQL, MariaDB, MySQL, Oracle and SQLite"
    assert result.output.count(f"Django is ruled out: {reason}") == 1  # under the table
    assert "Only Flask remains." in result.output and "override" not in result.output
    assert "Framework (flask) [flask]:" in result.output
    assert f"Error: django is ruled out: {reason}" in result.output
    assert json.loads((tmp_path / "shop/.scaffold.json").read_text())["template"] == "flask"


# Options that switch something on (off unless given), and the answers file, have no default.
_NO_DEFAULT = {"no_input", "as_json", "force", "dry_run", "no_git", "answers_file"}


@pytest.mark.parametrize("command", ["new", "recommend"])
def test_help_shows_the_default_of_every_option(command):
    command = cli.commands[command]
    context = click.Context(command)
    options = [
        p for p in command.params if isinstance(p, click.Option) and p.name not in _NO_DEFAULT
    ]
    assert len(options) >= 12
    for option in options:
        assert "[default: " in option.get_help_record(context)[1], option.name


def test_shell_completion_works_as_the_readme_says():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for shell in ("bash", "zsh", "fish"):
        assert f"_SCAFFOLD_COMPLETE={shell}_source scaffold" in readme
    env = {
        "_SCAFFOLD_COMPLETE": "bash_complete",
        "COMP_WORDS": "scaffold new --sec",
        "COMP_CWORD": "2",
    }
    code = "from scaffold.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env}
    )
    assert "plain,--security" in done.stdout.splitlines()


def test_both_frameworks_next_steps_install_the_same_way():
    root = Path(__file__).parent.parent / "templates"
    installs = {
        framework: [
            line
            for line in (root / framework / "{{cookiecutter.project_slug}}/README.md")
            .read_text(encoding="utf-8")
            .splitlines()
            if line.startswith("pip install")
        ]
        for framework in ("django", "flask")
    }
    assert (
        installs["django"]
        == installs["flask"]
        == [
            "pip install --no-deps -r requirements-dev.txt",
            "pip install pip-tools",
        ]
    )
