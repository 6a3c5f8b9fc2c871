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
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
{%- if cookiecutter.__admin %}
    Optional,
{%- endif %}
    ValidationError,
)

from .i18n import _l
from .passwords import MAX_LENGTH, password_problems


def follows_the_password_rules(form: FlaskForm, field: PasswordField) -> None:
    """WTForms validator: the rules of passwords.py{% if cookiecutter.security != 'basic' %}, with the form's e-mail when it has one{% endif %}."""
{%- if cookiecutter.security == 'basic' %}
    problems = password_problems(field.data or "")
{%- else %}
    # A form without an e-mail field (the password reset) names its account's.
    email = form.email.data if hasattr(form, "email") else getattr(form, "account_email", "")
    problems = password_problems(field.data or "", email or "")
{%- endif %}
    if problems:
        raise ValidationError(" ".join(problems))


class RegisterForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), follows_the_password_rules]
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords must match."))],
    )
    submit = SubmitField(_l("Create account"))


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    remember = BooleanField(_l("Keep me logged in"))
    submit = SubmitField(_l("Log in"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    submit = SubmitField(_l("Send the reset link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), follows_the_password_rules]
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords must match."))],
    )
    submit = SubmitField(_l("Set the new password"))

    def __init__(self, account_email: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.account_email = account_email


{% if cookiecutter.security == 'strict' -%}
class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(), Length(max=32)],
    )
    submit = SubmitField(_l("Verify"))


class DisableMfaForm(CodeForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField(_l("Turn off"))


{% endif -%}
class ItemForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Add item"))
{%- if cookiecutter.__admin %}


class AdminNewUserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), follows_the_password_rules]
    )
    is_admin = BooleanField(_l("Administrator"))
    submit = SubmitField(_l("Create account"))


class AdminEditUserForm(FlaskForm):
    password = PasswordField(
        _l("New password (leave empty to keep the current one)"),
        validators=[Optional(), follows_the_password_rules],
    )
    is_admin = BooleanField(_l("Administrator"))
{%- if cookiecutter.security == 'strict' %}
    unlock = BooleanField(_l("Unlock: forget the failed log-ins"))
    reset_mfa = BooleanField(_l("Turn off two-factor authentication (a lost phone)"))
{%- endif %}
    submit = SubmitField(_l("Save"))

    def __init__(self, account_email: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.account_email = account_email


class AdminItemForm(ItemForm):
    submit = SubmitField(_l("Save"))


class DeleteForm(FlaskForm):
    """A button that deletes; prefixed, so its ids stay unique beside the edit form's."""

    submit = SubmitField(_l("Delete"))

    def __init__(self, **kwargs) -> None:
        super().__init__(prefix="delete", **kwargs)
{%- endif %}
{%- if cookiecutter.__i18n %}


class LanguageForm(FlaskForm):
    """The switcher in every page's header: prefixed, so its ids stay unique."""

    language = SelectField(_l("Language"))

    def __init__(self, **kwargs) -> None:
        super().__init__(prefix="lang", **kwargs)
{%- endif %}
