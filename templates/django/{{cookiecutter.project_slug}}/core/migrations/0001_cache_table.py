"""The table of the database cache (settings CACHES), made by `migrate` like every other table."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing when CACHES names no database cache (tests, Redis).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
