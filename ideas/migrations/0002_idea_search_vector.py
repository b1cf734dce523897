"""Full-text search on PostgreSQL: a trigger keeps Idea.search_vector (Indonesian stemming,
title weighted above problem above solution) and a GIN index serves it. SQLite skips this."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION ideas_idea_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('indonesian', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('indonesian', coalesce(NEW.problem, '')), 'B') ||
        setweight(to_tsvector('indonesian', coalesce(NEW.solution, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ideas_idea_search_vector_trigger
    BEFORE INSERT OR UPDATE OF title, problem, solution ON ideas_idea
    FOR EACH ROW EXECUTE FUNCTION ideas_idea_search_vector_update();

UPDATE ideas_idea SET title = title;

CREATE INDEX ideas_idea_search_gin ON ideas_idea USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS ideas_idea_search_gin;
DROP TRIGGER IF EXISTS ideas_idea_search_vector_trigger ON ideas_idea;
DROP FUNCTION IF EXISTS ideas_idea_search_vector_update();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
