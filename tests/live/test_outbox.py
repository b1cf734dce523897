"""live.publish's outbox: a batch keeps its order, less what later messages make redundant."""

from live.publish import _superseded_dropped


def tally(idea, seq):
    return (f"idea.{idea}", {"type": "tally.changed", "idea": idea, "vote_count": seq, "seq": seq})


def dirty(campaign):
    return (f"leaderboard.dirty.{campaign}", {"type": "leaderboard.dirty", "campaign": campaign})


def comment(idea, text):
    return (f"idea.{idea}", {"type": "comment.added", "idea": idea, "comment": {"body": text}})


def test_only_the_newest_tally_of_each_idea_and_one_dirty_mark_per_campaign_are_sent():
    batch = [
        tally(1, 1),
        dirty(7),
        comment(1, "pertama"),
        tally(2, 1),
        tally(1, 2),
        dirty(7),
        dirty(8),
        tally(1, 3),
        comment(1, "kedua"),
    ]

    assert list(_superseded_dropped(batch)) == [
        dirty(7),
        comment(1, "pertama"),
        tally(2, 1),
        dirty(8),
        tally(1, 3),
        comment(1, "kedua"),
    ]


def test_a_batch_without_repeats_is_sent_whole_and_in_order():
    batch = [tally(1, 1), tally(2, 5), dirty(7), comment(2, "halo")]

    assert list(_superseded_dropped(batch)) == batch
