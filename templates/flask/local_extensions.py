"""Filters that insert answers into generated files as data, never as code.

Answers such as the description may hold quotes, backslashes, unicode or
template syntax; each filter returns a literal of the target language.
"""

import json

from cookiecutter.utils import simple_filter


@simple_filter
def python_string(value):
    """A Python string literal holding ``value``, quoted as ruff format would quote it.

    JSON escapes are valid Python escapes; single quotes are used when they
    need fewer escapes than double quotes.
    """
    text = str(value)
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    if text.count('"') <= text.count("'"):
        return f'"{body}"'
    return "'" + body.replace('\\"', '"').replace("'", "\\'") + "'"


@simple_filter
def toml_string(value):
    """A TOML basic string holding ``value`` (JSON escapes are valid TOML)."""
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
