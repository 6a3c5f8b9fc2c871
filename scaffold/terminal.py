"""The conversation with a person at a terminal: questions, choices, tables.

Everything printed here is laid out by rich, which wraps text inside its cells
at word boundaries for the width of the terminal, and uses colour only on a
terminal (never when ``NO_COLOR`` is set). rich is imported when something is
printed, not before, so ``scaffold --help`` stays light.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from scaffold.answers import STARTER_OPTIONS, Answers
from scaffold.criteria import FRAMEWORKS, QUESTIONS, Choice, Question, Value
from scaffold.decide import Recommendation, table_rows, what_if_in_words
from scaffold.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console


class ChoiceType(click.ParamType[str]):
    """One of a few words, given as its number, an unambiguous prefix or in full.

    ``ruled_out`` names words that are not offered, each with the reason; typing
    one of them repeats the reason instead of a bare "not a choice". ``check``
    may refuse a word with an InputError (a combination no template can honour),
    and click.prompt asks again. With ``optional``, Enter alone gives "".
    """

    name = "choice"

    def __init__(
        self,
        words: Sequence[str],
        ruled_out: Mapping[str, str] | None = None,
        check: Callable[[str], None] | None = None,
        optional: bool = False,
    ) -> None:
        self.words = tuple(words)
        self.ruled_out = dict(ruled_out or {})
        self.check = check
        self.optional = optional

    def allowed(self) -> str:
        numbers = "1" if len(self.words) == 1 else f"1-{len(self.words)}"
        return f"{numbers} or {', '.join(self.words)}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if self.optional and str(value).strip() == "":
            return ""
        word = self._word(value, param, ctx)
        if self.check is not None:
            try:
                self.check(word)
            except InputError as error:
                self.fail(f"{error}.", param, ctx)
        return word

    def _word(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip().lower()
        if text.isdigit() and 1 <= int(text) <= len(self.words):
            return self.words[int(text) - 1]
        if text in self.words:
            return text
        if text in self.ruled_out:
            self.fail(f"{text} is ruled out: {self.ruled_out[text]}.", param, ctx)
        matches = [word for word in self.words if text and word.startswith(text)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.fail(
                f"{value!r} could be {' or '.join(matches)}; type more of the word.", param, ctx
            )
        excluded = [word for word in self.ruled_out if text and word.startswith(text)]
        if len(excluded) == 1:
            self.fail(f"{excluded[0]} is ruled out: {self.ruled_out[excluded[0]]}.", param, ctx)
        self.fail(f"{value!r} is not a choice; answer {self.allowed()}.", param, ctx)


def console(err: bool = False) -> Console:
    """A rich console on stdout (or stderr), coloured only on a terminal without NO_COLOR."""
    from rich.console import Console

    class ReportingConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 silently; scaffold reports a closed pipe itself (exit 3).
            error = sys.exc_info()[1]
            if error is not None:
                raise error

    plain = bool(os.environ.get("NO_COLOR"))
    return ReportingConsole(
        file=sys.stderr if err else sys.stdout,
        color_system=None if plain else "auto",
        markup=False,
        highlight=False,
        emoji=False,
    )


def _value_of(question: Question, word: str) -> Value:
    return next(choice.value for choice in question.choices if choice.word == word)


def _shared_effects(choices: Sequence[Choice]) -> dict[str, list[str]]:
    """Effects that several choices have in common, with the words of those choices."""
    by_effect: dict[str, list[str]] = {}
    for choice in choices:
        if choice.effect:
            by_effect.setdefault(choice.effect, []).append(choice.word)
    return {effect: words for effect, words in by_effect.items() if len(words) > 1}


def _effect(label: str, effect: str) -> Any:
    from rich.text import Text

    return Text(label, style="bold") + Text(effect, style="cyan")


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def ask(
    question: Question,
    step: int,
    total: int,
    *,
    err: bool = False,
    check: Callable[[Value], None] | None = None,
) -> Value | None:
    """Ask one question: its plain words, numbered choices with what each does, a short prompt.

    Enter alone leaves the question not stated (None): it casts no vote. ``check``
    refuses an answer with an InputError; the question is then asked again.
    """
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    out = console(err)
    out.print()
    out.print(Text(f"[{step}/{total}] ", style="dim") + Text(question.prompt, style="bold"))
    shared = _shared_effects(question.choices)
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(justify="right", style="dim")
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for number, choice in enumerate(question.choices, start=1):
        grid.add_row(str(number), choice.word, choice.meaning)
        if choice.effect and choice.effect not in shared:
            grid.add_row("", "", _effect("Starter: ", choice.effect))
    notes = [_effect(f"Starter with {_and(words)}: ", effect) for effect, words in shared.items()]
    if not question.shapes_starter:
        notes.append(Text("This answer moves the recommendation only; the starter stays the same."))
    out.print(grid)
    for note in notes:
        out.print(Padding(note, (0, 0, 0, 1)))

    def check_word(word: str) -> None:
        if check is not None:
            check(_value_of(question, word))

    words = [choice.word for choice in question.choices]
    chosen = click.prompt(
        f"Answer (1-{len(words)}; Enter: not stated)",
        type=ChoiceType(words, check=check_word, optional=True),
        default="",
        show_default=False,
        err=err,
    )
    return _value_of(question, chosen) if chosen else None


def ask_framework(recommendation: Recommendation, *, err: bool = False) -> str:
    """Accept the recommendation or override it, offering only frameworks not ruled out.

    Why a framework is ruled out was printed just above, under the table
    (:func:`print_recommendation`); it is repeated only when the user types it.
    """
    ruled_out = {str(name): why for name, why in recommendation.excluded.items()}
    remaining = [framework for framework in FRAMEWORKS if framework not in ruled_out]
    recommended = recommendation.framework
    out = console(err)
    out.print()
    if ruled_out:
        out.print(f"Only {', '.join(name.capitalize() for name in remaining)} remains.")
    else:
        other = next(name for name in remaining if name != recommended)
        out.print(
            f"Press Enter to take {recommended.capitalize()}, the recommendation, "
            f"or type {other} to override it."
        )
    return str(
        click.prompt(
            f"Framework ({', '.join(remaining)})",
            type=ChoiceType(remaining, ruled_out),
            default=recommended,
            err=err,
        )
    )


def override_line(recommendation: Recommendation, framework: str) -> str | None:
    """The one line that announces a framework other than the recommended one."""
    if framework == recommendation.framework:
        return None
    return (
        f"{framework.capitalize()} chosen over the recommended "
        f"{recommendation.framework.capitalize()}."
    )


_FRAMEWORK_STYLE = {"django": "green", "flask": "magenta"}


def print_recommendation(recommendation: Recommendation, *, err: bool = False) -> None:
    """The table of reasons, the totals and the recommendation, fitted to the terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=True, collapse_padding=True
    )
    out = console(err)
    # The criterion takes a quarter of the width, never less than its longest word,
    # so no word is cut, and the reasons get the rest.
    names = [reason.criterion for reason in recommendation.reasons]
    longest_word = max(len(word) for name in names for word in name.split())
    width = min(max(len(name) for name in names), max(longest_word, out.width // 4))
    table.add_column("Criterion", style="bold", width=width)
    table.add_column("Answer", no_wrap=True)
    table.add_column("Django", justify="right", no_wrap=True)
    table.add_column("Flask", justify="right", no_wrap=True)
    table.add_column("Reason (article)", ratio=1)
    for row in table_rows(recommendation):
        leader = _FRAMEWORK_STYLE.get(row.favours, "")
        table.add_row(
            row.criterion,
            row.answer,
            Text(str(row.django), style=leader if row.favours == "django" else "dim"),
            Text(str(row.flask), style=leader if row.favours == "flask" else "dim"),
            Text(row.reason) + Text(f" ({row.source})", style="dim"),
        )
    out.print()
    out.print(table)
    scores = recommendation.scores
    out.print(
        f"Django {scores['django']}, Flask {scores['flask']}: margin {recommendation.margin}, "
        f"{recommendation.clarity}."
    )
    if recommendation.tie_break:
        out.print(f"The points are level: {recommendation.tie_break}.")
    for framework, why in recommendation.excluded.items():
        out.print(Text(f"{framework.capitalize()} is ruled out: {why}.", style="bold"))
    out.print(
        Text("Recommendation: ", style="bold")
        + Text(
            recommendation.framework.capitalize(),
            style="bold " + _FRAMEWORK_STYLE[recommendation.framework],
        )
    )
    out.print(what_if_in_words(recommendation))


def print_summary(
    recommendation: Recommendation,
    framework: str,
    target: str,
    answers: Answers,
    *,
    err: bool = False,
) -> None:
    """What is about to be written: framework, place, and the answers that shape the starter.

    ``answers`` are those the starter is made with: a question not stated shows
    the template's default it takes.
    """
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2), pad_edge=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    chosen = override_line(recommendation, framework) or (
        f"{framework.capitalize()}, as recommended."
    )
    grid.add_row("framework", chosen)
    grid.add_row("directory", target)
    grid.add_row("package", str(answers["project_slug"]))
    for question in QUESTIONS:
        if question.shapes_starter and question.key in answers:
            choice = question.choice(answers[question.key])
            shown = f"{choice.word} - {choice.meaning}"
            if question.key not in answers.stated:
                shown += " (not stated: the starter's default)"
            grid.add_row(question.key.replace("_", " "), shown)
    for option in STARTER_OPTIONS:
        if option.key in answers:
            value = str(answers[option.key])
            shown = f"{value} - {dict(option.choices)[value]}"
            if option.key not in answers.stated:
                shown += " (the starter's default)"
            grid.add_row(option.key.replace("_", " "), shown)
    out = console(err)
    out.print()
    out.print(Text("About to write:", style="bold"))
    out.print(grid)
