"""The collector pause: counted across threads, never leaving the collector off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from sessionkit.gc_pause import CollectorHold, collector_paused, pauses_in_progress


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    # Exactly as it was: a test that turns the collector off must not leave it off.
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled() and pauses_in_progress() == 0


def test_one_pause_ending_does_not_end_another() -> None:
    # A report built in a worker thread while the app's thread reads rows: the first
    # to finish must not turn the collector back on under the other.
    first_in = threading.Event()
    second_done = threading.Event()
    seen: list[bool] = []

    def worker() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(5)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=worker)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        pass
    second_done.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled() and pauses_in_progress() == 0


def test_many_threads_leave_the_collector_as_it_was() -> None:
    def work() -> None:
        for _ in range(200):
            with collector_paused():
                pass

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert gc.isenabled() and pauses_in_progress() == 0


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_ends_the_pause() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled() and pauses_in_progress() == 0


def test_a_hold_ends_once_however_often_it_is_ended() -> None:
    # A screen ends its hold when painted, when closed and on a timer: only one counts.
    hold = CollectorHold()
    with collector_paused():
        assert not gc.isenabled() and pauses_in_progress() == 2
        hold.end()
        hold.end()
        assert not gc.isenabled() and pauses_in_progress() == 1  # the block's pause stays
    assert gc.isenabled() and pauses_in_progress() == 0 and not hold.open
    hold.end()
    assert pauses_in_progress() == 0
