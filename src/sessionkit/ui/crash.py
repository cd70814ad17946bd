"""What is left behind when sessionkit stops on an error it did not expect.

Textual's own crash output is a traceback with the local variables of every frame,
printed to the terminal: those can hold what a family said (the answer being recorded,
a note's text), which would then sit in the terminal's scrollback. Instead the terminal
gets one line, and a report for whoever fixes the bug goes to a file in the data folder,
private (0600) like the data: the kind of error and where it happened (file, line and
function of each frame), never local variables, argument values or the error's message,
any of which can carry a person's words.

No Textual here: what the report says is worked out from the exception alone.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from sessionkit import __version__
from sessionkit.locations import ensure_private_dir
from sessionkit.private_files import write_private

CRASH_FOLDER = "crash"
STOPPED = "sessionkit stopped unexpectedly; a report without your data is in {path}"
STOPPED_NO_REPORT = "sessionkit stopped unexpectedly; no report could be written ({reason})"
_PACKAGE = Path(__file__).resolve().parent.parent
_MAX_CHAIN = 8


def crash_folder(data_dir: Path) -> Path:
    return data_dir / CRASH_FOLDER


def report_crash(data_dir: Path, error: BaseException, *, now: datetime | None = None) -> str:
    """Write the report for `error` and return the one line for the terminal."""
    when = now or datetime.now()
    try:
        path = write_report(crash_folder(data_dir), crash_report(error, now=when), when)
    except OSError as problem:
        return STOPPED_NO_REPORT.format(reason=problem.strerror or type(problem).__name__)
    return STOPPED.format(path=path)


def write_report(folder: Path, text: str, when: datetime) -> Path:
    """Save `text` as `crash-YYYYmmdd-HHMMSS.txt` in `folder` (0700), never over another."""
    ensure_private_dir(folder)
    stem = f"crash-{when:%Y%m%d-%H%M%S}"
    for attempt in range(1, 100):
        path = folder / (f"{stem}.txt" if attempt == 1 else f"{stem}-{attempt}.txt")
        if not path.exists():
            write_private(path, text)
            return path
    raise FileExistsError(17, "too many crash reports this second", str(folder))


def crash_report(error: BaseException, *, now: datetime) -> str:
    """The report: versions, then each exception of the chain by type and frames only."""
    lines = [
        "sessionkit crash report",
        f"time: {now.isoformat(timespec='seconds')}",
        f"sessionkit: {__version__}",
        f"python: {platform.python_version()} ({sys.platform})",
        f"textual: {_textual_version()}",
        "",
        "Left out on purpose: local variables, argument values and error messages,",
        "which can hold what a person said. Each error is its type and where it happened.",
        "",
    ]
    for position, (link, exception) in enumerate(_chain(error)):
        if position:
            lines += ["", link, ""]
        lines.append(f"{_type_name(exception)}")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(exception.__traceback__):
            lines.append(f'  File "{_where(frame.filename)}", line {frame.lineno}, in {frame.name}')
    return "\n".join(lines) + "\n"


def _chain(error: BaseException) -> list[tuple[str, BaseException]]:
    """The error, then what caused it or was being handled, innermost last, as Python does."""
    found: list[tuple[str, BaseException]] = []
    link = ""
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen and len(found) < _MAX_CHAIN:
        seen.add(id(current))
        found.append((link, current))
        if current.__cause__ is not None:
            link, current = "which was caused by:", current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            link, current = "raised while handling:", current.__context__
        else:
            current = None
    return found


def _type_name(exception: BaseException) -> str:
    kind = type(exception)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _where(filename: str) -> str:
    """A frame's file without the folders above it (they can name the user's account)."""
    path = Path(filename)
    try:
        return "sessionkit/" + path.resolve().relative_to(_PACKAGE).as_posix()
    except (ValueError, OSError):
        pass
    parts = path.parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1 :])
    return path.name


def _textual_version() -> str:
    try:
        from importlib.metadata import version

        return version("textual")
    except Exception:  # a report is written whatever the packaging says
        return "unknown"
