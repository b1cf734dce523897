"""The OpenAPI schema generates without a warning and validates (API.md: it must agree)."""

from django.core.management import call_command


def test_the_openapi_schema_generates_without_warnings_and_validates(tmp_path):
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = target.read_text(encoding="utf-8")
    for path in (
        "/api/ideas/{idea_id}/comments/",
        "/api/leaderboard/",
        "/api/ideas/{idea_id}/vote/",
        "/api/staff/",
        "/api/staff/import/",
        "/api/staff/{user_id}/roles/",
        "/api/notifications/",
        "/api/notifications/read/",
    ):
        assert path in schema
    assert "author_label" in schema
