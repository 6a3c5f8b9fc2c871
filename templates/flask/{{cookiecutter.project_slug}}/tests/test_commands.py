"""The `flask` commands."""

from {{ cookiecutter.project_slug }} import store

from .conftest import PASSWORD


def test_create_user_then_seed(app):
    runner = app.test_cli_runner()
    options = ["--password", PASSWORD{% if cookiecutter.__admin %}, "--admin"{% endif %}]
    result = runner.invoke(args=["create-user", "Ada@example.com", *options])
    assert result.exit_code == 0, result.output
    assert "Created account ada@example.com" in result.output

    result = runner.invoke(args=["seed", "ada@example.com", "--count", "2"])
    assert result.exit_code == 0, result.output
    with app.app_context():
{%- if cookiecutter.__admin %}
        assert store.find_user("ada@example.com").is_admin
{%- endif %}
        assert len(store.list_items()) == 2


def test_create_user_refuses_a_taken_email(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "ada@example.com", "--password", PASSWORD])
    result = runner.invoke(args=["create-user", "ada@example.com", "--password", PASSWORD])
    assert result.exit_code != 0
    assert "already uses" in result.output


def test_seed_needs_an_existing_owner(app):
    result = app.test_cli_runner().invoke(args=["seed", "nobody@example.com"])
    assert result.exit_code != 0
    assert "create-user" in result.output
