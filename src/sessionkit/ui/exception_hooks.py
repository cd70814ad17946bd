"""Where sessionkit meets Textual's handling of errors (Textual 8.2.8 private methods).

Textual has no public hook for an exception that escapes a handler. On 8.2.8:

- Each message pump (the app, each screen, each widget) runs its messages through
  `MessagePump._dispatch_message`. An exception out of it goes to
  `App._handle_exception` and the pump's loop *stops*: a screen whose handler raised
  never handles another message, and if the pump is the app, the app freezes.
- Worker failures, timer callbacks and `call_next` callbacks go to
  `App._handle_exception` without stopping any loop.
- `App._handle_exception` always ends the app, and prints a traceback with local
  variables (`_fatal_error`, `rich.traceback.Traceback(show_locals=True)`): locals can
  hold a family's words.

So three private methods are overridden here, and nowhere else:

- `_dispatch_message`, on the app and on every sessionkit screen: a `StoreError` (the
  database locked, damaged or full; a write path someone forgot to guard with
  `attempt`) is said in one plain line and the pump keeps running.
- `_handle_exception`, on the app: a `StoreError` that reaches it anyway (a worker, a
  callback) is said the same way and the app carries on; anything else writes a crash
  report without data (`ui/crash.py`) and ends the app with one line on the terminal,
  never Textual's traceback.
- `_print_error_renderables`, on the app: Textual prints what ended the app cropped to
  the terminal's width; the crash line is printed whole (the terminal wraps it).

tests/ui/test_crash_output.py pins both on 8.2.8: if Textual renames or reroutes them,
it fails rather than letting a traceback with locals through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import WorkerFailed

from sessionkit.domain.text import clean_text
from sessionkit.storage.errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

# What is said when a store error escapes a handler: what was being done is not known
# there, only that it did not happen.
ESCAPED_NOT_DONE = "Not done"


def escaped_store_error(error: BaseException) -> StoreError | None:
    """The store error behind `error` (a worker's failure wraps it), or None."""
    if isinstance(error, WorkerFailed):
        error = error.error
    return error if isinstance(error, StoreError) else None


def escaped_line(error: StoreError) -> str:
    return f"{ESCAPED_NOT_DONE}: {error}"


class StoreErrorsStayOnScreen(MessagePump):
    """A pump (a screen) that survives a store error in any of its handlers."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except StoreError as error:
            self.store_error_escaped(error)

    def store_error_escaped(self, error: StoreError) -> None:
        """Say `error` in one line; screens show it on their status line as well."""
        self.app.notify(clean_text(escaped_line(error)), severity="error", timeout=10, markup=False)


class _Crashed(Exception):
    """Stands in for an unexpected error so Textual prints one line, not a traceback.

    Textual renders an exception with `__rich__` as itself (`App.panic`) instead of a
    traceback with locals. The original is its `__cause__`, so a test that runs the app
    (`run_test` re-raises what ended it) still shows where it happened.
    """

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line

    def __rich__(self) -> Text:
        return Text(self.line)


class CrashSafeApp(App[None]):
    """An app whose errors never print a traceback with locals, and store errors do not end."""

    _crash_line: str | None = None
    _crash_line_printed = False

    def crash_data_dir(self) -> Path | None:
        """Where crash reports go: the data folder (the app says which)."""
        return None

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except StoreError as error:
            self._say_store_error(error)

    def _handle_exception(self, error: Exception) -> None:
        store_error = escaped_store_error(error)
        if store_error is not None:
            self._say_store_error(store_error)
            return
        if self._crash_line is not None:
            return  # already stopping: the first error is the one reported
        # A failed worker's own error says where it happened; the wrapper has no frames.
        line = self._crash_report(error.error if isinstance(error, WorkerFailed) else error)
        self._crash_line = line
        crashed = _Crashed(line)
        crashed.__cause__ = error
        super()._handle_exception(crashed)

    def _print_error_renderables(self) -> None:
        # Textual prints what ended the app cropped to the terminal's width, which would
        # cut the report's path off: the line is printed whole, for the terminal to wrap.
        if self._crash_line is None:
            super()._print_error_renderables()
        elif not self._crash_line_printed:
            self._crash_line_printed = True
            self.error_console.print(Text(self._crash_line), soft_wrap=True)

    def _crash_report(self, error: BaseException) -> str:
        from sessionkit.ui.crash import STOPPED_NO_REPORT, report_crash

        folder = self.crash_data_dir()
        if folder is None:
            return STOPPED_NO_REPORT.format(reason="no data folder")
        try:
            return report_crash(folder, error)
        except Exception as problem:  # the report must never be what hides the line
            return STOPPED_NO_REPORT.format(reason=type(problem).__name__)

    def _say_store_error(self, error: StoreError) -> None:
        # Said by the screen in front when it can (its status line too), else by the app.
        try:
            screen = self.screen
        except Exception:  # no screen yet, or the app is closing
            screen = None
        if isinstance(screen, StoreErrorsStayOnScreen):
            screen.store_error_escaped(error)
        else:
            self.notify(clean_text(escaped_line(error)), severity="error", timeout=10, markup=False)


def pinned_signatures() -> dict[str, Any]:
    """The private methods overridden here, as Textual defines them (for the pinning test)."""
    import inspect

    return {
        "MessagePump._dispatch_message": inspect.signature(MessagePump._dispatch_message),
        "App._handle_exception": inspect.signature(App._handle_exception),
        "App._print_error_renderables": inspect.signature(App._print_error_renderables),
    }
