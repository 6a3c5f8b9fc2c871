"""`flask` commands for running the project: accounts and example data."""

import click
from flask import Flask
from flask.cli import with_appcontext

from . import accounts, store
from .passwords import password_problems


def refuse_a_weak_password(email: str, password: str) -> None:
    """The same rules as {% if cookiecutter.__web %}the registration page{% else %}everywhere else{% endif %}: no weaker account, administrators included."""
    problems = password_problems(password{% if cookiecutter.security != 'basic' %}, accounts.normalize_email(email){% endif %})
    if problems:
        raise click.ClickException("password refused: " + " ".join(problems))


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.password_option(help="Prompted for when not given.")
{%- if cookiecutter.__admin %}
@click.option("--admin", is_flag=True, help="Give the account access to the admin area.")
def create_user(email: str, password: str, admin: bool) -> None:
    """Create an account{% if cookiecutter.__web %} (use --admin for the first administrator){% endif %}."""
    refuse_a_weak_password(email, password)
    user = accounts.register(email, password, is_admin=admin)
{%- else %}
def create_user(email: str, password: str) -> None:
    """Create an account."""
    refuse_a_weak_password(email, password)
    user = accounts.register(email, password)
{%- endif %}
    if user is None:
        raise click.ClickException(f"an account already uses {email}")
    click.echo(f"Created account {user.email} (id {user.id}).")


@click.command("seed")
@with_appcontext
@click.argument("owner_email")
@click.option("--count", default=3, show_default=True, help="How many items to add.")
def seed(owner_email: str, count: int) -> None:
    """Add example items owned by an existing account."""
    owner = store.find_user(accounts.normalize_email(owner_email))
    if owner is None:
        raise click.ClickException(f"no account uses {owner_email}: run `flask create-user` first")
    for number in range(1, count + 1):
        store.add_item(f"Example item {number}", "Added by `flask seed`.", str(owner.id))
    click.echo(f"Added {count} items.")


{%- if cookiecutter.database in ['mongodb', 'cassandra'] %}


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create the database's {% if cookiecutter.database == 'mongodb' %}indexes{% else %}keyspace and tables{% endif %} (safe to run again)."""
    store.{% if cookiecutter.database == 'mongodb' %}create_indexes{% else %}create_schema{% endif %}()
    click.echo("Database ready.")
{%- endif %}


def init_app(app: Flask) -> None:
    app.cli.add_command(create_user)
    app.cli.add_command(seed)
{%- if cookiecutter.database in ['mongodb', 'cassandra'] %}
    app.cli.add_command(init_db)
{%- endif %}
