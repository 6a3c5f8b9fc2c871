{%- set rules = cookiecutter.security != 'basic' -%}
"""The password rules, checked wherever a password is set.

{% if cookiecutter.__web %}Registration, password reset{% if cookiecutter.__admin %}, the admin area{% endif %} and {% endif %}`flask create-user` call them.
{%- if rules %}

At least 12 characters, not all digits, not containing the e-mail's name, and not
one of the 20,000 common passwords of `common-passwords.txt.gz` (the list Django's
CommonPasswordValidator uses, so both frameworks refuse the same passwords).
{%- else %}

At least 8 characters (security level basic: a minimum length only).
{%- endif %}
"""
{%- if rules %}

import gzip
from functools import cache
from pathlib import Path
{%- endif %}
{%- if cookiecutter.__web %}

from .i18n import _
{%- endif %}

MIN_LENGTH = {{ 12 if rules else 8 }}
MAX_LENGTH = 128
{%- if rules %}
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")
{%- endif %}
{%- if not cookiecutter.__web %}


def _(text: str, **variables: object) -> str:
    return text % variables if variables else text
{%- endif %}
{%- if rules %}


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)
{%- endif %}


def password_problems(password: str{% if rules %}, email: str = ""{% endif %}) -> list[str]:
    """Why the password is refused, in words for the user; empty when it is accepted."""
    if len(password) < MIN_LENGTH:
        return [_("Use at least %(count)d characters.", count=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_("Use at most %(count)d characters.", count=MAX_LENGTH)]
{%- if rules %}
    problems = []
    if password.isdigit():
        problems.append(_("Use more than digits."))
    if password.lower().strip() in common_passwords():
        problems.append(_("This password is too common."))
    name = email.partition("@")[0].lower()
    if len(name) >= 3 and name in password.lower():
        problems.append(_("The password must not contain your e-mail address."))
    return problems
{%- else %}
    return []
{%- endif %}
