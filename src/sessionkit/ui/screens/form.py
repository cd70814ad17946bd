"""A modal form that never throws typed text away without asking.

Escape on an untouched form closes it. Escape on a form with typed text asks first;
"keep editing" returns to the form exactly as it was. A save that is refused (a field
that cannot be stored as typed) or that cannot get through (the store is busy, the disk
is full) is said in the form's one error line, and everything typed stays in the form.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sessionkit.services.casework_errors import CaseworkError
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

ResultT = TypeVar("ResultT")


class ConfirmScreen(SessionkitModal[bool]):
    """A yes/no question. Y or Enter on the highlighted button answers; Escape means no.

    The button Enter presses at first is the one drawn as primary, so what the dialog
    shows as its main answer is what Enter does: No, unless `default_yes`.
    """

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "No", id="confirm.no"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", show=False, id="confirm.n"),
    ]

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", default_yes: bool = False
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._question = question
        self._yes = yes
        self._no = no
        self._default = "yes" if default_yes else "no"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self._question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for answer, label in (("yes", self._yes), ("no", self._no)):
                    primary = answer == self._default
                    yield Button(
                        literal(label), id=answer, variant="primary" if primary else "default"
                    )

    def on_mount(self) -> None:
        self.query_one(f"#{self._default}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class FormScreen(SessionkitModal[ResultT | None], Generic[ResultT]):
    """Base for forms: Ctrl+S or the Save button saves; Escape asks before discarding."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]

    form_title = "Form"
    save_label = "Save"
    # What did not happen when the save cannot get through: "Not saved: ... is busy ...".
    not_done = "Not saved"

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self._initial: object = None

    def compose_fields(self) -> ComposeResult:
        """The form's own fields; each form overrides this."""
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(literal(self.form_title), classes="dialog-title")
            yield from self.compose_fields()
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(literal(self.save_label), id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._initial = self.values()

    def values(self) -> object:
        """Everything the user can change, to tell whether anything was typed."""
        return tuple(i.value for i in self.query(Input))

    def is_dirty(self) -> bool:
        return self.values() != self._initial

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(literal(message))
        error.display = bool(message)

    def show_status(self, message: str) -> None:
        # A form's status line is its error line: a store failure is said there.
        self.show_error(message)

    def submit(self) -> ResultT | None:
        """Validate and save; return the result, or None after `show_error`. Overridden.

        A refusal raised as a `CaseworkError` is said in the error line (`refused`).
        """
        return None

    def refused(self, problem: CaseworkError) -> None:
        """Say why the form was not saved; a form may also move the focus."""
        self.show_error(str(problem))

    def over_long(self) -> CleanInput | None:
        """The first field holding more than its limit; its text stays as typed."""
        for field in self.query(CleanInput):
            if field.length_problem() is not None:
                return field
        return None

    def action_save(self) -> None:
        self.show_error("")
        field = self.over_long()
        if field is not None:
            self.show_error(field.length_problem() or "")
            field.focus()
            return
        try:
            # Nothing saved on a store error: the form stays open with everything typed.
            result = self.attempt(self.not_done, self.submit)
        except CaseworkError as problem:
            self.refused(problem)
            return
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        if not self.is_dirty():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed in this form?", yes="Discard", no="Keep editing"),
            answered,
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        self.action_save()
