"""Writing exports to disk: private (0600) and all-or-nothing.

An export holds case data, so it is readable by its owner only, whatever the umask.
The text goes to a temporary file beside the target, is flushed to disk, and only then
renamed over the target: a crash or a full disk leaves either the old file or the new
one, never half of one, and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from sessionkit.locations import PRIVATE_FILE_MODE


def write_private(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically, mode 0600.

    The folder must exist. Any failure raises the `OSError` met, naming `path` (not the
    temporary file), and leaves `path` as it was.
    """
    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _about(path, error) from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise _about(path, error) from error
        raise
    _sync_folder(path.parent)


def _about(path: Path, error: OSError) -> OSError:
    """The same kind of error, naming the file asked for."""
    if error.errno is None:
        return error
    made = type(error)(error.errno, error.strerror or "cannot write the file", str(path))
    return made


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
