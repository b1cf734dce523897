"""The rules the serializers used to hold live in the services, so the admin, commands and
every other caller meet them too (STYLE.md: every write through one door)."""

import pytest
from django.core.exceptions import ValidationError

from ideas import services as idea_services
from ideas.models import Comment, Idea
from reviews.services import ReviewInput
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.django_db


def test_the_service_refuses_an_eleventh_co_author_and_stores_nothing():
    author = UserFactory()
    co_authors = [UserFactory() for _ in range(11)]

    with pytest.raises(ValidationError) as refused:
        make_idea(author=author, co_authors=co_authors)

    assert refused.value.message_dict == {"co_authors": ["Paling banyak 10 rekan penulis."]}
    assert not Idea.objects.exists()


def test_the_service_keeps_each_co_author_once():
    first, second = UserFactory(), UserFactory()

    idea = make_idea(co_authors=[second, first, second])

    assert set(idea.co_authors.all()) == {first, second}
    assert idea.co_authors.count() == 2


def test_a_comment_of_kind_reviewer_is_refused_outside_a_review():
    idea = make_idea()

    with pytest.raises(ValidationError) as refused:
        idea_services.comment_create(
            idea=idea, author=UserFactory(), body="Nilai saya 5.", kind=Comment.Kind.REVIEWER
        )

    assert list(refused.value.message_dict) == ["kind"]
    assert not Comment.objects.exists()
    assert Idea.objects.get(pk=idea.pk).comment_count == 0


def test_a_review_scoring_one_criterion_twice_is_refused():
    with pytest.raises(ValidationError) as refused:
        ReviewInput.from_pairs([(1, 4), (2, 3), (1, 5)])

    assert refused.value.message_dict == {"scores": ["Setiap kriteria hanya boleh dinilai sekali."]}
