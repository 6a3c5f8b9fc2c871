"""The errors scaffold reports to its users, and the exit code of each.

The CLI turns every ScaffoldError into one line on stderr and its exit code;
nothing else in the package calls ``sys.exit``.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
# check or update could not finish (git failed, rendering failed): says nothing
# about the project, unlike 1 (update available / conflicts left) and 2 (refused).
EXIT_BROKEN = 4
EXIT_INTERRUPTED = 130


class ScaffoldError(Exception):
    """Base class: a failure the user must read about, never a traceback."""

    exit_code = EXIT_FAILED


class InputError(ScaffoldError):
    """An answer, flag or answers file is invalid. Nothing was written."""

    exit_code = EXIT_USAGE

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class TargetError(ScaffoldError):
    """The target directory cannot be used as asked (exists, not writable, ...)."""

    exit_code = EXIT_USAGE


class GenerationError(ScaffoldError):
    """Rendering the template failed. Nothing was left behind."""


class ProjectError(ScaffoldError):
    """A path is not a scaffold project, or its record is unreadable."""

    exit_code = EXIT_USAGE


class OutputError(ScaffoldError):
    """The command's output could not be written (a closed pipe, a full device).

    The message says what the command had done by then: ``new`` stops at the
    first failed write, so a project is either complete or not written.
    """

    exit_code = EXIT_OUTPUT


class LifecycleError(ScaffoldError):
    """``check`` or ``update`` itself failed; nothing is known about the project."""

    exit_code = EXIT_BROKEN


class GitError(LifecycleError):
    """A git command the lifecycle relies on failed unexpectedly."""


class UpdateRefused(ScaffoldError):
    """The project's git state does not allow an update; nothing was changed.

    Not a git repository of its own, uncommitted changes, or no pristine render
    to merge from.
    """

    exit_code = EXIT_USAGE
