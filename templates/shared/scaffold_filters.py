"""Jinja filters that insert answers into generated files as data, never as code.

Both templates use this one module (each links to it from its own directory,
where cookiecutter looks for local extensions). Answers such as the description
may hold quotes, backslashes, unicode or template syntax; each filter returns a
literal of the target language holding the value exactly.
"""

import json
import re
import unicodedata
from pathlib import Path

from jinja2.ext import Extension


# The generated projects' ruff line-length (their pyproject.toml).
LINE_LENGTH = 100


def simple_filter(function):
    """A Jinja extension adding ``function`` as a filter of its name (as
    cookiecutter.utils.simple_filter, without importing cookiecutter)."""

    class FilterExtension(Extension):
        def __init__(self, environment):
            super().__init__(environment)
            environment.filters[function.__name__] = function

    FilterExtension.__name__ = function.__name__
    return FilterExtension


@simple_filter
def python_string(value, column=0, indent=0):
    """A Python string literal holding ``value``, as ruff format and ruff check want it.

    Quotes as ruff format chooses them (double, unless single needs fewer
    escapes). Characters ruff would flag as ambiguous (RUF001: typographic
    quotes and dashes, a Cyrillic letter among Latin ones, invisible spaces)
    are written as ``\\N{NAME}`` escapes; accented Latin letters and words of
    other scripts stay as typed. ``column`` is where the literal starts on its
    line and ``indent`` that line's indentation: a literal that would pass the
    line length is split into parenthesized parts, one per line, as ruff
    format lays out a string that cannot be joined onto one line.
    """
    text = str(value)
    whole = _literal(text, range(len(text)))
    if column + _width(whole) <= LINE_LENGTH:
        return whole
    parts = _split(text, LINE_LENGTH - indent - 4)
    inner = " " * (indent + 4)
    return "(\n" + "".join(f"{inner}{part}\n" for part in parts) + " " * indent + ")"


def _literal(text, positions):
    """The literal of ``text[positions]``, each character judged in the whole text."""
    chunk = "".join(text[i] for i in positions)
    quote = '"' if chunk.count('"') <= chunk.count("'") else "'"
    return quote + "".join(_char(text, i, quote) for i in positions) + quote


def _char(text, i, quote):
    char = text[i]
    if char in ("\\", quote):
        return "\\" + char
    if char.isascii():
        return char if char.isprintable() else f"\\x{ord(char):02x}"
    if _plain(text, i):
        return char
    name = unicodedata.name(char, "")
    if name:
        return "\\N{" + name + "}"
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def _plain(text, i):
    """Whether ruff reads ``text[i]`` as what it is: a letter (or its accent) that is
    accented Latin, or part of a word with no ASCII letter or digit in it."""
    while i > 0 and unicodedata.category(text[i])[0] == "M":
        i -= 1  # an accent goes with the letter it is on
    char = text[i]
    if unicodedata.category(char)[0] != "L":
        return False
    if _latin(char):
        return True
    start, end = i, i + 1
    while start > 0 and unicodedata.category(text[start - 1])[0] in "LMN":
        start -= 1
    while end < len(text) and unicodedata.category(text[end])[0] in "LMN":
        end += 1
    return not any(c.isascii() and c.isalnum() for c in text[start:end])


def _latin(char):
    # Latin-1 and Latin Extended-A letters, but for the dotless i and the long s
    # (ruff takes them for i and f); beyond them, letters that decompose into an
    # ASCII letter and accents.
    code = ord(char)
    if 0xC0 <= code <= 0x17F:
        return code not in (0xD7, 0xF7, 0x131, 0x17F)
    base = unicodedata.normalize("NFD", char)[0]
    return base.isascii() and base.isalpha()


def _width(literal):
    """Columns, as ruff measures a line: wide characters (CJK) take two, accents none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in literal
    )


def _split(text, width):
    """``text`` as literals of at most ``width`` characters, cut after spaces where it can."""
    pieces = _Pieces(text)
    parts, current = [], pieces.part()
    for match in re.finditer(r"\S+\s*|\s+", text):
        word = range(match.start(), match.end())
        if current.positions and current.width_with(word) > width:
            parts.append(current.positions)
            current = pieces.part()
        for i in word:  # a word longer than a line is cut between characters
            if current.positions and current.width_with([i]) > width:
                parts.append(current.positions)
                current = pieces.part()
            current.add(i)
    parts.append(current.positions)
    return [_literal(text, part) for part in parts if part]


class _Pieces:
    """Each character of ``text`` as written between either quote, with its width,
    so that the width of a part's literal is a sum (``_split`` is linear)."""

    def __init__(self, text):
        self.text = text
        self.width = {
            quote: [_width(_char(text, i, quote)) for i in range(len(text))] for quote in "\"'"
        }

    def part(self):
        return _Part(self)


class _Part:
    """Positions of a part being built, with the sums that give its literal's width."""

    def __init__(self, pieces):
        self.pieces, self.positions = pieces, []
        self.quotes = {'"': 0, "'": 0}
        self.widths = {'"': 0, "'": 0}

    def add(self, i):
        self.positions.append(i)
        char = self.pieces.text[i]
        if char in self.quotes:
            self.quotes[char] += 1
        for quote, widths in self.pieces.width.items():
            self.widths[quote] += widths[i]

    def width_with(self, positions):
        """The width of the literal of this part and ``positions`` (as ``_literal`` quotes it)."""
        quotes, widths = dict(self.quotes), dict(self.widths)
        for i in positions:
            char = self.pieces.text[i]
            if char in quotes:
                quotes[char] += 1
            for quote, pieces in self.pieces.width.items():
                widths[quote] += pieces[i]
        quote = '"' if quotes['"'] <= quotes["'"] else "'"
        return widths[quote] + 2


@simple_filter
def toml_string(value):
    """A TOML basic string holding ``value`` (JSON escapes are valid TOML; TOML also
    forbids a raw DEL character)."""
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


class TemplateRules(Extension):
    """The Jinja global ``rules_file``: the path of the rules.json beside this module.

    The pre_gen_project hook reads it; cookiecutter renders hooks into temporary
    files, so a hook cannot find the template's files by its own location.
    """

    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["rules_file"] = str(Path(__file__).with_name("rules.json"))
