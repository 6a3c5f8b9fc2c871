"""Forms of the site; Flask-WTF adds and checks a CSRF token on each."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
{%- if cookiecutter.__i18n %}
    SelectField,
{%- endif %}
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length

from .i18n import _l

MIN_PASSWORD_LENGTH = {{ 12 if cookiecutter.security == 'strict' else 10 }}


class RegisterForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=128)]
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords must match."))],
    )
    submit = SubmitField(_l("Create account"))


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    remember = BooleanField(_l("Keep me logged in"))
    submit = SubmitField(_l("Log in"))


class ItemForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Add item"))
{%- if cookiecutter.__i18n %}


class LanguageForm(FlaskForm):
    """The switcher in every page's header: prefixed, so its ids stay unique."""

    language = SelectField(_l("Language"))

    def __init__(self, **kwargs) -> None:
        super().__init__(prefix="lang", **kwargs)
{%- endif %}
