"""Every write of the voting app: votes (votes.py) and panel reviews (reviews.py)."""

from voting.services.reviews import (
    ReviewInput,
    conflict_of_interest,
    panel_members_set,
    panel_results_recompute,
    review_assign,
    review_assignment_create,
    review_assignment_delete,
    review_submit,
    rubric_apply,
)
from voting.services.votes import (
    VOTABLE_STATUSES,
    CountMismatch,
    VoteResult,
    vote_cast,
    vote_count_mismatches,
    vote_count_repair,
    vote_withdraw,
)

__all__ = [
    "VOTABLE_STATUSES",
    "CountMismatch",
    "ReviewInput",
    "VoteResult",
    "conflict_of_interest",
    "panel_members_set",
    "panel_results_recompute",
    "review_assign",
    "review_assignment_create",
    "review_assignment_delete",
    "review_submit",
    "rubric_apply",
    "vote_cast",
    "vote_count_mismatches",
    "vote_count_repair",
    "vote_withdraw",
]
