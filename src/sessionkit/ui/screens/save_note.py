"""Save a visit's case note to a file the practitioner chooses, in one step.

The path offered is in the private exports folder (created 0700 when first used); any
other path can be typed, `~` meaning the home folder. The file is written readable by
its owner only, all or nothing (`export.files.write_private`). An existing file is
replaced only after asking; a folder that is missing or cannot be written is said in
one line, and the path typed stays for another try.

When the note is the practitioner's own (saved or edited), a draft made afresh from the
record is offered beside it: ticking "Save a fresh draft instead" saves that, and their
own note stays as it is.

Nothing goes to the clipboard: a terminal copies through an escape sequence that
clipboard managers record, history and all, which is no place for case notes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Checkbox, Label, Static

from sessionkit.locations import ensure_private_dir
from sessionkit.services.after_visit import NoteToSave
from sessionkit.ui.screens.form import ConfirmScreen, FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

if TYPE_CHECKING:
    from sessionkit.export.case_note import Author
    from sessionkit.ui.app import SessionkitApp

NO_CLIPBOARD = (
    "Written readable by you only. Not copied to the clipboard: a terminal copy can be "
    "kept by clipboard managers and their history."
)


def author_of(app: SessionkitApp) -> Author:
    """Who signs a case note: the practitioner's name and role from settings."""
    from sessionkit.export.case_note import Author

    settings = app.settings
    return Author(settings.practitioner_name, settings.practitioner_role)


def target_path(typed: str) -> Path:
    """The file meant by what was typed: `~` expanded; a relative path is taken from the
    folder the app was started in, as a shell would."""
    path = Path(typed.strip()).expanduser()
    return path if path.is_absolute() else Path(os.path.abspath(path))


def folder_problem(folder: Path) -> str:
    """Why nothing can be written into `folder`, or '' when something can."""
    if not folder.exists():
        return f"There is no folder {folder}: nothing saved."
    if not folder.is_dir():
        return f"{folder} is a file, not a folder: nothing saved."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"You cannot write in {folder}: nothing saved."
    return ""


class SaveNoteScreen(FormScreen[Path]):
    """One path, Enter saves; an existing file is replaced only after asking."""

    CSS_PATH = ["dialogs.tcss", "save_note.tcss"]  # type: ignore[assignment]  # noqa: RUF012

    form_title = "Save case note to a file"
    save_label = "Save"
    app: SessionkitApp

    def __init__(self, note: NoteToSave, *, exports_dir: Path) -> None:
        super().__init__()
        self.note = note
        self.exports_dir = exports_dir

    @property
    def chosen(self) -> NoteToSave:
        """The note to write: the practitioner's own, or the fresh draft when ticked."""
        fresh = self.note.fresh
        if fresh is not None and self.query_one("#save-note-fresh", Checkbox).value:
            return fresh
        return self.note

    def compose_fields(self) -> ComposeResult:
        yield Static(literal(self.note.about), id="save-note-about")
        if self.note.fresh is not None:
            yield Checkbox(
                "Save a fresh draft from the record instead (your note stays as it is)",
                id="save-note-fresh",
            )
        yield Label("Save to (type any path; ~ is your home folder)")
        yield CleanInput(str(self.exports_dir / self.note.file_name), id="save-note-path")
        yield Static(NO_CLIPBOARD, id="save-note-hint", classes="dialog-hint")

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#save-note-about", Static).update(literal(self.chosen.about))

    def on_mount(self) -> None:
        super().on_mount()
        field = self.query_one("#save-note-path", CleanInput)
        field.focus()
        field.cursor_position = len(field.value)

    def submit(self) -> Path | None:
        typed = self.query_one("#save-note-path", CleanInput).value
        if not typed.strip():
            self.show_error("Type the path of the file to save the case note to.")
            return None
        try:
            target = target_path(typed)
            problem = self._problem_with(target)
            exists = target.exists() or target.is_symlink()
        except (OSError, ValueError) as exc:
            # A folder on the way that cannot be looked into, a name too long, a current
            # folder that has been removed...
            reason = _reason(exc) if isinstance(exc, OSError) else "not a usable path"
            self.show_error(f"Cannot use {typed.strip()}: {reason}; nothing saved.")
            return None
        if problem:
            self.show_error(problem)
            return None
        if exists:
            self._ask_to_replace(target)
            return None
        return self._write(target)

    def _problem_with(self, target: Path) -> str:
        """Why `target` cannot be written, or ''. Makes the exports folder when it is used."""
        if target.is_dir():
            return f"{target} is a folder: add a file name to it."
        if target.parent == self.exports_dir:
            try:
                ensure_private_dir(self.exports_dir)
            except OSError as exc:
                return (
                    f"Could not make the folder {self.exports_dir}: {_reason(exc)}; nothing saved."
                )
        return folder_problem(target.parent)

    def _ask_to_replace(self, target: Path) -> None:
        def answered(replace: bool | None) -> None:
            if not replace:
                self.show_error(f"{target.name} is kept as it was: nothing saved.")
                self.query_one("#save-note-path", CleanInput).focus()
                return
            written = self._write(target)
            if written is not None:
                self.dismiss(written)

        self.app.push_screen(
            ConfirmScreen(
                f"{target} already exists. Replace it with this case note?",
                yes="Replace",
                no="Keep it",
            ),
            answered,
        )

    def _write(self, target: Path) -> Path | None:
        from sessionkit.export.files import write_private

        try:
            write_private(target, self.chosen.text)
        except OSError as exc:
            self.show_error(f"Could not save to {target}: {_reason(exc)}. Nothing written.")
            return None
        self.app.notify_literal(f"Case note saved to {target} (readable by you only)")
        return target


def _reason(error: OSError) -> str:
    """'permission denied': what went wrong, in words, without the path said twice."""
    reason = error.strerror or type(error).__name__
    return reason[:1].lower() + reason[1:]
