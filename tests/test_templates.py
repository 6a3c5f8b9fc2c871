"""The bundled templates bake, alone and through scaffold, with nothing left unrendered."""

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.answers import ANSWER_KEYS
from scaffold.cli import cli
from scaffold.rules import RESERVED_NAMES

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The generated projects' own Jinja and Django templates legitimately hold {{ and {%.
PAGE_TEMPLATE = re.compile(r"(^|/)templates/.*\.(html|txt|xml)$")


def leftovers(project: Path, user_text: str = "") -> list[str]:
    """Files holding template syntax that is neither a page template nor the user's own text."""
    found = []
    for path in sorted(project.rglob("*")):
        if (
            not path.is_file()
            or ".git" in path.parts
            or path.suffix in {".mo", ".png", ".ico", ".gz"}
        ):
            continue
        relative = path.relative_to(project).as_posix()
        text = path.read_text(encoding="utf-8")
        if user_text:
            text = text.replace(user_text, "")
        if "cookiecutter." in text or (
            not PAGE_TEMPLATE.search(relative) and re.search(r"{{|{%|%}|}}", text)
        ):
            found.append(relative)
    return found


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_template_options_are_answers_scaffold_knows(framework):
    options = json.loads((TEMPLATES / framework / "cookiecutter.json").read_text())
    public = [key for key in options if not key.startswith("_")]
    assert set(public) <= set(ANSWER_KEYS)


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_plain_cookiecutter_bakes_the_defaults(cookies, monkeypatch, framework):
    # pytest-cookies builds the context before cookiecutter puts the template's
    # local Jinja extensions on sys.path; the cookiecutter command line does not need this.
    monkeypatch.syspath_prepend(str(TEMPLATES / framework))
    result = cookies.bake(template=str(TEMPLATES / framework))
    assert result.exit_code == 0, result.exception
    assert result.project_path.is_dir()
    assert leftovers(result.project_path) == []
    assert (result.project_path / ".env").is_file()
    assert ".env" in (result.project_path / ".gitignore").read_text().split()


VARIANTS = [
    ["--framework", "django"],
    [
        "--framework",
        "django",
        "--database",
        "postgresql",
        "--api",
        "rest",
        "--security",
        "strict",
        "--scale",
        "large",
        "--i18n",
        "--no-admin",
    ],
    ["--framework", "django", "--database", "oracle", "--security", "basic", "--scale", "small"],
    ["--framework", "flask"],
    [
        "--framework",
        "flask",
        "--architecture",
        "microservices",
        "--api",
        "rest",
        "--database",
        "mongodb",
        "--security",
        "strict",
    ],
    ["--framework", "flask", "--database", "redis", "--i18n", "--api", "rest", "--scale", "large"],
    [
        "--framework",
        "flask",
        "--database",
        "cassandra",
        "--architecture",
        "microservices",
        "--security",
        "basic",
        "--no-admin",
    ],
    ["--framework", "flask", "--database", "mysql", "--security", "strict"],
]


@pytest.mark.parametrize("args", VARIANTS, ids=lambda args: "-".join(args[1::2]))
def test_scaffold_renders_every_kind_of_variant(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    jinja = "{{ 7 * 6 }}"
    description = f'Says {jinja} & "quotes" — ünïcode'
    result = CliRunner().invoke(
        cli, ["new", "demo_site", "--no-input", "--description", description, *args]
    )
    assert result.exit_code == 0, result.output
    project = tmp_path / "demo_site"
    assert leftovers(project, jinja) == []
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert description in readme
    assert "Says 42" not in readme
    importable = {
        path.name.split(".")[0]
        for path in project.iterdir()
        if (path.is_dir() and not path.name.startswith(".")) or path.suffix == ".py"
    }
    assert importable - RESERVED_NAMES <= {"demo_site"}, "a project slug could shadow these"


@pytest.mark.parametrize(
    ("args", "commands"),
    [
        (["--framework", "django"], ["python manage.py migrate", "python manage.py runserver"]),
        (["--framework", "flask"], ["flask --app wsgi db upgrade", "flask --app wsgi run --debug"]),
        (["--framework", "flask", "--database", "mongodb"], ["flask --app wsgi run --debug"]),
    ],
)
def test_next_steps_are_the_generated_readme_commands(tmp_path, monkeypatch, args, commands):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "demo_site", "--no-input", "--no-git", *args])
    assert result.exit_code == 0, result.output
    steps = result.output.split("Next steps:", 1)[1]
    assert "cd demo_site" in steps
    for command in commands:
        assert f"  {command}\n" in steps
    if "mongodb" in args:
        assert "db upgrade" not in steps


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_same_answers_give_the_same_bytes_except_the_secret(tmp_path, monkeypatch, framework):
    monkeypatch.chdir(tmp_path)
    for target in ("one", "two"):
        result = CliRunner().invoke(
            cli,
            ["new", "demo_site", "--no-input", "--no-git", "--framework", framework, "-o", target],
        )
        assert result.exit_code == 0, result.output
    one, two = tmp_path / "one", tmp_path / "two"
    files = sorted(path.relative_to(one) for path in one.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(two) for path in two.rglob("*") if path.is_file())
    differing = [str(f) for f in files if (one / f).read_bytes() != (two / f).read_bytes()]
    assert differing == [".env"]


# The same bad answers, given to scaffold and to plain cookiecutter: both refuse, in
# the same words when the template's hook is what refuses (rules.json).
REFUSED = [
    ("django", {"project_slug": "json"}),
    ("flask", {"project_slug": "json"}),
    ("flask", {"project_slug": "blinker"}),
    ("django", {"project_slug": "class"}),
    ("flask", {"project_slug": "x"}),
    ("django", {"project_slug": "a" * 41}),
    ("flask", {"project_slug": "My-App"}),
    ("django", {"author_email": "nobody"}),  # empty is allowed: no author known
    ("flask", {"author_email": "ada@localhost"}),
    # What pip install of the generated project would refuse (email.headerregistry).
    ("django", {"author_email": "jürgen@firma.de"}),
    ("flask", {"author_email": "a,b@c.d"}),
    ("django", {"author_email": "a@b.c."}),
    ("flask", {"author_email": "a@b..c"}),
    ("django", {"author_email": "a<b>@c.d"}),
    ("flask", {"author_email": "a(comment)@c.d"}),
    ("django", {"scale": "large", "database": "sqlite"}),
    ("flask", {"scale": "large", "database": "sqlite"}),
]


@pytest.mark.parametrize(("framework", "answers"), REFUSED, ids=lambda v: str(v))
def test_plain_cookiecutter_refuses_what_scaffold_refuses(
    tmp_path, monkeypatch, capfd, framework, answers
):
    from cookiecutter.exceptions import FailedHookException
    from cookiecutter.main import cookiecutter

    from scaffold import create_project
    from scaffold.errors import InputError

    with pytest.raises(InputError) as refused:
        create_project({**answers, "framework": framework}, tmp_path / "scaffold", git=False)
    monkeypatch.syspath_prepend(str(TEMPLATES / framework))  # as the cookiecutter CLI does
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATES / framework),
            no_input=True,
            extra_context=answers,
            output_dir=str(tmp_path / "cookiecutter"),
        )
    assert f"ERROR: {refused.value}\n" in capfd.readouterr().err
    assert not (tmp_path / "scaffold").exists()
    assert list((tmp_path / "cookiecutter").iterdir()) == []


@pytest.mark.parametrize(
    ("framework", "suggested"),
    [
        ("django", "postgresql, mysql, mariadb, oracle"),
        ("flask", "postgresql, mysql, mariadb, oracle, mongodb, redis, cassandra"),
    ],
)
def test_plain_cookiecutter_asks_the_scale_first_and_offers_only_what_the_template_takes(
    tmp_path, monkeypatch, capfd, framework, suggested
):
    from cookiecutter.exceptions import FailedHookException
    from cookiecutter.main import cookiecutter

    options = json.loads((TEMPLATES / framework / "cookiecutter.json").read_text())
    questions = list(options)
    assert questions.index("scale") < questions.index("database")
    assert "not sqlite" in options["__prompts__"]["database"]
    monkeypatch.syspath_prepend(str(TEMPLATES / framework))
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATES / framework),
            no_input=True,
            extra_context={"scale": "large", "database": "sqlite"},
            output_dir=str(tmp_path),
        )
    refusal = capfd.readouterr().err
    assert "'sqlite' cannot serve scale 'large'" in refusal
    assert f"; choose one of {suggested}\n" in refusal


def test_django_with_a_nosql_database_is_refused_by_both(tmp_path):
    from cookiecutter.main import cookiecutter

    from scaffold import create_project
    from scaffold.errors import InputError

    with pytest.raises(InputError, match="framework: django is ruled out"):
        create_project({"framework": "django", "database": "mongodb"}, tmp_path / "a")
    with pytest.raises(ValueError, match="mongodb provided for choice variable database"):
        cookiecutter(
            str(TEMPLATES / "django"), no_input=True, extra_context={"database": "mongodb"}
        )


def test_the_templates_ship_the_current_rules():
    from scaffold.rules import template_rules

    shipped = json.loads((TEMPLATES / "shared" / "rules.json").read_text(encoding="utf-8"))
    assert shipped == template_rules(), "run python scripts/write_template_rules.py"


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_both_templates_use_the_one_filter_module_and_hook(framework):
    for name in ("scaffold_filters.py", "rules.json", "hooks/pre_gen_project.py"):
        assert (TEMPLATES / framework / name).resolve().parent == (TEMPLATES / "shared").resolve()


# Text scaffold accepts that broke the generated project's own lint: a Flask
# description past the line length (E501), typographic punctuation (RUF001),
# a Cyrillic letter among Latin ones, an invisible no-break space (so this
# file's own lint is told, line by line, that they are meant).
TYPOGRAPHIC = {
    "project_name": "L’Atelier – Café “Zoë” Mоscow\u00a0Москва",  # noqa: RUF001
    "project_slug": "latelier",
    "description": "Café – Bar: L’Atelier’s “best” shop," + " and more" * 25,  # noqa: RUF001
    "author_name": "Zoë O’Brien – Café",  # noqa: RUF001
}


@pytest.mark.parametrize(
    ("framework", "args", "files"),
    [
        ("django", [], ["config/settings/base.py"]),
        ("flask", [], ["latelier/config.py"]),
        ("flask", ["--architecture", "microservices"], ["latelier/config.py"]),
    ],
)
def test_accepted_text_passes_the_projects_own_lint(tmp_path, monkeypatch, framework, args, files):
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in TYPOGRAPHIC.items()]
    result = CliRunner().invoke(
        cli, ["new", "--no-input", "--no-git", "--framework", framework, *flags, *args]
    )
    assert result.exit_code == 0, result.output
    project = tmp_path / "latelier"
    ruff = [sys.executable, "-m", "ruff"]
    checked = subprocess.run([*ruff, "check", "."], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    formatted = subprocess.run(
        [*ruff, "format", "--check", *files], cwd=project, capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stdout
    expected = {
        "SITE_NAME": TYPOGRAPHIC["project_name"],
        "APP_NAME": TYPOGRAPHIC["project_name"],
        "APP_DESCRIPTION": TYPOGRAPHIC["description"],
    }
    for file in files:  # the text is there exactly as given, escapes and all
        tree = ast.parse((project / file).read_text(encoding="utf-8"))
        found = {
            node.targets[0].id: ast.literal_eval(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in expected
        }
        assert found and all(value == expected[name] for name, value in found.items())
    record = json.loads((project / ".scaffold.json").read_text(encoding="utf-8"))
    assert {key: record["answers"][key] for key in TYPOGRAPHIC} == TYPOGRAPHIC


@pytest.mark.parametrize("framework", ["django", "flask"])
@pytest.mark.parametrize(
    ("author", "email", "authors"),
    [
        ("Ada Lovelace", "ada@example.org", [{"name": "Ada Lovelace", "email": "ada@example.org"}]),
        ("Ada Lovelace", "", [{"name": "Ada Lovelace"}]),
        ("", "ada@example.org", [{"email": "ada@example.org"}]),
        ("", "", []),
    ],
    ids=["name and e-mail", "name only", "e-mail only", "nobody"],
)
def test_an_unknown_author_is_left_out_never_a_placeholder(
    tmp_path, monkeypatch, framework, author, email, authors
):
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    monkeypatch.chdir(tmp_path)
    args = ["--framework", framework, "--author", author, "--email", email]
    result = CliRunner().invoke(cli, ["new", "demo_site", "--no-input", "--no-git", *args])
    assert result.exit_code == 0, result.output
    project = tmp_path / "demo_site"
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["authors"] == authors
    assert "Your Name" not in (project / "pyproject.toml").read_text(encoding="utf-8")
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "Your Name" not in readme
    shown = re.findall(r"Author: (.*)\.$", readme, re.M)  # the Flask README names its author
    assert shown in ([], [f"{author} <{email}>".replace(" <>", "").strip()])
    assert (shown != []) == (framework == "flask" and bool(author or email))


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (["--admin"], "Note: the admin answer applies only to a web app;"),
        (["--admin", "--i18n"], "Note: the admin and i18n answers apply only to a web app;"),
    ],
)
def test_the_microservice_note_on_web_answers_is_a_sentence(tmp_path, monkeypatch, args, note):
    monkeypatch.chdir(tmp_path)
    flags = ["--framework", "flask", "--architecture", "microservices", *args]
    result = CliRunner().invoke(cli, ["new", "demo_site", "--no-input", "--no-git", *flags])
    assert result.exit_code == 0, result.output
    assert note in result.stderr  # printed by the post_gen_project hook
