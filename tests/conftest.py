"""Settings for the whole suite."""

from __future__ import annotations

import os
import time

# Snapshots and date arithmetic show local times; pin the zone so every machine agrees.
os.environ["TZ"] = "Europe/London"
time.tzset()
