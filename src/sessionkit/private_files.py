"""The one way sessionkit writes a whole file: private (0600) and all-or-nothing.

What sessionkit writes whole (exports, the settings file, the start-up cache, crash
reports) can hold case data or the practitioner's choices, so it is readable by its owner
only, whatever the umask. The bytes go to a temporary file beside the target, are flushed
to disk, and only then renamed over the target: a crash or a full disk leaves either the
old file or the new one, never half of one, and no temporary file behind.

Standard library only, so every layer can use it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


def write_private(path: Path | str, text: str, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write `text` (UTF-8, newlines as given) to `path` atomically, mode 0600.

    The folder must exist. Any failure raises the `OSError` met, naming `path` (not the
    temporary file), and leaves `path` as it was. `mode` is only for rewriting a file
    the user made and set a mode on themselves (their settings file), to keep it.
    """
    write_private_bytes(path, text.encode("utf-8"), mode=mode)


def write_private_bytes(path: Path | str, data: bytes, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """`write_private` for bytes."""
    # Imported here: it costs a few ms, and every start imports this module.
    import tempfile

    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _about(path, error) from error
    try:
        # mkstemp already creates 0600 on POSIX; said again so no umask or platform
        # default can widen it. `os.fchmod` is POSIX-only before Python 3.13.
        os.chmod(temp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise _about(path, error) from error
        raise
    sync_folder(path.parent)


def create_private_file(path: Path) -> None:
    """Create `path` empty and 0600 (umask-independent); `FileExistsError` if it exists.

    For a file that something else then fills in place (SQLite's backup API writes into
    an existing file), so its mode is private before the first byte is written.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (best effort: not every system allows it)."""
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


def _about(path: Path, error: OSError) -> OSError:
    """The same kind of error, naming the file asked for."""
    if error.errno is None:
        return error
    return type(error)(error.errno, error.strerror or "cannot write the file", str(path))


def link_no_replace(source: Path, target: Path) -> None:
    """Give `source` the name `target`, never replacing a file there (`FileExistsError`).

    os.replace would overwrite what another process put at `target` meanwhile (a backup of
    the same second, a database another sessionkit just created and recorded into). A
    hard link fails if the name is taken (POSIX and NTFS); on Windows os.rename itself
    refuses to replace; a file system without hard links gets a checked rename.
    """
    if os.name == "nt":
        os.rename(source, target)
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(17, "exists", str(target)) from None
        os.rename(source, target)
        return
    source.unlink()
