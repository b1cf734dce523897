"""Reads for lists and pages: visibility, annotations and search, with a fixed number of queries."""

from __future__ import annotations

from collections.abc import Hashable

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.roles import (
    user_is_admin,
    user_role_facts,
    user_sees_panel_scores,
    user_stand_in,
)
from core.db import Statement, prepared_rows
from core.memo import Memo
from ideas import rules
from ideas.coauthors import idea_is_collaboration
from ideas.models import (
    Campaign,
    Category,
    CoAuthorInvitation,
    Comment,
    Idea,
    IdeaFollow,
    IdeaStatusChange,
    Report,
)
from ideas.payloads import idea_payload, user_brief_row
from ideas.visibility import ideas_with_author_hidden, invitations_shown_to, panel_scores_shown_at

SEARCH_CONFIG = "indonesian"


def _vote_model():
    # Votes belong to the voting app, which stands above ideas; reach the model through the
    # reverse relation instead of importing upwards.
    return Idea._meta.get_field("votes").related_model


def _written_idea_ids(user_id: int):
    """The ideas someone wrote or co-wrote, as one subquery of two index scans (a UNION ALL:
    `author = x OR id IN (co-authored)` is served by no index and scanned every idea)."""
    written = Idea.objects.filter(author_id=user_id).order_by().values("pk")
    co_written = Idea.co_authors.through.objects.filter(user_id=user_id).order_by()
    return written.union(co_written.values("idea_id"), all=True)


def idea_base_queryset() -> QuerySet[Idea]:
    return Idea.objects.select_related(
        "category", "campaign", "agency", "region", "author__agency"
    ).prefetch_related(
        Prefetch("co_authors", queryset=User.objects.select_related("agency").order_by("id"))
    )


def idea_visible_to(*, user: User, queryset: QuerySet[Idea] | None = None) -> QuerySet[Idea]:
    """Published ideas, plus the user's own drafts and hidden ideas (admins see every idea)."""
    queryset = idea_base_queryset() if queryset is None else queryset
    if user_is_admin(user):
        return queryset
    private = Q(status__in=Idea.PRIVATE_STATUSES)
    return queryset.filter(~private | Q(pk__in=_written_idea_ids(user.pk)))


def idea_with_has_voted(*, queryset: QuerySet[Idea], user: User) -> QuerySet[Idea]:
    """Annotate `has_voted` and `is_following` (ideas.follows) for the user."""
    votes = _vote_model().objects.filter(idea_id=OuterRef("pk"), voter_id=user.pk)
    follows = IdeaFollow.objects.filter(idea_id=OuterRef("pk"), user_id=user.pk)
    return queryset.annotate(has_voted=Exists(votes), is_following=Exists(follows))


def idea_list_to_filter(*, user: User) -> QuerySet[Idea]:
    """idea_list without what only the shown rows need (has_voted, joins): the feed filters,
    orders and pages this, then reads its page's rows with idea_rows_by_id."""
    return ideas_with_author_hidden(
        queryset=idea_visible_to(user=user, queryset=Idea.objects.all()), viewer=user
    )


def idea_list(*, user: User) -> QuerySet[Idea]:
    """Ideas the user may see, newest first, with `has_voted` for the user, and whether their
    authorship is hidden from the user (ideas.visibility.author_hidden_from)."""
    queryset = idea_with_has_voted(queryset=idea_visible_to(user=user), user=user)
    return ideas_with_author_hidden(queryset=queryset, viewer=user)


# What idea_payload reads: the idea, its category, campaign's review close, agency, region,
# author (with agency), and the annotations of idea_list.
_AGENCY = ("id", "code", "name")
IDEA_ROW_FIELDS = (
    "id",
    "title",
    "problem",
    "solution",
    "expected_impact",
    "category__slug",
    "category__name_id",
    "category__name_en",
    "campaign_id",
    "campaign__review_closes",
    "campaign__voting_opens",
    "campaign__voting_closes",
    *(f"agency__{f}" for f in _AGENCY),
    "region_id",
    "region__code",
    "region__name",
    "region__kind",
    "region__parent_id",
    "author__id",
    "author__full_name",
    *(f"author__agency__{f}" for f in _AGENCY),
    "status",
    "merged_into_id",
    "vote_count",
    "comment_count",
    "has_voted",
    "is_following",
    "author_hidden",
    "panel_score",
    "created_at",
    "updated_at",
    "is_collaboration",
    "has_invitations",
)
_CO_AUTHOR_FIELDS = (
    "idea_id",
    "user__id",
    "user__full_name",
    *(f"user__agency__{f}" for f in _AGENCY),
)


_counts = Memo()
# Most readers have no draft: one compiled look at their own ideas spares counting the
# filtered feed's drafts.
_has_drafts = Statement(
    lambda _key, *, user_id: Idea.objects.filter(
        status__in=Idea.PRIVATE_STATUSES, pk__in=_written_idea_ids(user_id)
    ).values("pk")[:1]
)


def idea_list_count(*, queryset: QuerySet[Idea], user: User, key: Hashable) -> int:
    """How many ideas `queryset` (idea_list_to_filter(user), filtered) holds.

    idea_visible_to's OR is served by no index: its COUNT scanned all 100,000 ideas on every
    page. So the published ideas among them, the same for every reader, are remembered per
    process for LIST_COUNT_SECONDS where they are many (LIST_COUNT_REMEMBERED_FROM), under
    `key`, which names the filters (and the reader where a filter depends on who reads); then
    only the reader's own drafts (the drafts they see) are counted. On a miss, one query
    counts both."""
    admin = user_is_admin(user)
    key = (admin, key)
    draft = Q(status__in=Idea.PRIVATE_STATUSES)  # drafts, and ideas hidden by moderation
    remembered = _counts.get(key, seconds=settings.LIST_COUNT_SECONDS)
    if remembered is not None:
        if admin or not _has_drafts.rows((), user_id=user.pk):
            return remembered
        # The drafts it holds are the reader's own; saying so lets PostgreSQL start from their
        # few ideas (14 ms otherwise, over every draft, at 100,000 ideas).
        own = queryset.filter(draft, pk__in=_written_idea_ids(user.pk))
        return remembered + own.count()
    if admin:
        n_published, n_drafts = queryset.count(), 0
    else:
        both = queryset.aggregate(
            published=Count("pk", filter=~draft), drafts=Count("pk", filter=draft)
        )
        n_published, n_drafts = both["published"], both["drafts"]
    if n_published >= settings.LIST_COUNT_REMEMBERED_FROM:
        _counts.put(key, n_published, seconds=settings.LIST_COUNT_SECONDS)
    return n_published + n_drafts


def idea_row_values(queryset: QuerySet[Idea]) -> QuerySet:
    """idea_list's queryset (filtered, ordered) as the plain rows idea_payloads reads."""
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(
            is_collaboration=idea_is_collaboration(),
            has_invitations=Exists(
                CoAuthorInvitation.objects.filter(
                    idea_id=OuterRef("pk"), status=CoAuthorInvitation.Status.PENDING
                )
            ),
        )
        .values(*IDEA_ROW_FIELDS)
    )


def idea_page_rows(queryset: QuerySet[Idea], index: slice, *, viewer: User) -> list[dict]:
    """The rows of idea_list_to_filter's `queryset` (filtered, ordered) in the slice `index`,
    in two steps: the page's ids from the ideas table alone (so that OFFSET skips bare index
    entries, not joined rows with their subqueries: a deep page took seconds), then
    idea_rows_by_id. Both prepared (core.db.prepared_rows)."""
    ids = [row["pk"] for row in prepared_rows(queryset.values("pk")[index])]
    return idea_rows_by_id(ids=ids, viewer=viewer)


def _rows_by_id_query(facts: tuple, *, ids: list[int], viewer_id: int) -> QuerySet:
    viewer = user_stand_in(facts, viewer_id)
    page = idea_with_has_voted(queryset=Idea.objects.filter(pk__in=ids), user=viewer)
    return idea_row_values(ideas_with_author_hidden(queryset=page, viewer=viewer))


def _row_query(facts: tuple, *, idea_id: int, viewer_id: int) -> QuerySet:
    return idea_row_values(idea_list(user=user_stand_in(facts, viewer_id)).filter(pk=idea_id))


def _co_authors_query(_n: int, *, ids: list[int]) -> QuerySet:
    return (
        Idea.co_authors.through.objects.filter(idea_id__in=ids)
        .order_by("user_id")
        .values(*_CO_AUTHOR_FIELDS)
    )


# Compiled once per process and shape (core.db.Statement): the reader's roles, the page's size.
_rows_by_id = Statement(lambda key, **values: _rows_by_id_query(key[0], **values))
_row = Statement(_row_query)
_co_authors = Statement(_co_authors_query)


def idea_rows_by_id(*, ids: list[int], viewer: User) -> list[dict]:
    """The rows idea_payloads reads for ideas already known to be visible to `viewer`, in the
    order of `ids`."""
    if not ids:
        return []
    ids = list(dict.fromkeys(ids))
    rows = _rows_by_id.rows((user_role_facts(viewer), len(ids)), ids=ids, viewer_id=viewer.pk)
    found = {row["id"]: row for row in rows}
    return [found[pk] for pk in ids if pk in found]


def idea_row(*, idea_id: int, viewer: User) -> dict | None:
    """The row idea_payloads reads for one idea, if `viewer` may see it."""
    if not 0 < idea_id < 2**63:  # beyond the id column: no such idea (not a database error)
        return None
    found = _row.rows(user_role_facts(viewer), idea_id=idea_id, viewer_id=viewer.pk)
    return found[0] if found else None


def idea_invitation_briefs(*, idea_ids: list[int]) -> dict[int, list[dict]]:
    """The pending co-author invitations of these ideas, oldest first, as idea bodies show
    them (before ideas.visibility.invitations_shown_to)."""
    found: dict[int, list[dict]] = {pk: [] for pk in idea_ids}
    rows = (
        CoAuthorInvitation.objects.filter(
            idea_id__in=idea_ids, status=CoAuthorInvitation.Status.PENDING
        )
        .order_by("created_at", "id")
        .values("id", "idea_id", "created_at", *_INVITEE_FIELDS)
    )
    for row in rows:
        found[row["idea_id"]].append(
            {
                "id": row["id"],
                "invitee": user_brief_row(row, "invitee__"),
                "created_at": row["created_at"],
            }
        )
    return found


_INVITEE_FIELDS = ("invitee__id", "invitee__full_name", *(f"invitee__agency__{f}" for f in _AGENCY))


def idea_payloads(*, rows: list[dict], viewer: User) -> list[dict]:
    """Rows of idea_row_values as API.md shapes ideas, for this viewer: one query more for
    the co-authors of them all, and one for pending invitations where a row has some."""
    co_authors: dict[int, list[dict]] = {row["id"]: [] for row in rows}
    if rows:
        for link in _co_authors.rows(len(co_authors), ids=list(co_authors)):
            co_authors[link["idea_id"]].append(user_brief_row(link, "user__"))
    invited = [row["id"] for row in rows if row["has_invitations"]]
    invitations = idea_invitation_briefs(idea_ids=invited) if invited else {}
    sees_panel = user_sees_panel_scores(viewer)
    is_admin = user_is_admin(viewer)
    now = timezone.now()
    return [
        idea_payload(
            row,
            co_authors=co_authors[row["id"]],
            invitations=invitations_shown_to(
                invitations=invitations.get(row["id"], []),
                viewer_id=viewer.pk,
                is_admin=is_admin,
                author_ids={row["author__id"], *(c["id"] for c in co_authors[row["id"]])},
                author_hidden=bool(row["author_hidden"]),
            ),
            **_reader_may(row, co_authors[row["id"]], viewer=viewer, is_admin=is_admin, now=now),
            category_name=Category.localized_name(
                name_id=row["category__name_id"], name_en=row["category__name_en"]
            ),
            author_hidden=bool(row["author_hidden"]),
            panel_score_shown=panel_scores_shown_at(
                by_role=sees_panel, review_closes=row["campaign__review_closes"]
            ),
        )
        for row in rows
    ]


def _reader_may(row: dict, co_authors: list[dict], *, viewer: User, is_admin: bool, now) -> dict:
    """What this reader may do with the idea of `row` now (ideas.rules)."""
    is_author = row["author__id"] == viewer.pk
    is_co_author = any(c["id"] == viewer.pk for c in co_authors)
    edit_refusal = rules.edit_refusal(
        status=row["status"],
        voting_opens=row["campaign__voting_opens"],
        is_author=is_author or is_co_author,
        is_admin=is_admin,
        now=now,
    )
    return {
        "vote_refusal": rules.vote_refusal(
            status=row["status"],
            voting_opens=row["campaign__voting_opens"],
            voting_closes=row["campaign__voting_closes"],
            is_author=is_author,
            is_co_author=is_co_author,
            now=now,
        ),
        "can_edit": edit_refusal is None,
    }


def idea_get(*, idea_id: int, user: User) -> Idea:
    """One idea the user may see; raises Idea.DoesNotExist otherwise."""
    return idea_list(user=user).get(pk=idea_id)


def idea_for_comments(*, idea_id: int, user: User) -> Idea:
    """An idea the user may see, with what its comments' rules read (campaign, whether its
    authorship is hidden from the user, its co-authors' ids) and nothing more; raises
    Idea.DoesNotExist otherwise."""
    queryset = idea_visible_to(user=user, queryset=Idea.objects.select_related("campaign"))
    queryset = ideas_with_author_hidden(queryset=queryset, viewer=user)
    co_authors = Prefetch("co_authors", queryset=User.objects.only("pk"))
    return queryset.prefetch_related(co_authors).get(pk=idea_id)


def idea_filter_by_author(*, queryset: QuerySet[Idea], user_id: int) -> QuerySet[Idea]:
    """Ideas someone wrote or co-wrote."""
    return queryset.filter(pk__in=_written_idea_ids(user_id))


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
    """The idea's published comments, replies included, oldest first."""
    return (
        Comment.objects.filter(idea=idea, is_published=True)
        .select_related("author__agency")
        .order_by("created_at", "id")
    )


def comment_threads(*, idea: Idea) -> QuerySet[Comment]:
    """The idea's threads, oldest first: its published top-level comments, and those taken
    back that still have published replies (shown as a placeholder), each with its published
    replies prefetched (`replies_shown`), so that a page of threads is read in two queries."""
    published_replies = Comment.objects.filter(parent=OuterRef("pk"), is_published=True)
    replies = (
        Comment.objects.filter(is_published=True)
        .select_related("author__agency")
        .order_by("created_at", "id")
    )
    return (
        Comment.objects.filter(idea=idea, parent__isnull=True)
        .filter(Q(is_published=True) | Exists(published_replies))
        .select_related("author__agency")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="replies_shown"))
        .order_by("created_at", "id")
    )


def _open_reports_count(**filters) -> Subquery:
    open_reports = Report.objects.filter(status=Report.Status.OPEN, **filters).order_by()
    return Subquery(open_reports.values("idea_id").annotate(n=Count("pk")).values("n")[:1])


def report_queue(*, status: str | None) -> QuerySet[Report]:
    """Reports for the moderators, oldest first, with what they name and how many open
    reports name the same object (`open_reports`), in one query."""
    open_reports = Case(
        When(
            comment__isnull=True,
            then=_open_reports_count(idea_id=OuterRef("idea_id"), comment__isnull=True),
        ),
        default=_open_reports_count(comment_id=OuterRef("comment_id")),
    )
    queryset = Report.objects.select_related(
        "reporter__agency",
        "idea",
        "comment__idea",
        "comment__author__agency",
        "resolved_by__agency",
    ).annotate(open_reports=Coalesce(open_reports, 0))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("created_at", "id")


def idea_status_history(*, idea: Idea) -> QuerySet[IdeaStatusChange]:
    return idea.status_changes.select_related("changed_by__agency").order_by("created_at", "id")


def invitation_list(*, user: User) -> QuerySet[CoAuthorInvitation]:
    """The person's co-author invitations: pending first, then newest first."""
    pending_first = Case(
        When(status=CoAuthorInvitation.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        CoAuthorInvitation.objects.filter(invitee=user)
        .select_related("idea", "invited_by__agency")
        .order_by(pending_first, "-created_at", "-id")
    )
