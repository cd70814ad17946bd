from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.locations import bundled_dir


@pytest.fixture
def bundled() -> Path:
    return bundled_dir("themes")
