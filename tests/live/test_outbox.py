"""live.publish's outbox: a batch keeps its order, less what later messages make redundant."""

import copy

import pytest
from django.conf import settings

from live import publish
from live.publish import DirtyMarkGate, _superseded_dropped


def tally(idea, seq):
    return (f"idea.{idea}", {"type": "tally.changed", "idea": idea, "vote_count": seq, "seq": seq})


def dirty(campaign):
    return (f"leaderboard.dirty.{campaign}", {"type": "leaderboard.dirty", "campaign": campaign})


def board(campaign):
    return ("dashboard.dirty", {"type": "dashboard.dirty", "campaign": campaign})


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


def test_dirty_marks_go_at_once_then_at_most_once_per_gap_and_the_last_always_goes():
    gate = DirtyMarkGate(gap=0.05)

    assert gate.admit([dirty(7)], now=10.0) == [dirty(7)]
    assert gate.seconds_to_next(10.0) is None
    # Within the gap: held, not lost; other messages and other campaigns pass.
    assert gate.admit([dirty(7), tally(1, 4), dirty(8)], now=10.01) == [tally(1, 4), dirty(8)]
    assert gate.holding()
    assert gate.seconds_to_next(10.01) == pytest.approx(0.04)
    assert gate.admit([dirty(7)], now=10.03) == []
    # When the gap has passed, the held mark goes once.
    assert gate.admit([], now=10.05) == [dirty(7)]
    assert not gate.holding()
    assert gate.admit([], now=10.2) == []
    assert gate.admit([dirty(7)], now=10.2) == [dirty(7)]


def test_dashboard_marks_share_one_group_but_are_coalesced_per_campaign():
    # Every campaign's dashboard mark goes to one group; coalescing them by group alone would
    # drop campaign 8's mark behind campaign 7's.
    assert list(_superseded_dropped([board(7), board(8), board(7), board(None)])) == [
        board(7),
        board(8),
        board(None),
    ]
    gate = DirtyMarkGate(gap=0.05)
    assert gate.admit([board(7), board(8)], now=10.0) == [board(7), board(8)]
    assert gate.admit([board(7), board(9)], now=10.01) == [board(9)]
    assert gate.admit([], now=10.05) == [board(7)]


@pytest.mark.skipif(not settings.REDIS_URL, reason="the outbox publishes to Redis")
def test_the_outbox_reaches_a_group_member_of_the_pubsub_layer_under_its_prefix(listen, settings):
    """The outbox writes to Redis itself, so it must name channels as channels-redis does."""
    layers = copy.deepcopy(settings.CHANNEL_LAYERS)
    layers["default"].setdefault("CONFIG", {})["prefix"] = "asgi-outbox-test"
    settings.CHANNEL_LAYERS = layers
    listener = listen("idea.424242")

    publish.idea_tally_publish(idea_id=424242, vote_count=3, seq=9)

    assert listener.receive() == {
        "type": "tally.changed",
        "idea": 424242,
        "vote_count": 3,
        "seq": 9,
    }
