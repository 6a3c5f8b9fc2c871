"""The command line: options, prompts, printing and exit codes. The work happens elsewhere.

What a command needs is imported when it runs, and its options are made when
first needed (see :class:`DeferredOptions`): `scaffold --help` and `--version`
load neither the criteria and answers data nor pathlib, each of which would
add milliseconds to every start (tests/test_cli.py, benchmarks/bench_cli.py).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from scaffold import __version__
from scaffold.errors import (
    EXIT_BROKEN,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    OutputError,
    ScaffoldError,
    TargetError,
)

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold.answers import Answers, Ask
    from scaffold.criteria import Value
    from scaffold.decide import Recommendation

# What an option decorator (click.option, click.argument) is.
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class ScaffoldGroup(click.Group):
    """Maps every expected failure to one line on stderr and its documented exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        try:
            with _reporting():
                code = super().main(
                    args, prog_name or "scaffold", complete_var, standalone_mode=False, **extra
                )
        except click.exceptions.NoArgsIsHelpError as error:  # `scaffold` alone
            error.show()  # the help, not an error message
            sys.exit(EXIT_USAGE)
        except click.UsageError as error:
            _fail(f"Error: {error.format_message()}", EXIT_USAGE)
        except ScaffoldError as error:
            _fail(f"Error: {error}", error.exit_code)
        except (click.Abort, KeyboardInterrupt):
            _fail("\nInterrupted.", EXIT_INTERRUPTED)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        # Inside click's main, which would turn a closed pipe into a silent exit 1.
        with _reporting():
            return super().invoke(ctx)


class DeferredOptions(click.Command):
    """A command whose parameters are made the first time they are needed (to parse
    its arguments, to show its help), from what its ``options`` function returns:
    the option decorators, in the order they would be written above the command."""

    def __init__(
        self, *args: Any, options: Callable[[], Sequence[Decorator]], **kwargs: Any
    ) -> None:
        self._options: Callable[[], Sequence[Decorator]] | None = options
        super().__init__(*args, **kwargs)

    @property
    def params(self) -> list[click.Parameter]:
        if self._options is not None:
            decorators, self._options = self._options(), None

            def placeholder() -> None: ...

            for decorator in reversed(decorators):
                placeholder = decorator(placeholder)
            made: list[click.Parameter] = getattr(placeholder, "__click_params__", [])
            self._params[:0] = reversed(made)
        return self._params

    @params.setter
    def params(self, params: list[click.Parameter]) -> None:
        self._params = params


def _fail(message: str, code: int) -> NoReturn:
    """Report on stderr, if stderr can still be written, and exit."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(message, err=True)
    sys.exit(code)


class WatchedStdout(io.TextIOWrapper):
    """sys.stdout, remembering the error of a failed write, so it is told from other errors."""

    failure: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as error:
            self.failure = error
            raise

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            self.failure = error
            raise


@contextlib.contextmanager
def _reporting(done: str = "") -> Iterator[None]:
    """A failed write to stdout (the reader of a pipe gone, a full device) becomes an
    OutputError saying what was ``done`` by then."""
    try:
        yield
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as error:
        if getattr(sys.stdout, "failure", None) is not error:
            raise
        # What could not be written stays buffered; Python's flush at exit would fail
        # again and print a traceback after scaffold's one line.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        suffix = f"; {done}" if done else ""
        raise OutputError(f"stdout: cannot write the output ({error.strerror}){suffix}") from None


def _output_dir_text(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """An -o value must be printable text: a trailing newline from a script would
    otherwise make a directory whose name ends in one."""
    import unicodedata

    if value is None:
        return value
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter("is not valid text (undecodable bytes); use UTF-8") from None
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in text):
        raise click.BadParameter("must not contain control characters (newline, tab, ...)")
    return value


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _flag(key: str) -> str:
    return key.replace("_", "-")


def _with_default(help: str, default: str) -> str:
    """Help text showing a default that the option itself cannot carry (it must stay None)."""
    return f"{help}  [default: {default}]"


def _criteria_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One flag per question of the article, generated from the criteria data."""
    from scaffold.criteria import QUESTIONS

    for question in reversed(QUESTIONS):
        # The default stays None so that a flag not given is told from one given.
        help = _with_default(question.prompt, "not stated (no vote)")
        if question.is_bool:
            decls = f"--{_flag(question.key)}/--no-{_flag(question.key)}"
            option = click.option(decls, question.key, default=None, help=help)
        else:
            option = click.option(
                f"--{_flag(question.key)}",
                question.key,
                type=click.Choice([str(value) for value in question.values]),
                help=help,
            )
        command = option(command)
    return command


def _input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    from pathlib import Path

    for option in reversed(
        (
            click.option(
                "--answers",
                "answers_file",
                type=click.Path(path_type=Path, dir_okay=False),
                help="YAML or JSON file of answers (keys as the flags, with underscores).",
            ),
            click.option("--no-input", is_flag=True, help="Never prompt; use defaults."),
            click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout."),
        )
    ):
        command = option(command)
    return command


def _given(flags: Mapping[str, Any], answers_file: Path | None) -> dict[str, Value]:
    from scaffold.answers import load_file, merge

    return merge(flags, load_file(answers_file) if answers_file else {})


def _is_interactive(no_input: bool, missing: list[str]) -> bool:
    if no_input or not missing:
        return False
    if stdin_is_terminal():
        return True
    from scaffold.criteria import QUESTIONS_BY_KEY

    unstated = [key for key in missing if key in QUESTIONS_BY_KEY]
    texts = [key for key in missing if key not in QUESTIONS_BY_KEY]
    said = [f"not stated (no vote): {', '.join(unstated)}"] if unstated else []
    said += [f"defaults for: {', '.join(texts)}"] if texts else []
    click.echo(
        f"Notice: stdin is not a terminal, so nothing is asked; {'; '.join(said)} "
        "(pass --no-input to silence this notice).",
        err=True,
    )
    return False


@contextlib.contextmanager
def _typed(field: str) -> Iterator[None]:
    """What is typed at a prompt and is not UTF-8 (Latin-1 from an old terminal) is refused."""
    try:
        yield
    except UnicodeDecodeError:
        raise InputError(field, "is not valid text (undecodable bytes); use UTF-8") from None


class AnswerType(click.ParamType["Value | None"]):
    """An answer typed at a prompt, validated like a flag's: click.prompt asks again if refused.

    ``answers`` are those before it, for the combination rules (sqlite for a
    large project is refused as soon as it is typed). Enter alone at a question
    of the article leaves it not stated (None).
    """

    name = "answer"

    def __init__(self, key: str, answers: Mapping[str, Value]) -> None:
        self.key = key
        self.answers = answers

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Value | None:
        from scaffold.answers import check_combination, clean_value
        from scaffold.criteria import QUESTIONS_BY_KEY

        if value == "" and self.key in QUESTIONS_BY_KEY:
            return None
        try:
            answer = clean_value(self.key, value)
            check_combination({**self.answers, self.key: answer})
        except InputError as error:
            self.fail(str(error), param, ctx)
        return answer


def _asker(prompts_to_stderr: bool, order: Sequence[str]) -> Ask:
    """The ``ask`` callback of answers.complete: one prompt per answer.

    ``order`` lists every answer the conversation asks, for the progress marker.
    """
    from scaffold import terminal
    from scaffold.answers import STARTER_OPTIONS_BY_KEY, TEXT_OPTIONS_BY_KEY, check_combination
    from scaffold.criteria import QUESTIONS_BY_KEY

    def ask(key: str, default: Value | None, answers: Mapping[str, Value]) -> Value | None:
        answer: Value | None
        question = QUESTIONS_BY_KEY.get(key)
        if question is not None:

            def check(value: Value) -> None:
                check_combination({**answers, key: value})

            step = order.index(key) + 1
            with _typed(key):
                return terminal.ask(question, step, len(order), err=prompts_to_stderr, check=check)
        option = STARTER_OPTIONS_BY_KEY.get(key)
        if option is not None:
            # Asked once the framework is known, like the framework itself without a number.
            prompt = f"{option.prompt} ({option.described})"
        else:
            prompt = f"[{order.index(key) + 1}/{len(order)}] {TEXT_OPTIONS_BY_KEY[key].prompt}"
        with _typed(key):
            answer = click.prompt(
                prompt,
                type=AnswerType(key, answers),
                default=default,
                show_default=bool(default),
                err=prompts_to_stderr,
            )
        return answer

    return ask


def _recommendation_data(recommendation: Recommendation) -> dict[str, Any]:
    """The recommendation's fields, with what its properties say (margin, each row's points)."""
    import dataclasses

    return {
        **dataclasses.asdict(recommendation),
        "margin": recommendation.margin,
        "clarity": recommendation.clarity,
        "not_stated": list(recommendation.not_stated),
        "reasons": [
            {
                **dataclasses.asdict(reason),
                "stated": reason.stated,
                "favours": reason.favours,
                "points": reason.points,
            }
            for reason in recommendation.reasons
        ],
    }


def _print_json(result: Any, **extra: Any) -> None:
    """Print one JSON object: a result dataclass's fields (or a mapping), then ``extra``."""
    import dataclasses
    import json

    is_result = dataclasses.is_dataclass(result) and not isinstance(result, type)
    fields = dataclasses.asdict(result) if is_result else dict(result)
    data = {**fields, **extra}
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_value))


def _json_value(value: object) -> object:
    """What json cannot write itself: paths, and mappings such as the completed answers."""
    from pathlib import Path

    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


@click.group(cls=ScaffoldGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scaffold")
def cli() -> None:
    """Choose between Django and Flask for a project, then generate a starter that ships.

    \b
    Exit codes: 0 ok, 1 generation failed (or, for check and update, an
    update is available / a conflict is left), 2 bad usage or input,
    3 the output could not be written, 4 check or update itself failed,
    130 interrupted.
    """


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
def criteria(as_json: bool) -> None:
    """List the questions, their choices and the points each gives."""
    from scaffold.criteria import QUESTIONS

    if as_json:
        _print_json(
            {
                "questions": [
                    {
                        "key": question.key,
                        "criterion": question.criterion,
                        "prompt": question.prompt,
                        "source": question.source,
                        "choices": [
                            {
                                "value": choice.value,
                                "meaning": choice.meaning,
                                "effect": choice.effect,
                                "django": choice.django,
                                "flask": choice.flask,
                                "reason": choice.reason,
                            }
                            for choice in question.choices
                        ],
                    }
                    for question in QUESTIONS
                ]
            }
        )
        return
    from scaffold.decide import NOT_STATED, show

    for question in QUESTIONS:
        click.echo(f"{question.criterion} (--{_flag(question.key)}; {question.source})")
        click.echo(f"  {question.prompt}")
        for choice in question.choices:
            click.echo(
                f"    {show(choice.value):<14} django +{choice.django}  "
                f"flask +{choice.flask}  {choice.reason}"
            )
        click.echo(f"    {'not stated':<14} django +0  flask +0  {NOT_STATED}")
        click.echo("")
    click.echo("A question not answered is not stated: it casts no vote.")


@cli.command(
    name="recommend", cls=DeferredOptions, options=lambda: (_criteria_options, _input_options)
)
def recommend_command(
    answers_file: Path | None, no_input: bool, as_json: bool, **flags: Any
) -> None:
    """Ask the questions and recommend Django or Flask, with the reason for every criterion."""
    from scaffold import terminal
    from scaffold.answers import CRITERIA_KEYS, complete
    from scaffold.decide import recommend

    given = _given(flags, answers_file)
    missing = [key for key in CRITERIA_KEYS if key not in given]
    interactive = _is_interactive(no_input, missing)
    answers = complete(given, _asker(as_json, missing) if interactive else None, keys=CRITERIA_KEYS)
    recommendation = recommend(answers.criteria)
    if as_json:
        _print_json(_recommendation_data(recommendation), answers=answers.criteria)
    else:
        terminal.print_recommendation(recommendation)


_TEXT_DEFAULTS = {
    "project_name": "My Project",
    "project_slug": "made from the project name",
    "description": "made from the project name",
    "author_name": "git config user.name, else empty",
    "author_email": "git config user.email, else empty",
}

# The conversation of `scaffold new`: name and package first (they fix the target
# directory, checked at once), then the criteria, then the rest of the text.
FIRST_TEXT = ("project_name", "project_slug")


def last_text() -> tuple[str, ...]:
    from scaffold.answers import TEXT_KEYS

    return tuple(key for key in TEXT_KEYS if key not in FIRST_TEXT)


def _template_options(command: Callable[..., Any]) -> Callable[..., Any]:
    from scaffold.answers import STARTER_OPTIONS, TEXT_OPTIONS

    aliases = {"author_name": ["--author"], "author_email": ["--email"]}
    for option in reversed(TEXT_OPTIONS):
        decls = [f"--{_flag(option.key)}", *aliases.get(option.key, []), option.key]
        help = _with_default(f"{option.prompt}.", _TEXT_DEFAULTS[option.key])
        command = click.option(*decls, default=None, help=help)(command)
    for starter in reversed(STARTER_OPTIONS):
        help = _with_default(
            f"{starter.prompt} of a {starter.framework.capitalize()} project: {starter.described}.",
            starter.values[0],
        )
        command = click.option(
            f"--{_flag(starter.key)}", starter.key, type=click.Choice(starter.values), help=help
        )(command)
    return command


def _framework(
    recommendation: Recommendation, wanted: str, interactive: bool, prompts_to_stderr: bool
) -> str:
    """The framework to generate; one other than the recommended one is announced."""
    from scaffold import terminal
    from scaffold.decide import choose_framework

    if wanted == "auto" and interactive:
        wanted = terminal.ask_framework(recommendation, err=prompts_to_stderr)
    framework = choose_framework(recommendation, wanted)
    announcement = terminal.override_line(recommendation, framework)
    if announcement:
        click.echo(announcement, err=prompts_to_stderr)
    return framework


def _name_and_target(
    given: Mapping[str, Value], ask: Ask | None, output_dir: Path | None, force: bool, dry_run: bool
) -> tuple[Answers, Path]:
    """The project's name and package, and the directory they make, refused at once if taken.

    At a terminal, a name whose directory is taken is asked again; with ``-o``
    or without a terminal the refusal ends the run before any other question.
    """
    from pathlib import Path

    from scaffold import render
    from scaffold.answers import complete

    while True:
        answers = complete(given, ask, keys=FIRST_TEXT)
        target = (output_dir or Path.cwd() / str(answers["project_slug"])).absolute()
        try:
            render.check_target(target, force=force, dry_run=dry_run)
            return answers, target
        except TargetError as error:
            if ask is None or output_dir is not None or set(FIRST_TEXT) <= set(given):
                raise
            click.echo(f"Error: {error}. Choose another name.", err=True)


def _new_options() -> tuple[Decorator, ...]:
    from pathlib import Path

    from scaffold.answers import FRAMEWORK_CHOICES

    return (
        click.argument("name", required=False),
        _criteria_options,
        click.option(
            "--framework",
            type=click.Choice(FRAMEWORK_CHOICES),
            default=None,
            help=_with_default(
                "auto follows the recommendation; django or flask overrides it.", "auto"
            ),
        ),
        _template_options,
        _input_options,
        click.option(
            "-o",
            "--output-dir",
            type=click.Path(path_type=Path),
            callback=_output_dir_text,
            help=_with_default("The project directory to create.", "./<project_slug>"),
        ),
        click.option("--force", is_flag=True, help="Write into an existing, non-empty directory."),
        click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing."),
        click.option("--no-git", is_flag=True, help="Do not make the project a git repository."),
    )


@cli.command(cls=DeferredOptions, options=_new_options)
def new(
    name: str | None,
    answers_file: Path | None,
    no_input: bool,
    as_json: bool,
    output_dir: Path | None,
    force: bool,
    dry_run: bool,
    no_git: bool,
    **flags: Any,
) -> None:
    """Recommend a framework and generate a starter project NAME from its template."""
    from scaffold import terminal
    from scaffold.answers import (
        CRITERIA_KEYS,
        STARTER_KEYS,
        Answers,
        complete,
        with_starter_defaults,
    )
    from scaffold.api import create_project
    from scaffold.decide import recommend

    if name is not None and flags["project_name"] is None:
        flags["project_name"] = name
    given = _given(flags, answers_file)
    order = [key for key in (*FIRST_TEXT, *CRITERIA_KEYS, *last_text()) if key not in given]
    interactive = _is_interactive(no_input, order)
    prompts_to_stderr = as_json
    ask = _asker(prompts_to_stderr, order) if interactive else None

    answers, target = _name_and_target(given, ask, output_dir, force, dry_run)
    answers = complete(answers, ask, keys=CRITERIA_KEYS)
    recommendation = recommend(answers.criteria)
    if interactive or not as_json:
        terminal.print_recommendation(recommendation, err=prompts_to_stderr)
    from scaffold import render

    wanted = str(given.get("framework", "auto"))
    framework = _framework(recommendation, wanted, interactive, prompts_to_stderr)
    starter_keys = [key for key in STARTER_KEYS if key in render.starter_defaults(framework)]
    answers = complete(answers, ask, keys=starter_keys)
    answers = complete(answers, ask, keys=last_text())
    if interactive:
        starter = with_starter_defaults(answers, render.starter_defaults(framework))
        terminal.print_summary(
            recommendation, framework, str(target), starter, err=prompts_to_stderr
        )
        if not dry_run and not click.confirm(
            "Write the project?", default=True, err=prompts_to_stderr
        ):
            click.echo("Nothing was written.", err=prompts_to_stderr)
            raise click.exceptions.Exit(1)

    created = create_project(
        Answers({**answers, "framework": framework}, answers.stated),
        target,
        force=force,
        dry_run=dry_run,
        git=not no_git,
    )
    if created.git.startswith("in work tree: "):
        click.echo(
            f"Notice: the project is inside the git work tree {created.git.split(': ', 1)[1]}; "
            "commit it as generated, and `scaffold update` merges from that commit "
            "(see docs/lifecycle.md).",
            err=True,
        )
    elif created.git != "initialised" and not (no_git or dry_run):
        click.echo(
            f"Notice: no git baseline ({created.git}); `scaffold update` needs one "
            "(see docs/lifecycle.md).",
            err=True,
        )
    done = "nothing was written" if dry_run else f"the project in {created.path} is complete"
    with _reporting(done):
        if as_json:
            _print_json(
                created,
                not_stated=list(created.answers.not_stated),
                recommendation=_recommendation_data(created.recommendation),
            )
        elif dry_run:
            click.echo(f"\nWould write {len(created.files)} files into {created.path}:")
            for file in created.files:
                click.echo(f"  {file}")
        else:
            _print_next_steps(created.framework, created.path, len(created.files))


def _print_next_steps(framework: str, path: Path, count: int) -> None:
    """Print how to start the project, taken from its own README so the two never disagree."""
    import shlex
    from pathlib import Path

    try:
        shown = path.relative_to(Path.cwd())
    except ValueError:
        shown = path
    click.echo(f"\nCreated a {framework.capitalize()} project in {shown} ({count} files).")
    click.echo("Next steps:")
    click.echo(f"  cd {shlex.quote(str(shown))}")
    for command in _readme_commands(path / "README.md", "## Run it locally"):
        click.echo(f"  {command}")
    click.echo("  python -m pytest")
    click.echo("The project's README.md has the rest: tests, deployment, configuration.")


def _readme_commands(readme: Path, heading: str) -> list[str]:
    """The lines of the first shell block after ``heading`` in a Markdown file."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return []
    _, found, after = text.partition(f"\n{heading}\n")
    if not found or "```sh\n" not in after:
        return []
    block = after.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def _check_options() -> tuple[Decorator, ...]:
    from pathlib import Path

    return (
        click.argument("paths", metavar="[PATH]...", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--json", "as_json", is_flag=True, help="Print a JSON list, one object per PATH."
        ),
    )


@cli.command(cls=DeferredOptions, options=_check_options)
@click.pass_context
def check(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Tell whether the projects at PATH... (default .) are current with the installed templates.

    \b
    Exit 0 when all are current, 1 when an update is available for one,
    2 when a PATH is not a scaffold project or its record is unreadable,
    4 when check itself failed (git, rendering); the worst of all PATHs.
    Fast when nothing changed: fit for a pre-commit hook.
    """
    import dataclasses
    from pathlib import Path

    from scaffold.api import check_project
    from scaffold.lifecycle import UNBORN_HINT, unborn_repository

    listing: list[dict[str, Any]] = []
    worst = EXIT_OK
    for path in paths or (Path("."),):
        try:
            result = check_project(path)
            if unborn_repository(path):
                click.echo(f"Notice: {path}: {UNBORN_HINT}.", err=True)
        except (ScaffoldError, OSError) as error:
            code = error.exit_code if isinstance(error, ScaffoldError) else EXIT_BROKEN
            status = "failed" if code == EXIT_BROKEN else "not-a-project"
            click.echo(f"Error: {error}", err=True)
            listing.append(
                {
                    "path": str(path.absolute()),
                    "status": status,
                    "exit_code": code,
                    "error": str(error),
                }
            )
            worst = max(worst, code)
            continue
        code = EXIT_OK if result.current else EXIT_FAILED
        status = "current" if result.current else "update-available"
        fields = dataclasses.asdict(result)
        listing.append({**fields, "status": status, "exit_code": code, "error": None})
        worst = max(worst, code)
        if not as_json:
            _print_check(result, shown=path if len(paths) > 1 else None)
    if as_json:
        import json

        click.echo(json.dumps(listing, indent=2, ensure_ascii=False, default=_json_value))
    ctx.exit(worst)


def _versions(result: Any) -> tuple[str, str]:
    """The two scaffold versions, with the templates' fingerprints when those alone differ.

    Between releases (a .dev version) templates change under one version number.
    """
    old, new = result.project_version, result.template_version
    if old == new and result.project_templates != result.current_templates:
        old += f" (templates {result.project_templates.removeprefix('sha256:')[:12]})"
        new += f" (templates {result.current_templates.removeprefix('sha256:')[:12]})"
    return old, new


def _print_check(result: Any, shown: Path | None) -> None:
    lead = f"{shown}: " if shown is not None else ""
    if result.current:
        click.echo(f"{lead}Current: the {result.template} template of scaffold {__version__}.")
    else:
        old, new = _versions(result)
        click.echo(
            f"{lead}Update available: made with scaffold {old}, "
            f"the {result.template} template of scaffold {new} differs."
        )
        if result.files_changed is None:
            click.echo("Which files change is unknown: no pristine render in the git history.")
        for file in result.files_changed or []:
            click.echo(f"  {file}")
        click.echo("Run `scaffold update` to merge the changes.")
    if result.base == "missing" and not result.current:
        click.echo(
            "Note: the base of the merge is not in the git history, so `scaffold update` "
            "will refuse (see docs/lifecycle.md).",
        )
    warning = result.support.sentence() if result.support else None
    if warning:
        click.echo(f"{lead}Support: {warning}")


def _update_options() -> tuple[Decorator, ...]:
    from pathlib import Path

    return (
        click.argument("path", type=click.Path(path_type=Path), default="."),
        click.option(
            "--set",
            "settings",
            multiple=True,
            metavar="KEY=VALUE",
            help="Change an answer (repeatable).",
        ),
        click.option("--dry-run", is_flag=True, help="Show the diff; change nothing."),
        click.option(
            "--plan",
            is_flag=True,
            help="List every file the update would touch, and how; write nothing.",
        ),
        click.option(
            "--pr-body",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Write a Markdown summary for a pull request into this file.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout."),
    )


@cli.command(cls=DeferredOptions, options=_update_options)
@click.pass_context
def update(
    ctx: click.Context,
    path: Path,
    settings: tuple[str, ...],
    dry_run: bool,
    plan: bool,
    pr_body: Path | None,
    as_json: bool,
) -> None:
    """Merge the installed templates' changes into the project at PATH, keeping yours.

    Needs a clean git work tree. Exit 0 when merged (and committed), 1 when
    conflicts are left to resolve (with --plan or --dry-run: would be),
    2 when refused (nothing changed), 4 when update itself failed.
    """
    from scaffold.api import update_project
    from scaffold.lifecycle import parse_settings
    from scaffold.record import read_record

    if plan and dry_run:
        raise click.UsageError("--plan and --dry-run are two previews; give one")
    # A wrong --set value is told the values this project's framework can take.
    framework = str(read_record(path)["template"]) if settings else None
    result = update_project(path, parse_settings(settings, framework), dry_run=dry_run, plan=plan)
    if not result.writes or result.current:
        done = "nothing was changed"
    elif result.conflicted:
        done = "the merge is in progress, with conflicts to resolve (see git status)"
    else:
        done = "the update is committed"
    if pr_body is not None:
        from scaffold.summary import pull_request_body

        try:
            pr_body.write_text(pull_request_body(result), encoding="utf-8")
        except OSError as error:
            reason = f"{pr_body}: cannot write the pull request body ({error.strerror})"
            raise OutputError(f"{reason}; {done}") from None
    with _reporting(done):
        if as_json:
            decided = result.recommendation
            _print_json(result, recommendation=decided and _recommendation_data(decided))
        elif plan:
            _print_plan(result)
        else:
            _print_update(result)
    ctx.exit(EXIT_FAILED if result.conflicted else EXIT_OK)


def _print_plan(result: Any) -> None:
    from scaffold.lifecycle import STATUSES

    old, new = _versions(result)
    if result.current:
        click.echo(f"Current: nothing to update (scaffold {new}).")
        return
    click.echo(f"Plan: update from scaffold {old} to {new}; nothing was written.")
    for change in result.files:
        note = f" (binary: ours kept, theirs in {change.path}.theirs)" if change.binary else ""
        click.echo(f"  {change.status:<13} {change.path}{note}")
    counts = {status: 0 for status in STATUSES}
    for change in result.files:
        counts[change.status] += 1
    click.echo(", ".join(f"{count} {status}" for status, count in counts.items() if count) + ".")
    if result.notice:
        click.echo(result.notice)


def _print_update(result: Any) -> None:
    if result.current:
        click.echo(f"Current: nothing to update (scaffold {result.template_version}).")
        return
    if result.dry_run:
        click.echo(result.diff, nl=False)
    marked = [file for file in result.conflicted if file not in result.binary]
    lists = (
        ("merged", result.merged),
        ("added", result.added),
        ("removed", result.removed),
        ("kept", result.kept),
        ("left deleted", result.left_deleted),
        ("CONFLICT", marked),
    )
    for label, files in lists:
        for file in files:
            click.echo(f"  {label:<12} {file}")
    for file in result.binary:
        click.echo(f"  {'CONFLICT':<12} {file}: both changed; ours kept, theirs in {file}.theirs")
    if result.kept:
        click.echo("kept: removed by the template but changed by you.")
    if result.left_deleted:
        click.echo("left deleted: changed by the template but deleted by you.")
    verb = "Would update" if result.dry_run else "Updated"
    old, new = _versions(result)
    click.echo(f"{verb} from scaffold {old} to {new}.")
    if result.notice:
        click.echo(result.notice)
    if marked and not result.dry_run:
        click.echo(
            f"{len(marked)} file(s) have conflict markers: edit them, `git add` them "
            "and `git commit` (or `git merge --abort` to give up).",
            err=True,
        )
    if result.binary and not result.dry_run:
        click.echo(
            f"{len(result.binary)} binary file(s) changed on both sides: keep ours or copy "
            "FILE.theirs over it, delete FILE.theirs, `git add` FILE and `git commit`.",
            err=True,
        )
    if result.commit:
        click.echo(f"Committed as {result.commit[:12]}; `git show` to review it.")


@cli.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the answers file.

    For forms that ask the questions (a Backstage software template) and for
    checking answers files in CI; it accepts exactly what `new` accepts.
    """
    import json

    from scaffold.schema import answers_schema

    # ASCII: the patterns list control characters, escaped so any terminal or pipe takes them.
    with _reporting():
        click.echo(json.dumps(answers_schema(), indent=2))


def _terminated(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # so staging directories and half-made projects are removed


def main() -> None:
    # CI cancels a job with SIGTERM: clean up as for Ctrl-C.
    signal.signal(signal.SIGTERM, _terminated)
    # Under a locale that cannot spell the user's text (a project called 'Café'),
    # printing it must not fail after the project is written.
    if isinstance(sys.stderr, io.TextIOWrapper) and sys.stderr.errors == "strict":
        sys.stderr.reconfigure(errors="backslashreplace")
    if isinstance(sys.stdout, io.TextIOWrapper):
        stdout = sys.stdout
        sys.stdout = WatchedStdout(
            stdout.detach(),
            encoding=stdout.encoding,
            errors="backslashreplace" if stdout.errors == "strict" else stdout.errors,
            line_buffering=stdout.line_buffering,
        )
    cli.main(prog_name="scaffold")
