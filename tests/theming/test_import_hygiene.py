"""Theme models, the loader and settings must not pull in Textual (only ui.themes may)."""

from __future__ import annotations

import subprocess
import sys


def test_theming_and_settings_do_not_import_textual() -> None:
    code = (
        "import sys, sessionkit.theming, sessionkit.theming.loader, sessionkit.settings\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
