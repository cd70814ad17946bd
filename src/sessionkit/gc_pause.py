"""Pausing the cyclic garbage collector around bulk building, safely from any thread.

Reading a long case builds tens of thousands of small objects that form no reference
cycles; the collector would keep rescanning them (a third of the time of a large read,
and now and then a full pass that doubles a build). So bulk reads and the movement report
pause it. But `gc.disable()` is process-wide: with a plain disable/enable pair, a worker
thread building a report and the app's thread reading rows would each turn the collector
back on while the other still wanted it off, or turn it on that someone had turned off.

`collector_paused()` is a counted pause under one lock: the first pause in the process
turns the collector off (if it was on), the last one to end turns it back on, and a
collector someone else turned off stays off. Pauses are short (tens of milliseconds), and
nothing built inside one forms a cycle, so nothing is left for the collector to catch up.
Standard library only, so every layer can use it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_restore = False  # whether the last pause to end turns the collector back on


def _begin() -> None:
    global _pauses, _restore
    with _lock:
        if _pauses == 0:
            _restore = gc.isenabled()
            gc.disable()
        _pauses += 1


def _end() -> None:
    global _pauses
    with _lock:
        _pauses -= 1
        if _pauses == 0 and _restore:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cyclic collector off for the block (and for any other pause in progress)."""
    _begin()
    try:
        yield
    finally:
        _end()


class CollectorHold:
    """A pause that ends when `end()` is called rather than at the end of a block.

    For work that spans several turns of an event loop, such as a screen that is built,
    laid out and painted over a few messages: the collector waits until the person sees
    the screen, then runs while they read it. `end()` may be called any number of times;
    only the first counts, so every way out (painted, closed, a safety timer) can call it.
    """

    def __init__(self) -> None:
        self._open = True
        _begin()

    @property
    def open(self) -> bool:
        return self._open

    def end(self) -> None:
        with _lock:
            if not self._open:
                return
            self._open = False
        _end()


def pauses_in_progress() -> int:
    """How many pauses are open now (for tests)."""
    with _lock:
        return _pauses
