"""What every sub-command shares: the common options, the store, files, packs, and the one
way a command says it failed.

A command returns 0 when it did what was asked, or raises `CommandError` with the exit
code that says what went wrong; `run` turns that (and any `StoreError`) into one line
`sessionkit: ...` on stderr. No command prints its own error lines or picks its own codes.

Imports are kept inside the functions that need them: the plain `sessionkit` start runs
through `run` and must not pay for argparse, pydantic or the store before the app starts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from sessionkit.locations import Locations
    from sessionkit.storage import Store
    from sessionkit.toolpacks.schema import ResolvedPack

# The exit codes the README documents.
DONE = 0
NOTHING_DONE = 1  # a check found problems, nothing to print, or not confirmed
MISTAKE = 2  # a mistake in what was asked, or data or a file that cannot be used
LEFT_BEHIND = 3  # `purge` erased the case, but a copy may remain where it says
INTERRUPTED = 130

PREFIX = "sessionkit: "


class CommandError(Exception):
    """A failure to report as one line on stderr, ending the command with `code`."""

    def __init__(self, message: str, code: int = MISTAKE) -> None:
        super().__init__(message)
        self.code = code


def report_error(message: str, prefix: str = PREFIX) -> None:
    """The one way a failure is said: one line on stderr, `sessionkit: ...`."""
    from sessionkit.domain.text import clean_line

    # One line, and nothing in it a terminal would act on: a message may quote what was
    # typed (a reference, a path).
    print(prefix + clean_line(str(message)), file=sys.stderr)


def say(line: object = "") -> None:
    """The one way a command prints a line of output.

    Output quotes what was typed or read (a reference, a path, a pack's wording): it is
    cleaned here, once for every command, of anything a terminal would act on.
    """
    write_out(f"{line}\n")


def write_out(text: str) -> None:
    """Print `text` as it is, UTF-8 and cleaned like `say`, ending the line itself.

    Bytes, not text: the terminal's encoding must not change an export (or fail on a name
    it cannot show), and CSV's CRLF line ends must reach a pipe as they are.
    """
    import os

    from sessionkit.domain.text import terminal_text

    safe = terminal_text(text)
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None:
            stream.write(safe)
            stream.flush()
            return
        stream.flush()
        buffer.write(safe.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Point stdout at nothing so
        # the interpreter's last flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run(func: Callable[[Any], int], args: Any) -> int:
    """Run a command and return its exit code, saying any failure in one line."""
    try:
        code = func(args)
        _report_unreadable()
        return code
    except CommandError as error:
        report_error(str(error))
        return error.code
    except KeyboardInterrupt:
        return INTERRUPTED
    except Exception as error:
        # A storage failure after opening (a write that cannot get through a lock, a disk
        # that fills up) is still one plain line; anything else is a bug and should show.
        from sessionkit.storage import StoreError

        if isinstance(error, StoreError):
            report_error(str(error))
            return MISTAKE
        raise


def parser_class() -> type[argparse.ArgumentParser]:
    """argparse, with a usage mistake said in one line like every other failure."""
    import argparse

    class OneLineParser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            # argparse prints the whole usage, then the message; one line points at --help.
            report_error(f"{_plain(message)}; see `{self.prog} --help`", prefix=f"{self.prog}: ")
            sys.exit(MISTAKE)

        def _print_message(self, message: str, file: Any = None) -> None:
            # --help and --version quote the program's path and defaults.
            if message:
                if file is None or file is sys.stdout:
                    write_out(message)
                else:
                    from sessionkit.domain.text import terminal_text

                    file.write(terminal_text(message))

    return OneLineParser


def _plain(message: str) -> str:
    """argparse's most common message, said the way the others are."""
    lead = "the following arguments are required: "
    if message.startswith(lead):
        names = message.removeprefix(lead)
        return (
            f"the argument {names} is required"
            if ", " not in names
            else (f"the arguments {names} are required")
        )
    return message


def common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """--data-dir, --config-dir and --toolpacks, for the main parser or a sub-command."""
    import argparse

    # The same options are accepted before or after the sub-command; on sub-commands the
    # defaults are suppressed so they never overwrite a value given before it.
    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where cases are stored (default: the platform's user data folder; "
        "or set SESSIONKIT_DATA_DIR)",
    )
    parent.add_argument(
        "--config-dir",
        metavar="DIR",
        default=default,
        help="where settings, toolpacks and themes are read from (or SESSIONKIT_CONFIG_DIR)",
    )
    parent.add_argument(
        "--toolpacks",
        metavar="DIR",
        action="append",
        default=default,
        help="an extra folder of toolpacks (may be repeated; or SESSIONKIT_TOOLPACK_PATH)",
    )
    return parent


def locations_of(args: argparse.Namespace) -> Locations:
    """The folders the command works in, as resolved by the entry point (or the defaults,
    for a command run on its own, as the tests do)."""
    from sessionkit.locations import Locations, resolve

    found = getattr(args, "locations", None)
    return found if isinstance(found, Locations) else resolve()


def open_store(locations: Locations) -> Store:
    from sessionkit.locations import tighten_owned_dirs
    from sessionkit.storage import Store, StoreError

    try:
        store = Store.open(locations.database)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    tighten_owned_dirs(locations)
    _opened.append(store)
    return store


# Stores opened by this command: after it, any rows their reads left out are reported.
_opened: list[Store] = []


def _report_unreadable() -> None:
    from sessionkit.present.unreadable import unreadable_line

    while _opened:
        store = _opened.pop()
        rows = store.take_unreadable()
        if rows:
            report_error(unreadable_line(store.path, rows))


def write_file(path: Path, text: str, what: str) -> None:
    """Write an export to `path`, readable by its owner only and all or nothing, then
    say so; a path that cannot be written is one line, with nothing left behind."""
    from sessionkit.export.files import write_private

    try:
        write_private(path, text)
    except OSError as error:
        reason = error.strerror or "cannot write the file"
        raise CommandError(f"Cannot write {path} ({reason}); nothing was written.") from None
    say(f"Wrote {what} to {path}")


def pack_for(locations: Locations, visit_pack_id: str = "") -> ResolvedPack | None:
    """The pack a visit used, else the one chosen in settings, else the bundled default.

    None when none of them can be loaded; callers say what that means for them.
    """
    from sessionkit.settings import load_settings
    from sessionkit.toolpacks import DEFAULT_PACK_ID, catalog_for

    catalog = catalog_for(locations)
    chosen = load_settings(locations.settings_file)[0].toolpack
    for pack_id in (visit_pack_id, chosen, DEFAULT_PACK_ID):
        if pack_id:
            pack = catalog.get(pack_id)
            if pack is not None:
                return pack
    return None


def usable_pack(locations: Locations, visit_pack_id: str = "") -> ResolvedPack:
    """`pack_for`, for a command that cannot go on without a pack."""
    pack = pack_for(locations, visit_pack_id)
    if pack is None:
        raise CommandError("No usable toolpack was found; run `sessionkit toolpack list`.")
    return pack
