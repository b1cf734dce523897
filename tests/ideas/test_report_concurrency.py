"""One open report per person and object, under simultaneous requests (PostgreSQL).

The check-then-insert in ideas.comments finds no open report in every thread at once; the
partial unique constraints decide. With GAGASAN_UNGUARDED_REPORTS=1 the constraints are
dropped for the run, and the test fails: several open reports by one person on one comment.
"""

import os

import pytest
from django.db import connection

from ideas import services
from ideas.models import Report
from tests.conftest import client_for
from tests.factories import UserFactory, make_idea
from tests.support import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is proven on PostgreSQL (set DATABASE_URL); SQLite serialises writers",
    ),
]

UNGUARDED = os.environ.get("GAGASAN_UNGUARDED_REPORTS") == "1"


@pytest.fixture(autouse=True)
def unguarded():
    if not UNGUARDED:
        yield
        return
    constraints = [c for c in Report._meta.constraints if c.name.startswith("ideas_report_one")]
    with connection.schema_editor() as editor:
        for constraint in constraints:
            editor.remove_constraint(Report, constraint)
    yield
    Report.objects.all().delete()
    with connection.schema_editor() as editor:
        for constraint in constraints:
            editor.add_constraint(Report, constraint)


def test_simultaneous_reports_by_one_person_make_one_open_report():
    reporter = UserFactory()
    for run in range(5):
        idea = make_idea(title=f"Gagasan {run}")
        comment = services.comment_create(idea=idea, author=UserFactory(), body="Iklan")
        client = client_for(reporter)

        def report(comment=comment, client=client):
            response = client.post(
                f"/api/comments/{comment.pk}/report/", {"reason": "spam"}, format="json"
            )
            return response.status_code, response.json()["id"]

        results = run_together([report] * 8)

        assert all(isinstance(result, tuple) for result in results), results
        assert Report.objects.filter(comment=comment, reporter=reporter).count() == 1, results
        assert sorted(code for code, _ in results) == [200] * 7 + [201], results
        assert len({report_id for _, report_id in results}) == 1
