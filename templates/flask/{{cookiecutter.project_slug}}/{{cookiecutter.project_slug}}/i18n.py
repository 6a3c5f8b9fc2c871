{%- if cookiecutter.__i18n -%}
"""Translation functions: the rest of the code imports them from here."""

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .extensions import babel

__all__ = ["_", "_l", "init_app", "select_locale"]


def select_locale() -> str | None:
    """The language chosen with the switcher, else the browser's preference.

    Outside a request (`flask create-user`) the default language.
    """
    if not has_request_context():
        return None
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(list(languages))


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
{%- else -%}
"""Translation hooks without a translation layer.

Text goes through `_` so that adding Flask-Babel later is a change of this
module only.
"""

from flask import Flask


def _(text: str, **variables: object) -> str:
    return text % variables if variables else text


_l = _


def init_app(app: Flask) -> None:
    """Make `_` available in page templates, as Flask-Babel would."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_null_translations(newstyle=True)
{%- endif %}
