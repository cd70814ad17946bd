"""No family data in any crash output: one line on the terminal, a private report without it."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
import textual
from textual.app import App
from textual.message_pump import MessagePump

import sessionkit
from sessionkit.ui import exception_hooks
from sessionkit.ui.crash import STOPPED, crash_report, report_crash

MARKER = "Maya-said-XYZZY-42"

CHILD = """
import sys
from pathlib import Path
from textual import work
import sessionkit.ui.app
from textual.message import Message
from textual.widgets import Static
from sessionkit.locations import resolve
from sessionkit.storage import Store
from sessionkit.ui.app import SessionkitApp
from sessionkit.ui.screens.base import SessionkitScreen

MARKER = sys.argv[2]
HOW = sys.argv[3]

class Boom(Message):
    pass

class Crashing(SessionkitScreen[None]):
    def compose(self):
        yield Static("about to fail")

    def on_mount(self):
        if HOW == "worker":
            self.fail_in_worker(MARKER)
        else:
            self.post_message(Boom())

    def on_boom(self, message):
        words = "the family said " + MARKER
        raise RuntimeError(words)

    @work(exit_on_error=True)
    async def fail_in_worker(self, said):
        raise ValueError({"answer": said})

class App(SessionkitApp):
    CSS_PATH = str(Path(sessionkit.ui.app.__file__).parent / "app.tcss")

    def on_mount(self):
        super().on_mount()
        self.push_screen(Crashing())

locations = resolve(data_dir=sys.argv[1] + "/data", config_dir=sys.argv[1] + "/config", environ={})
store = Store.open(locations.database)
app = App(store=store, locations=locations, check_unfinished=False)
app.run(headless=True, size=(80, 24))
store.close()
sys.exit(app.return_code or 0)
"""


@pytest.mark.parametrize("how", ["handler", "worker"])
def test_an_unexpected_error_prints_one_line_and_a_report_without_data(
    tmp_path: Path, how: str
) -> None:
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    src = str(Path(sessionkit.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": src, "TEXTUAL": ""}
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path), MARKER, how],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    output = done.stdout + done.stderr
    assert MARKER not in output
    assert done.returncode == 1, output
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, output
    match = re.fullmatch(STOPPED.format(path="(.+)"), lines[0].strip())
    assert match, lines
    report = Path(match.group(1))
    assert report.parent == tmp_path / "data" / "crash"
    assert report.stat().st_mode & 0o777 == 0o600
    assert report.parent.stat().st_mode & 0o777 == 0o700
    text = report.read_text(encoding="utf-8")
    assert MARKER not in text and "the family said" not in text
    expected = "RuntimeError" if how == "handler" else "ValueError"
    assert expected in text
    assert ("on_boom" if how == "handler" else "fail_in_worker") in text
    assert [p.name for p in report.parent.iterdir()] == [report.name]


def _raise_with_words() -> None:
    said = f"in her own words: {MARKER}"
    try:
        {}[said]
    except KeyError as error:
        raise RuntimeError(said) from error


def test_the_report_names_types_and_frames_only(tmp_path: Path) -> None:
    try:
        _raise_with_words()
    except RuntimeError as error:
        text = crash_report(error, now=datetime(2026, 1, 2, 3, 4, 5))
    assert MARKER not in text
    assert "RuntimeError" in text and "KeyError" in text and "which was caused by:" in text
    assert "_raise_with_words" in text and "test_crash_output.py" in text
    assert str(tmp_path.anchor + "root") not in text  # no folders above the files


def test_a_report_is_never_written_over_another(tmp_path: Path) -> None:
    when = datetime(2026, 1, 2, 3, 4, 5)
    lines = [report_crash(tmp_path, RuntimeError(MARKER), now=when) for _ in range(2)]
    names = sorted(p.name for p in (tmp_path / "crash").iterdir())
    assert names == ["crash-20260102-030405-2.txt", "crash-20260102-030405.txt"]
    assert all(MARKER not in line for line in lines)


def test_a_report_that_cannot_be_written_still_gives_one_line(tmp_path: Path) -> None:
    (tmp_path / "crash").write_text("a file where the folder should be")
    line = report_crash(tmp_path, RuntimeError(MARKER))
    assert line.startswith("sessionkit stopped unexpectedly; no report could be written")
    assert MARKER not in line and "\n" not in line


# --- what the hooks rely on in Textual (see ui/exception_hooks.py) -------------------


def test_textual_is_the_version_the_hooks_were_checked_on() -> None:
    # On another version, re-read App._handle_exception and MessagePump._dispatch_message
    # and _process_messages_loop, then update this pin.
    from importlib.metadata import version

    assert version("textual") == "8.2.8"
    assert textual.__name__ == "textual"


def test_the_private_methods_overridden_keep_their_shape() -> None:
    signatures = exception_hooks.pinned_signatures()
    assert list(signatures["MessagePump._dispatch_message"].parameters) == ["self", "message"]
    assert list(signatures["App._handle_exception"].parameters) == ["self", "error"]
    assert list(signatures["App._print_error_renderables"].parameters) == ["self"]
    assert inspect.iscoroutinefunction(MessagePump._dispatch_message)
    # The reasons for the hooks: a handler's error stops its pump and goes to
    # _handle_exception; Textual's own crash output shows locals.
    loop = inspect.getsource(MessagePump._process_messages_loop)
    assert "await self._dispatch_message(message)" in loop
    assert "self.app._handle_exception(error)" in loop
    assert "show_locals=True" in inspect.getsource(App._fatal_error)
    assert "self.panic(error)" in inspect.getsource(App._handle_exception)
    shutdown = inspect.getsource(App._shutdown)
    assert "self._print_error_renderables()" in shutdown
