"""Ctrl+P, Screenshot: the screen as an SVG in a known private folder, and where it went.

Textual's own screenshot goes through its file delivery, which says only "Failed to
save screenshot" when the folder cannot be written. Here the file goes where the data
lives (`Locations.screenshots_dir`, 0700, the file 0600), and the notice names the file,
or the folder and the reason it could not be written.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sessionkit.locations import ensure_private_dir
from sessionkit.private_files import write_private


def screenshot_name(at: datetime) -> str:
    """'sessionkit 2026-12-02 17-20-05.svg': sorts by time, and no ':' for Windows."""
    return f"sessionkit {at:%Y-%m-%d %H-%M-%S}.svg"


def save_screenshot(svg: str, folder: Path, at: datetime) -> tuple[bool, str]:
    """Write `svg` into `folder`; (saved, the sentence saying where, or why not)."""
    path = folder / screenshot_name(at)
    try:
        ensure_private_dir(folder)
        write_private(path, svg)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return False, f"Screenshot not saved: {folder} could not be written ({reason})."
    return True, f"Screenshot saved to {path}"
