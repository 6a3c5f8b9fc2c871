"""Jinja filters that insert answers into generated files as data, never as code.

Both templates use this one module (each links to it from its own directory,
where cookiecutter looks for local extensions). Answers such as the description
may hold quotes, backslashes, unicode or template syntax; each filter returns a
literal of the target language holding the value exactly.
"""

import json
from pathlib import Path

from cookiecutter.utils import simple_filter
from jinja2.ext import Extension


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
