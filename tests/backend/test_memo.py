"""core.memo.Memo.get_or_compute: a herd of requests on a cold or expired value computes it
once, and while it renews, answers the value that just expired."""

import threading
import time

import pytest

from core import memo
from core.memo import Memo


def herd(target, n: int) -> list:
    answers, start = [], threading.Barrier(n)

    def ask():
        start.wait()
        answers.append(target())

    threads = [threading.Thread(target=ask) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return answers


def slow_counter():
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.2)  # long enough for every thread of the herd to arrive meanwhile
        return len(calls)

    return compute, calls


def test_a_herd_on_a_cold_key_computes_once_and_all_get_its_value():
    remembered, (compute, calls) = Memo(), slow_counter()

    answers = herd(lambda: remembered.get_or_compute("k", compute, seconds=5), 8)

    assert len(calls) == 1
    assert answers == [1] * 8


def test_while_one_renews_an_expired_value_the_others_answer_it_at_once():
    remembered, (compute, calls) = Memo(), slow_counter()
    remembered.put("k", "old", seconds=0.01)
    time.sleep(0.02)

    answers = herd(lambda: remembered.get_or_compute("k", compute, seconds=5), 6)

    assert len(calls) == 1
    assert sorted(answers, key=str) == [1] + ["old"] * 5
    assert remembered.get("k", seconds=5) == 1


def test_a_value_expired_beyond_the_grace_is_waited_for_not_answered(monkeypatch):
    monkeypatch.setattr(memo, "STALE_GRACE_SECONDS", 0.0)
    remembered, (compute, calls) = Memo(), slow_counter()
    remembered.put("k", "old", seconds=0.01)
    time.sleep(0.02)

    answers = herd(lambda: remembered.get_or_compute("k", compute, seconds=5), 6)

    assert len(calls) == 1
    assert answers == [1] * 6


def test_a_failed_computation_lets_the_next_request_try_again():
    remembered = Memo()

    def fails():
        raise RuntimeError("database away")

    with pytest.raises(RuntimeError):
        remembered.get_or_compute("k", fails, seconds=5)

    assert remembered.get_or_compute("k", lambda: "back", seconds=5) == "back"


def test_seconds_zero_always_computes():
    remembered, (compute, calls) = Memo(), slow_counter()

    remembered.get_or_compute("k", compute, seconds=0)
    remembered.get_or_compute("k", compute, seconds=0)

    assert len(calls) == 2
