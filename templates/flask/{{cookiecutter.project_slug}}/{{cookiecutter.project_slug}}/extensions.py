"""Flask extensions, created unbound here and bound to the app in create_app."""
{% if cookiecutter.__i18n %}
from flask_babel import Babel
{%- endif %}
{%- if cookiecutter.__limits %}
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
{%- endif %}
{%- if cookiecutter.__web %}
from flask_login import LoginManager
from flask_mail import Mail
{%- endif %}
{%- if cookiecutter.__sql %}
from flask_migrate import Migrate
{%- endif %}
{%- if cookiecutter.__api %}
from flask_smorest import Api
{%- endif %}
{%- if cookiecutter.__sql %}
from flask_sqlalchemy import SQLAlchemy
{%- endif %}
{%- if cookiecutter.__web %}
from flask_wtf import CSRFProtect
{%- endif %}
{%- if cookiecutter.__sql %}
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base of every model."""

    # Named constraints, so migrations can alter and drop them on every database.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )

{% else %}
{% endif %}
{%- if cookiecutter.__sql %}
# Objects returned by the store stay readable after their commit, like the NoSQL stores.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
{%- endif %}
{%- if cookiecutter.__web %}
login_manager = LoginManager()
csrf = CSRFProtect()
# Password-reset e-mail; MAIL_* settings in config.py.
mail = Mail()
{%- endif %}
{%- if cookiecutter.__i18n %}
babel = Babel()
{%- endif %}
{%- if cookiecutter.__limits %}
# No default limits: only the log-in and token endpoints are limited.
limiter = Limiter(get_remote_address)
{%- endif %}
{%- if cookiecutter.__api %}
api = Api()
{%- endif %}
