"""core.db.Statement: SQL the ORM builds once per shape, each call binding its own values.

On PostgreSQL (where it compiles; on SQLite each call builds its query): the rows equal the
ORM's for every reader, a key that misses what the SQL depends on is caught by the check the
tests run with, and a value the query would change on its way in is refused at compile time."""

import pytest
from django.db import connection

from accounts.roles import user_is_admin, user_role_facts, user_stand_in
from core.db import Statement
from ideas.models import Idea
from ideas.selectors import idea_list
from tests.factories import UserFactory, make_idea

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="compiled on PostgreSQL only"),
]


def visible_ids(key, *, viewer_id):
    viewer = user_stand_in(key, viewer_id)
    return idea_list(user=viewer).order_by("id").values("id", "has_voted", "author_hidden")


def test_one_compiled_shape_answers_each_reader_as_the_orm_does():
    statement = Statement(visible_ids)
    readers = [UserFactory() for _ in range(3)]
    drafts = [make_idea(author=reader, draft=True) for reader in readers]
    published = make_idea(author=UserFactory())
    facts = user_role_facts(readers[0])
    assert all(user_role_facts(reader) == facts for reader in readers)

    for reader in readers:
        rows = statement.rows(facts, viewer_id=reader.pk)
        expected = list(
            idea_list(user=reader).order_by("id").values("id", "has_voted", "author_hidden")
        )
        assert rows == expected
        assert {row["id"] for row in rows} == {published.pk, drafts[readers.index(reader)].pk}
    assert len(statement._shapes) == 1  # built once, bound three times


def test_a_key_that_misses_a_branch_of_the_rules_fails_the_check(settings):
    """Keyed by nothing, the query built for an admin (every idea) would serve staff: the
    builder reads the reader's roles from outside its key, and the check sees it."""
    reading_as = {}
    statement = Statement(
        lambda _key, *, viewer_id: visible_ids(reading_as["facts"], viewer_id=viewer_id)
    )
    admin, staff = UserFactory(roles=["admin"]), UserFactory()
    assert user_is_admin(admin) and not user_is_admin(staff)
    make_idea(author=admin, draft=True)

    reading_as["facts"] = user_role_facts(admin)
    statement.rows((), viewer_id=admin.pk)
    reading_as["facts"] = user_role_facts(staff)
    with pytest.raises(AssertionError, match="key misses"):
        statement.rows((), viewer_id=staff.pk)
    settings.STATEMENTS_CHECKED = False  # unchecked, staff would see the admin's draft
    assert len(statement.rows((), viewer_id=staff.pk)) == 1


def test_a_value_changed_on_its_way_into_the_sql_is_refused():
    statement = Statement(lambda _key, *, idea_id: Idea.objects.filter(pk=idea_id + 1).values("pk"))
    with pytest.raises(ValueError, match="changed"):
        statement.rows((), idea_id=1)


def test_a_stand_in_refuses_to_guess_its_panel_membership():
    from accounts.roles import user_roles

    stand_in = user_stand_in(user_role_facts(UserFactory()), -1)
    with pytest.raises(RuntimeError, match="panel"):
        user_roles(stand_in)
