"""Run git for scaffold: find it, isolate it from the caller's environment, report failures.

Every git command of the lifecycle goes through :func:`run`, because:

* scaffold may itself run inside a git hook (``scaffold check`` in pre-commit),
  where ``GIT_DIR``, ``GIT_INDEX_FILE`` and friends point at the *calling*
  repository. They are dropped here, so a command only ever sees the project
  it was given;
* scaffold's own commits, checkouts and merges are mechanical, so the
  project's hooks are switched off for them: a failing or slow hook must not
  leave an update half done, a dry run must not run a post-checkout hook, and
  a pre-commit hook that runs ``scaffold check`` must not call itself;
* a failed git command must reach the user as one line and exit code 1
  (:class:`~scaffold.errors.GitError`), never as a traceback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import GitError

# Variables that redirect git to another repository, index or object store.
_REDIRECTING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)

DEFAULT_NAME = "scaffold"
DEFAULT_EMAIL = "scaffold@localhost"


def available() -> bool:
    return shutil.which("git") is not None


def run(
    cwd: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run ``git args`` in ``cwd``; GitError when it fails and ``check`` is set."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.hooksPath=/dev/null", *args],
            cwd=cwd,
            env=_environment(env),
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except OSError as error:
        raise GitError(f"git {args[0]}: {error}") from None
    if check and result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else result.returncode}")
    return result


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    full_env = {key: value for key, value in os.environ.items() if key not in _REDIRECTING}
    full_env.update(env or {})
    # Never open an editor or a pager, never ask for credentials.
    full_env.update(GIT_EDITOR="true", GIT_PAGER="cat", GIT_TERMINAL_PROMPT="0")
    return full_env


def output(cwd: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    """The stripped stdout of a git command that must succeed."""
    return run(cwd, *args, env=env).stdout.strip()


@dataclass(frozen=True)
class WorkTree:
    """The git work tree a directory is in: what the lifecycle asks of it, asked once."""

    root: Path  # the top of the work tree
    git_dir: Path  # its own git directory (MERGE_HEAD is there)
    common_dir: Path  # the repository's, shared by all its worktrees (objects, refs)
    head: str | None  # the commit HEAD names; None before the first commit


def work_tree(path: Path) -> WorkTree | None:
    """The work tree containing ``path``, or None outside any work tree (one git process)."""
    result = run(
        path,
        *("rev-parse", "--show-toplevel", "--absolute-git-dir", "--git-common-dir"),
        *("--verify", "--quiet", "HEAD^{commit}"),
        check=False,
    )
    lines = result.stdout.splitlines()
    # Exit 1 with the first three lines printed: HEAD names no commit yet.
    if result.returncode not in (0, 1) or len(lines) < 3 or not lines[0]:
        return None
    head = lines[3] if result.returncode == 0 and len(lines) > 3 else None
    return WorkTree(Path(lines[0]).resolve(), Path(lines[1]), (path / lines[2]).resolve(), head)


def resolve(cwd: Path, revision: str) -> str | None:
    """The commit id of ``revision``, or None when it does not exist."""
    result = run(cwd, "rev-parse", "--quiet", "--verify", f"{revision}^{{commit}}", check=False)
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def identity(cwd: Path) -> dict[str, str]:
    """Author and committer variables for commits scaffold makes.

    The user's own git identity wins (config or environment); only what is
    missing falls back to a neutral ``scaffold <scaffold@localhost>``, so a
    fresh machine or CI runner can still make the baseline commit.
    """
    listing = run(cwd, "config", "--get-regexp", r"^user\.(name|email)$", check=False).stdout
    values = dict(line.partition(" ")[::2] for line in listing.splitlines())  # the last one wins
    env: dict[str, str] = {}
    for field, default in (("name", DEFAULT_NAME), ("email", DEFAULT_EMAIL)):
        configured = values.get(f"user.{field}", "").strip()
        for role in ("AUTHOR", "COMMITTER"):
            variable = f"GIT_{role}_{field.upper()}"
            if not configured and not os.environ.get(variable):
                env[variable] = default
    return env


def configured(field: str) -> str:
    """The user's ``git config user.<field>`` (name or email); empty when unset or no git."""
    if not available():
        return ""
    return run(Path.cwd(), "config", "--get", f"user.{field}", check=False).stdout.strip()


def ignored(cwd: Path, paths: Sequence[str], env: Mapping[str, str] | None = None) -> set[str]:
    """Those of ``paths`` that the repository at ``cwd`` ignores (and does not track)."""
    if not paths:
        return set()
    listing = "\0".join(paths) + "\0"
    result = run(cwd, "check-ignore", "--stdin", "-z", env=env, input=listing, check=False)
    if result.returncode not in (0, 1):
        raise GitError(f"git check-ignore failed: {result.stderr.strip()}")
    return {path for path in result.stdout.split("\0") if path}


def blob(cwd: Path, spec: str) -> bytes:
    """The exact bytes of a blob."""
    return _run_bytes(cwd, "cat-file", "blob", spec)


def _run_bytes(
    cwd: Path, *args: str, env: Mapping[str, str] | None = None, input: bytes | None = None
) -> bytes:
    """The stdout of ``git args`` as bytes (``run`` reads text, which would translate line ends)."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, env=_environment(env), input=input, capture_output=True
        )
    except OSError as error:
        raise GitError(f"git {args[0]}: {error}") from None
    if done.returncode != 0:
        raise GitError(f"git {args[0]} failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def trees_without(
    cwd: Path, specs: Sequence[str], name: str, env: Mapping[str, str] | None = None
) -> list[tuple[str, str] | None]:
    """For each tree-ish ``spec``: its tree id and the id it would have without entry ``name``.

    None for a spec that does not name a tree. The second id is computed, not
    stored (nothing is written), from the raw tree object as ``git cat-file``
    prints it: a tree object is its entries in git's order, and dropping one
    keeps that order, so hashing what is left gives the id git would give it.
    """
    if not specs:
        return []
    listing = "".join(f"{spec}\n" for spec in specs).encode("utf-8", "surrogateescape")
    out, position = _run_bytes(cwd, "cat-file", "--batch", env=env, input=listing), 0
    results: list[tuple[str, str] | None] = []
    unwanted = name.encode()
    for _ in specs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<spec> missing" or "<spec> ambiguous"
            results.append(None)
            continue
        size = int(header[2])
        body, position = out[position : position + size], position + size + 1
        if header[1] != b"tree":
            results.append(None)
            continue
        # The repository's hash is the one of its ids: 40 hex digits SHA-1, 64 SHA-256.
        algorithm = "sha256" if len(header[0]) == 64 else "sha1"
        width = hashlib.new(algorithm).digest_size
        kept: list[bytes] = []
        offset = 0
        while offset < len(body):
            nul = body.index(b"\0", offset)
            entry_end = nul + 1 + width
            if body[offset:nul].split(b" ", 1)[1] != unwanted:
                kept.append(body[offset:entry_end])
            offset = entry_end
        rest = b"".join(kept)
        digest = hashlib.new(algorithm, b"tree %d\0" % len(rest) + rest).hexdigest()
        results.append((header[0].decode(), digest))
    return results


def tree_of_files(
    directory: Path, paths: Sequence[str], env: Mapping[str, str] | None = None
) -> str:
    """The id of the tree ``git add paths; git write-tree`` would make, computed, nothing written.

    ``paths`` are files relative to ``directory`` (the work tree of ``env``'s
    repository). Their contents are hashed by ``git hash-object``, which applies
    what ``git add`` would (the attributes' filters and line-end conversion,
    ``core.autocrlf``); a symbolic link's blob is the text of its target; a file
    is executable (100755) when its owner may run it and git trusts the file
    system's executable bit (``core.fileMode``). The trees are built here.
    """
    links = {path for path in paths if os.path.islink(directory / path)}
    files = [path for path in paths if path not in links]
    executable = {path for path in files if os.stat(directory / path).st_mode & stat.S_IXUSR}
    if (
        executable
        and run(
            directory, "config", "--type=bool", "core.fileMode", env=env, check=False
        ).stdout.strip()
        == "false"
    ):
        executable = set()
    ids = _hash_files(directory, files, env)
    if ids:  # the length of an id names its hash
        algorithm = "sha1" if len(ids[0]) == 40 else "sha256"
    else:
        algorithm = output(directory, "rev-parse", "--show-object-format", env=env)
    entries = {
        path: ("100755" if path in executable else "100644", object_id)
        for path, object_id in zip(files, ids, strict=True)
    }
    for path in links:
        target = os.fsencode(os.readlink(directory / path))
        entries[path] = ("120000", _object_id(algorithm, b"blob", target))
    return tree_id(entries, algorithm)


def tree_id(entries: Mapping[str, tuple[str, str]], algorithm: str = "sha1") -> str:
    """The id git gives the tree of ``entries``: a path ("a/b.py") -> its mode and blob id.

    A tree object is ``<mode> <name>\\0<raw id>`` per entry, a subdirectory as a
    tree of mode 40000, in the order of the names' bytes where a subdirectory's
    name is read with a trailing "/" ("a.py", then the directory "a", then "a0").
    """
    subtrees: dict[str, dict[str, tuple[str, str]]] = {}
    rows: list[tuple[bytes, bytes, str]] = []  # (name as sorted, mode and name, id)
    for path, (mode, object_id) in entries.items():
        name, slash, rest = path.partition("/")
        if slash:
            subtrees.setdefault(name, {})[rest] = (mode, object_id)
        else:
            rows.append((os.fsencode(name), f"{mode} ".encode() + os.fsencode(name), object_id))
    for name, subtree in subtrees.items():
        key = os.fsencode(name)
        rows.append((key + b"/", b"40000 " + key, tree_id(subtree, algorithm)))
    body = b"".join(
        entry + b"\0" + bytes.fromhex(object_id) for _, entry, object_id in sorted(rows)
    )
    return _object_id(algorithm, b"tree", body)


def _object_id(algorithm: str, kind: bytes, content: bytes) -> str:
    return hashlib.new(algorithm, kind + b" %d\0" % len(content) + content).hexdigest()


def _hash_files(directory: Path, paths: Sequence[str], env: Mapping[str, str] | None) -> list[str]:
    """Each file's blob id, as ``git add`` would store it (``git hash-object``, without -w)."""
    if not paths:
        return []
    # One path a line; git reads a line starting with a double quote C-style,
    # so every path is quoted: a name may hold a newline.
    listing = b"".join(_c_quoted(os.fsencode(path)) + b"\n" for path in paths)
    return (
        _run_bytes(directory, "hash-object", "--stdin-paths", env=env, input=listing)
        .decode()
        .split()
    )


def _c_quoted(name: bytes) -> bytes:
    """``name`` between double quotes, escaped as git reads a quoted path."""
    quoted = bytearray(b'"')
    for byte in name:
        if byte in b'"\\':
            quoted += b"\\" + bytes([byte])
        elif byte < 0x20:  # a newline, a tab, ...
            quoted += b"\\%03o" % byte
        else:
            quoted.append(byte)
    return bytes(quoted + b'"')
