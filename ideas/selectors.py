"""Reads for lists and pages: visibility, annotations and search, with a fixed number of queries."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Value

from accounts.models import User
from accounts.roles import user_is_admin
from ideas.models import Campaign, Category, Comment, Idea, IdeaStatusChange
from ideas.visibility import ideas_with_author_hidden

SEARCH_CONFIG = "indonesian"


def _vote_model():
    # Votes belong to the voting app, which stands above ideas; reach the model through the
    # reverse relation instead of importing upwards.
    return Idea._meta.get_field("votes").related_model


def _co_authored_idea_ids(user: User):
    return Idea.co_authors.through.objects.filter(user_id=user.pk).values("idea_id")


def idea_base_queryset() -> QuerySet[Idea]:
    return Idea.objects.select_related(
        "category", "campaign", "agency", "region", "author__agency"
    ).prefetch_related(
        Prefetch("co_authors", queryset=User.objects.select_related("agency").order_by("id"))
    )


def idea_visible_to(*, user: User, queryset: QuerySet[Idea] | None = None) -> QuerySet[Idea]:
    """Published ideas, plus the user's own drafts (admins see every idea)."""
    queryset = idea_base_queryset() if queryset is None else queryset
    if user_is_admin(user):
        return queryset
    return queryset.filter(
        ~Q(status=Idea.Status.DRAFT) | Q(author_id=user.pk) | Q(pk__in=_co_authored_idea_ids(user))
    )


def idea_with_has_voted(*, queryset: QuerySet[Idea], user: User) -> QuerySet[Idea]:
    votes = _vote_model().objects.filter(idea_id=OuterRef("pk"), voter_id=user.pk)
    return queryset.annotate(has_voted=Exists(votes))


def idea_list(*, user: User) -> QuerySet[Idea]:
    """Ideas the user may see, newest first, with `has_voted` for the user, and whether their
    authorship is hidden from the user (ideas.visibility.author_hidden_from)."""
    queryset = idea_with_has_voted(queryset=idea_visible_to(user=user), user=user)
    return ideas_with_author_hidden(queryset=queryset, viewer=user)


def idea_get(*, idea_id: int, user: User) -> Idea:
    """One idea the user may see; raises Idea.DoesNotExist otherwise."""
    return idea_list(user=user).get(pk=idea_id)


def idea_filter_by_author(*, queryset: QuerySet[Idea], user_id: int) -> QuerySet[Idea]:
    """Ideas someone wrote or co-wrote."""
    co_written = Idea.co_authors.through.objects.filter(user_id=user_id).values("idea_id")
    return queryset.filter(Q(author_id=user_id) | Q(pk__in=co_written))


def idea_filter_voted_by(*, queryset: QuerySet[Idea], user: User) -> QuerySet[Idea]:
    voted = _vote_model().objects.filter(voter_id=user.pk).values("idea_id")
    return queryset.filter(pk__in=voted)


def search_uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def idea_search(*, queryset: QuerySet[Idea], text: str) -> QuerySet[Idea]:
    """Full-text search over title, problem and solution.

    PostgreSQL: the `indonesian` configuration (so "banjir" finds "kebanjiran") over a
    trigger-maintained, GIN-indexed vector, annotated with `search_rank`. SQLite: every word
    must appear somewhere, case-insensitively (a fallback for the embedded default only).
    """
    text = text.strip()
    if not text:
        return queryset
    if search_uses_postgres():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_vector=query).annotate(
            # F(): rank the stored, weighted vector (a bare name would rebuild an unweighted one).
            search_rank=SearchRank(F("search_vector"), query)
        )
    for word in text.split()[:10]:
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(problem__icontains=word) | Q(solution__icontains=word)
        )
    return queryset.annotate(search_rank=Value(0.0))


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.prefetch_related("categories")


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def comment_list(*, idea: Idea) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(idea=idea, is_published=True)
        .select_related("author__agency", "idea__campaign")
        .order_by("created_at", "id")
    )


def idea_status_history(*, idea: Idea) -> QuerySet[IdeaStatusChange]:
    return idea.status_changes.select_related("changed_by__agency").order_by("created_at", "id")
