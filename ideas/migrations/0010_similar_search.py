"""Similar ideas (ideas.similar) on PostgreSQL: pg_trgm and a GIN trigram index on the title,
beside the full-text vector's GIN index of migration 0002 (SQLite skips this: ideas.similar has
a fallback there). And merges (ideas.merge): the status trail names the idea merged into."""

import django.db.models.deletion
from django.db import migrations, models

FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS ideas_idea_title_trgm ON ideas_idea USING gin (title gin_trgm_ops);
"""

# The extension stays: other objects may have come to depend on it.
BACKWARD = "DROP INDEX IF EXISTS ideas_idea_title_trgm;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0009_activityday_backfill")]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AddField(
            model_name="ideastatuschange",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="ideas.idea",
            ),
        ),
    ]
