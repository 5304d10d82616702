"""The calmed collector: rarer young passes, no full ones, and the thresholds restored."""

from __future__ import annotations

import gc
import threading

import pytest

from collector import calm_collector


def test_calm_collector_nests_and_restores_the_thresholds_it_found() -> None:
    before = gc.get_threshold()
    with calm_collector():
        inside = gc.get_threshold()
        assert inside[0] >= 50_000 and inside[1] == before[1] and inside[2] > 10**6
        with calm_collector():
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside  # the outer user is still inside
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), calm_collector():
        raise ValueError("a failed load")
    assert gc.get_threshold() == before


def test_concurrent_users_share_one_pause() -> None:
    before = gc.get_threshold()
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with calm_collector():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(5)
    with calm_collector():
        pass
    assert gc.get_threshold() != before  # the other thread's pause still holds
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before
