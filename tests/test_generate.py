"""scaffold's generator makes the tree cookiecutter's generator makes, byte for byte."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from scaffold import generate, render
from scaffold.answers import clean, complete, with_starter_defaults

# The one thing two renders may not share: the secret each project gets.
SECRET = re.compile(rb"^((?:DJANGO_)?SECRET_KEY)=.*$", re.MULTILINE)

ANSWER_SETS = [
    ("django", {}),
    (
        "django",
        {
            "project_name": "Caf\u00e9 \u2013 \u201cBar\u201d",
            "description": "A long description that has to be split " * 4,
            "database": "postgresql",
            "security": "strict",
            "scale": "large",
            "api": "rest",
            "admin": False,
            "i18n": False,
        },
    ),
    ("flask", {}),
    (
        "flask",
        {
            "project_name": "Ingest",
            "architecture": "microservices",
            "database": "mongodb",
            "security": "basic",
            "author_email": "",
        },
    ),
    ("flask", {"database": "mysql", "scale": "large", "i18n": True, "security": "strict"}),
]


def tree(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file and directory under ``root``: its mode, and its content with the secret masked."""
    entries = {}
    for directory, subdirectories, files in os.walk(root):
        for name in subdirectories + files:
            path = Path(directory, name)
            content = b"" if path.is_dir() else SECRET.sub(rb"\1=masked", path.read_bytes())
            entries[path.relative_to(root).as_posix()] = (path.stat().st_mode, content)
    return entries


@pytest.mark.parametrize(("framework", "given"), ANSWER_SETS)
def test_the_same_tree_as_cookiecutter(tmp_path, framework, given):
    from cookiecutter.generate import generate_files

    answers = complete(clean({"project_slug": "same_site", **given}))
    context = render.build_context(
        framework, with_starter_defaults(answers, render.starter_defaults(framework))
    )
    ours, theirs = tmp_path / "scaffold", tmp_path / "cookiecutter"
    ours.mkdir()
    theirs.mkdir()
    with render._template_on_path(framework):
        mine = generate.generate_files(render.template_dir(framework), context, ours)
        reference = generate_files(
            str(render.template_dir(framework)), {"cookiecutter": context}, str(theirs)
        )
    assert mine.name == Path(reference).name == "same_site"
    assert "pyproject.toml" in tree(mine)
    assert tree(mine) == tree(Path(reference))


def test_a_failing_python_hook_fails_with_its_status(tmp_path):
    template = tmp_path / "template"
    (template / "hooks").mkdir(parents=True)
    (template / "{{cookiecutter.name}}").mkdir()
    (template / "hooks/pre_gen_project.py").write_text(
        "import sys\nprint('no', file=sys.stderr)\nsys.exit({{ cookiecutter.code }})\n"
    )
    with pytest.raises(generate.TemplateFailed, match=r"exit status: 3"):
        generate.generate_files(template, {"name": "x", "code": 3}, tmp_path)


def written(directory: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in directory.iterdir()}


def test_compiled_templates_are_kept_and_render_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(generate, "_IN_MEMORY", {})  # as in a new process
    answers = complete(clean({"project_slug": "same_site"}))
    context = render.build_context(
        "django", with_starter_defaults(answers, render.starter_defaults("django"))
    )
    compiled = tmp_path / "compiled"
    projects = []
    for run in ("first", "second"):
        (tmp_path / run).mkdir()
        with render._template_on_path("django"):
            template = render.template_dir("django")
            projects.append(generate.generate_files(template, context, tmp_path / run, compiled))
        if run == "first":
            kept = written(compiled)
            assert kept
    assert written(compiled) == kept  # the second run compiled nothing new
    monkeypatch.setattr(generate, "_IN_MEMORY", {})
    (tmp_path / "third").mkdir()
    with render._template_on_path("django"):
        template = render.template_dir("django")
        projects.append(generate.generate_files(template, context, tmp_path / "third", compiled))
    assert written(compiled) == kept  # read from the directory, not compiled again
    assert tree(projects[0]) == tree(projects[1]) == tree(projects[2])


@pytest.mark.parametrize(
    ("environment", "dont_write_bytecode", "expected"),
    [
        ({"SCAFFOLD_CACHE": "/c"}, False, "/c/templates/0123"),
        ({"XDG_CACHE_HOME": "/x"}, False, "/x/scaffold/templates/0123"),
        ({"HOME": "/h"}, False, "/h/.cache/scaffold/templates/0123"),
        ({"SCAFFOLD_CACHE": "/c"}, True, None),
    ],
)
def test_where_compiled_templates_are_kept(monkeypatch, environment, dont_write_bytecode, expected):
    for variable in ("SCAFFOLD_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setattr(render.sys, "dont_write_bytecode", dont_write_bytecode)
    found = render.compiled_templates("sha256:0123")
    assert found == (None if expected is None else Path(expected))
