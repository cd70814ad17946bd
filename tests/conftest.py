"""Settings for the whole suite."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionkit.gc_pause import pauses_in_progress

# Snapshots and date arithmetic show local times; pin the zone so every machine agrees.
os.environ["TZ"] = "Europe/London"
time.tzset()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder for commands run in this process, found the way users set it: through
    the environment (and no extra toolpacks from the machine running the tests)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SESSIONKIT_DATA_DIR", str(folder))
    monkeypatch.setenv("SESSIONKIT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SESSIONKIT_TOOLPACK_PATH", raising=False)
    return folder


@pytest.fixture(autouse=True)
def collector_left_on() -> Iterator[None]:
    """No test may leave the cyclic collector paused: the app would grow without bound."""
    yield
    assert pauses_in_progress() == 0, "a collector pause was left open"
    assert gc.isenabled(), "the cyclic collector was left off"
