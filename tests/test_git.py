"""The tree id scaffold computes for a render is the one git makes of the same files."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scaffold import create_project, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

# Names in the corners of git's order and quoting: a directory sorts as if its
# name ended in "/", so "a.py" < "a/" < "a0"; non-ASCII, spaces, quotes, a newline.
FILES = {
    "a.py": b"print('a')\n",
    "a/b.py": b"",
    "a/c/d.txt": b"deep\n",
    "a0": b"zero\n",
    "a-b": b"dash\n",
    "empty": b"",
    "caf\u00e9/r\u00e9sum\u00e9.md": "\u00e9t\u00e9\n".encode(),
    '"quoted" and spaced.txt': b"q\n",
    "back\\slash": b"b\n",
    "new\nline": b"n\n",
    "bin.dat": bytes(range(256)),
}
EXECUTABLE = "run.sh"


@pytest.fixture(autouse=True)
def private_git(tmp_path, monkeypatch):
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ada\n\temail = ada@example.org\n[init]\n\ttemplateDir =\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return config


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _git_write_tree(directory: Path) -> str:
    _git(directory, "add", "--all")
    return _git(directory, "write-tree")


def _make_files(directory: Path) -> list[str]:
    for relative, content in FILES.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (directory / EXECUTABLE).write_text("#!/bin/sh\necho hi\n")
    (directory / EXECUTABLE).chmod(0o755)
    (directory / "link").symlink_to("a/c/d.txt")
    (directory / "a/up").symlink_to("../a0")
    return sorted([*FILES, EXECUTABLE, "link", "a/up"])


@pytest.mark.parametrize(
    ("init", "config", "attributes"),
    [
        ([], [], None),
        (["--object-format=sha256"], [], None),
        ([], ["core.fileMode", "false"], None),
        ([], ["core.autocrlf", "true"], None),
        ([], [], "*.txt text eol=crlf\n*.dat binary\n"),
        ([], [], "*.md ident\n"),
    ],
    ids=["default", "sha256", "no-file-mode", "autocrlf", "eol-attributes", "ident"],
)
def test_the_computed_tree_is_gits_own(tmp_path, init, config, attributes):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "--quiet", *init)
    if config:
        _git(repo, "config", *config)
    paths = _make_files(repo)
    (repo / "crlf.txt").write_bytes(b"one\r\ntwo\r\n")
    (repo / "c/\u00e9t\u00e9.md").parent.mkdir()
    (repo / "c/\u00e9t\u00e9.md").write_bytes(b"$Id$\r\n")
    paths += ["crlf.txt", "c/\u00e9t\u00e9.md"]
    if attributes is not None:
        (repo / ".gitattributes").write_text(attributes)
        paths.append(".gitattributes")
    computed = git.tree_of_files(repo, paths)
    assert _git(repo, "count-objects").startswith("0 objects")  # nothing was written
    assert computed == _git_write_tree(repo)


def test_no_files_make_the_empty_tree(tmp_path):
    _git(tmp_path, "init", "--quiet")
    assert git.tree_of_files(tmp_path, []) == _git(tmp_path, "write-tree")


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_a_project_without_git_records_the_tree_it_gets_when_committed(tmp_path, framework):
    """`new --no-git`, then `git init; git add --all`: the record names that tree, minus itself."""
    project = create_project({"framework": framework}, tmp_path / "site", git=False).path
    assert not (project / ".git").exists()
    recorded = json.loads((project / ".scaffold.json").read_text())["pristine_tree"]
    _git(project, "init", "--quiet")
    _git(project, "add", "--all")
    _git(project, "rm", "--quiet", "--cached", ".scaffold.json")
    assert recorded == _git(project, "write-tree")
    # What the project ignores stays out, as git leaves it out.
    assert (project / ".env").is_file() and ".env" not in _git(project, "ls-files").split()
