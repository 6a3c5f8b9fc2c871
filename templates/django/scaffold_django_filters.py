"""Jinja filters that insert answers into generated files as data, never as code."""

import json

from cookiecutter.utils import simple_filter


@simple_filter
def pystr(value):
    """A Python string literal holding `value` exactly (quotes, backslashes, unicode)."""
    return repr(str(value))


@simple_filter
def tomlstr(value):
    """A TOML basic string holding `value` exactly.

    JSON's escapes are a subset of TOML's; TOML also forbids a raw DEL character.
    """
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
