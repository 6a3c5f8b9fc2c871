"""The shipped migrations build exactly the tables the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from {{ cookiecutter.project_slug }}.extensions import db


def test_migrations_match_the_models(make_app):
    app = make_app(create_tables=False)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []


def test_migrations_downgrade_to_an_empty_database(make_app):
    app = make_app(create_tables=False)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
{%- if cookiecutter.database == 'oracle' %}


def test_models_compile_for_oracle():
    """No Oracle server runs in CI: check at least that Oracle accepts the DDL's types."""
    from sqlalchemy.dialects import oracle
    from sqlalchemy.schema import CreateTable

    for table in db.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=oracle.dialect()))
        assert f"CREATE TABLE {table.name}" in ddl
{%- endif %}
