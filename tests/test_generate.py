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
