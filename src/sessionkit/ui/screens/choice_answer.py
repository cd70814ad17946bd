"""Choose an answer from a pack's options: one (choice) or any number (checklist).

Keys: 1-9 pick the option with that number (in a checklist they tick or untick it), Up
and Down move the highlight and Space picks or ticks the highlighted option, which is how
options after the ninth are reached. Enter or Ctrl+S records. In a one-answer question
with nothing picked yet, Enter takes the highlighted option. Option labels are the pack's
text and are shown literally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static

from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

NUMBER_KEYS = 9


class ChoiceAnswerScreen(FormScreen[list[str]], SessionkitModal[list[str] | None]):
    """Returns the picked option ids, in the options' order, or None on cancel.

    A checklist may be recorded with nothing ticked (an empty list: none of these); a
    one-answer question needs an answer. Ids picked before that are not among `options`
    (a pack changed since) are kept and shown, so recording again does not lose them.
    """

    CSS_PATH = ["dialogs.tcss", "answers.tcss"]  # type: ignore[assignment]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n),
                f"pick({n - 1})",
                f"Pick option {n}",
                show=False,
                id=f"choice.option{n}",
            )
            for n in range(1, NUMBER_KEYS + 1)
        ),
        Binding("space", "pick_highlighted", "Pick the highlighted option", id="choice.pick"),
        Binding(
            "enter",
            "record",
            "Record",
            priority=True,  # before the list's own Enter; see check_action
            id="choice.record",
        ),
    ]

    save_label = "Record"

    def __init__(
        self,
        title: str,
        wording: str,
        options: list[tuple[str, str]],
        multiple: bool,
        selected: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self._wording = wording
        self._multiple = multiple
        known = {option_id for option_id, _ in options}
        earlier = [s for s in dict.fromkeys(selected or []) if s not in known]
        self._options: list[tuple[str, str]] = [
            *options,
            *((s, f"{s} (not an option in this pack now)") for s in earlier),
        ]
        ids = [option_id for option_id, _ in self._options]
        self._picked: set[str] = {s for s in selected or [] if s in ids}
        if not multiple and len(self._picked) > 1:
            self._picked = {next(i for i in ids if i in self._picked)}
        self._none_asked = False

    @classmethod
    def for_answer(
        cls, session: CaptureSession, question: Question, perspective: Perspective
    ) -> ChoiceAnswerScreen:
        """The options of `question`, with what `perspective` chose on this visit."""
        from sessionkit.domain import PromptKind

        existing = session.latest(question, perspective)
        return cls(
            perspective.label(session.names()),
            question.wording_for(child=session.is_child(perspective)),
            list(question.options),
            question.kind is PromptKind.CHECKLIST,
            list(existing.selected) if existing else None,
        )

    @property
    def multiple(self) -> bool:
        return self._multiple

    @property
    def picked(self) -> list[str]:
        """The picked ids, in the options' order."""
        return [option_id for option_id, _ in self._options if option_id in self._picked]

    def compose_fields(self) -> ComposeResult:
        yield Static(literal(self._wording), classes="answer-wording")
        yield OptionList(*self._prompts(), id="choices", markup=False)
        count = min(NUMBER_KEYS, len(self._options))
        numbers = "1" if count == 1 else f"1-{count}"
        if self._multiple:
            hint = (
                f"{numbers} tick or untick (or Up/Down, Space) · Enter records · Escape goes back"
            )
        else:
            hint = f"{numbers} picks one (or Up/Down, Space) · Enter records · Escape goes back"
        yield Static(hint, classes="answer-hint")

    def on_mount(self) -> None:
        # Nothing highlighted in an unanswered one-answer question, so a stray Enter
        # records nothing: Down, a number or Space picks first.
        picked = self.picked
        ids = [option_id for option_id, _ in self._options]
        choices = self.query_one("#choices", OptionList)
        if picked:
            choices.highlighted = ids.index(picked[0])
        else:
            choices.highlighted = 0 if self._multiple else None

    def _prompts(self) -> list[Content]:
        prompts: list[Content] = []
        for index, (option_id, label) in enumerate(self._options):
            # A dot where there is no number key: the list drops leading spaces.
            number = f"{index + 1}" if index < NUMBER_KEYS else "·"
            on_ = option_id in self._picked
            marks = ("[ ]", "[x]") if self._multiple else ("( )", "(•)")
            mark = marks[on_]
            prompts.append(literal(f"{number} {mark} {label}"))
        return prompts

    def _redraw(self) -> None:
        choices = self.query_one("#choices", OptionList)
        highlighted = choices.highlighted
        choices.clear_options()
        choices.add_options(self._prompts())
        choices.highlighted = highlighted

    # --- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "record":
            # Enter on a focused button presses it; Enter in the list records.
            return isinstance(self.focused, OptionList)
        return True

    def action_pick(self, index: int) -> None:
        if not 0 <= index < len(self._options):
            return
        option_id = self._options[index][0]
        self._none_asked = False
        if self._multiple:
            self._picked ^= {option_id}
        else:
            self._picked = {option_id}
        self.query_one("#choices", OptionList).highlighted = index
        self._redraw()

    def action_record(self) -> None:
        self.action_save()

    def action_pick_highlighted(self) -> None:
        highlighted = self.query_one("#choices", OptionList).highlighted
        if highlighted is not None:
            self.action_pick(highlighted)

    @on(OptionList.OptionSelected, "#choices")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        # Only a mouse click gets here: Enter is the screen's own binding.
        event.stop()
        self.action_pick(event.option_index)

    # --- the form -------------------------------------------------------------------

    def values(self) -> object:
        return tuple(self.picked)

    def submit(self) -> list[str] | None:
        if self._multiple and not self._picked and not self._none_asked:
            # A stray Enter must not record "none of these": the second one does.
            self._none_asked = True
            self.show_error("Nothing ticked. Enter again records none of these.")
            return None
        if not self._multiple and not self._picked:
            highlighted = self.query_one("#choices", OptionList).highlighted
            if highlighted is None:
                self.show_error("Pick one option, or Escape to go back.")
                return None
            self.action_pick(highlighted)
        return self.picked
