"""Every model change has its migration: several people change the models at once, and a
change without one would only show as a broken deploy."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exit})")
    assert "No changes detected" in out.getvalue()
