"""One scaffold run at a time for a target directory, and what a killed run left.

Two ``scaffold new`` runs into one directory would each find it free, render,
and move their files over each other's: a Django tree with Flask's record. So
a run first claims the target: an exclusive ``flock`` on a lock file beside it
(``.scaffold-<hash>.lock``, the hash of the target's path). The kernel drops the
lock when the process ends, however it ends, so a lock file left by a killed
run is stale by construction and the next run simply takes it over.

Staging directories are named after the same hash. Only the holder of the
claim makes them, so one that exists when the claim is taken was left by a
run that died (SIGKILL, a power cut) and is removed, with the secret ``.env``
it may hold. So are those of a killed run of an earlier scaffold, which
locked nothing and named them ``.scaffold-xxxxxxxx`` (see ``is_unlocked_staging``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from scaffold.errors import TargetError

_ATTEMPTS = 5  # a lock file replaced between open and flock: try the new one


def _digest(target: Path) -> str:
    return hashlib.sha256(os.fsencode(target.resolve())).hexdigest()[:12]


def staging_prefix(target: Path) -> str:
    """The name prefix of the staging directories of ``target``."""
    return f".scaffold-{_digest(target)}-"


def lock_file(target: Path) -> Path:
    resolved = target.resolve()
    return resolved.parent / f".scaffold-{_digest(resolved)}.lock"


@contextlib.contextmanager
def claim(target: Path, field: str = "output-dir") -> Iterator[None]:
    """Hold the target for this run; refuse at once if another run holds it.

    Missing parent directories are created for the lock file and removed again
    if nothing else was put in them. When the parent cannot hold a lock file
    (not writable, as for ``-o .`` in a directory of another user's), the
    existing target directory itself is locked instead; when neither exists
    nothing can be written there and the target check refuses the run.
    """
    target = target.absolute()
    path = lock_file(target)
    created = []
    with contextlib.suppress(OSError):
        directory = path.parent
        while not directory.exists():
            created.append(directory)
            directory = directory.parent
        for directory in reversed(created):
            directory.mkdir()
    held = _lock(path, target, field)
    try:
        _remove_stale_staging(target)
        yield
    finally:
        if held is not None:
            descriptor, lock_path = held
            if lock_path is not None:  # unlinked while still locked (see _lock)
                with contextlib.suppress(OSError):
                    os.unlink(lock_path)
            os.close(descriptor)
        for directory in created:
            with contextlib.suppress(OSError):
                directory.rmdir()


def _lock(path: Path, target: Path, field: str) -> tuple[int, Path | None] | None:
    """The locked descriptor, and the lock file to remove when done."""
    for _ in range(_ATTEMPTS):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError:
            return _lock_directory(target, field)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise _busy(target, field, owner) from None
        # The previous holder unlinks the file when it is done: a file locked after
        # that is no longer the lock, and the one now at the path is tried instead.
        try:
            current = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            current = None
        opened = os.fstat(fd)
        if current is not None and (current.st_dev, current.st_ino) == (
            opened.st_dev,
            opened.st_ino,
        ):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd, path
        os.close(fd)
    raise TargetError(f"{field}: cannot lock {target} (its lock file keeps changing)")


def _lock_directory(target: Path, field: str) -> tuple[int, Path | None] | None:
    try:
        fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise _busy(target, field, "") from None
    return fd, None


def _busy(target: Path, field: str, owner: str) -> TargetError:
    who = f"another scaffold run (process {owner})" if owner.isdigit() else "another scaffold run"
    return TargetError(f"{field}: {who} is writing {target}; wait for it to finish")


def _remove_stale_staging(target: Path) -> None:
    pattern = re.compile(re.escape(staging_prefix(target)) + r"[a-z0-9_]{8}")
    for parent in (target.parent, target):
        with contextlib.suppress(OSError):
            for entry in parent.iterdir():
                ours = pattern.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink()
                if ours or is_unlocked_staging(entry):
                    shutil.rmtree(entry, ignore_errors=True)


# Before the lock, staging directories were ".scaffold-" and mkdtemp's eight
# characters, holding "tmp" (made first) and then "out" and "replaced".
_UNLOCKED_STAGING = re.compile(r"\.scaffold-[a-z0-9_]{8}")
_UNLOCKED_CONTENT = frozenset({"tmp", "out", "replaced"})
# Such a run took seconds; one whose directory is older is over, whatever the version.
UNLOCKED_STAGING_AGE = 600.0


def is_unlocked_staging(entry: Path) -> bool:
    """Whether ``entry`` is the staging directory of a scaffold that took no lock, left
    by a killed run: its name and contents as that version made them, its owner this
    user, untouched for longer than any run takes. Nothing else is ever removed (a
    directory of the user's named ``.scaffold-projects`` has other contents)."""
    if not _UNLOCKED_STAGING.fullmatch(entry.name) or entry.is_symlink() or not entry.is_dir():
        return False
    info = entry.stat()
    if info.st_uid != os.geteuid() or time.time() - info.st_mtime < UNLOCKED_STAGING_AGE:
        return False
    names = {child.name for child in entry.iterdir()}
    return "tmp" in names and names <= _UNLOCKED_CONTENT
