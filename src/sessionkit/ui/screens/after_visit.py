"""Straight after a visit: the family's feedback, the practitioner's reflection, a case note.

Three parts, top to bottom and left to right, in the order they are done:

1. Relationship check: each person from the family who was there answers the active
   pack's "relationship-check" questions, 0 to 10, and says in their own words whether
   anything should be done differently. An answer is recorded when Enter is pressed on
   it (or focus leaves it), and shows as recorded only after the store has committed it.
2. Reflection: what worked, what did not, what to try next time. "Try next time" is
   what the next visit's plan picks up. Saved half a second after typing stops; until
   the store has committed it the screen says "not saved yet", never "saved".
3. Case note: a draft written from everything recorded (`export.case_note`), editable.
   While it is left as drafted it follows the answers and reflection; once edited it is
   the practitioner's own, and Ctrl+R asks before replacing it with a new draft.
   Ctrl+S saves the note as it stands to a file (`save_note`).

Text is saved when typing pauses, and shown as saved only once committed; Escape saves
what is left and leaves. Who answers, how an answer is made and when
the texts are written are `services.after_visit`; this screen gathers and shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static, TextArea

from sessionkit.domain import EntryMode
from sessionkit.domain.text import clean_text
from sessionkit.services import after_visit as service
from sessionkit.services.casework_errors import NotANumber
from sessionkit.services.questions import is_child, latest_answer, question_for
from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.screens.save_note import author_of
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput, CleanTextArea
from sessionkit.ui.widgets.relationship_row import AnswerRow, question_heading
from sessionkit.ui.widgets.save_marker import SaveMarker

if TYPE_CHECKING:
    from sessionkit.domain import Visit
    from sessionkit.storage.errors import StoreError

SAVE_AFTER_SECONDS = 0.5

# (widget id, the reflection prompt whose wording labels it, the label when there is none)
REFLECTION_FIELDS = (
    ("what-worked", "reflection.what-worked", "What worked well in this visit?"),
    ("what-did-not", "reflection.what-did-not", "What did not work, or fell flat?"),
    ("try-next-time", "reflection.try-next-time", "What will I try next time?"),
)
TEXT_IDS = ("what-worked", "what-did-not", "try-next-time", "case-note")


class AfterVisitScreen(SessionkitScreen[None]):
    """Straight after a visit: relationship check, reflection and the draft case note."""

    CSS_PATH = "after_visit.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Done", id="after.back"),
        Binding("f4", "next_part", "Next part", id="after.next_part"),
        Binding("ctrl+r", "regenerate", "New draft", id="after.regenerate"),
        Binding("ctrl+s", "save_note", "Note to file", id="after.save_note"),
    ]

    def __init__(self, visit_id: int) -> None:
        super().__init__()
        self.visit_id = visit_id
        self._draft = ""  # the last draft written into the note, to tell edits apart
        self._save_timer: Timer | None = None
        self._areas: dict[str, CleanTextArea] = {}
        self._left = False
        self._problem = ""  # the last write that did not get through, said once

    @property
    def visit(self) -> Visit:
        """The visit as last saved."""
        return self.after.visit

    # -- loading and layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.after = service.read_after_visit(self.app.store, self.visit_id)
        texts = service.VisitTexts.of(self.visit)
        yield Header()
        yield Static(literal(self._title()), id="after-title", classes="screen-title")
        yield Static(
            "Saved when you pause typing · Tab moves on · F4 jumps to the next part · "
            "Esc when done",
            classes="screen-subtitle",
        )
        yield SaveMarker(id="save-state")
        with Horizontal(id="after-body"):
            with VerticalScroll(id="after-left"):
                yield Static("1 · Relationship check", classes="part-title", id="part-1")
                yield from self._compose_relationship()
                yield Static("2 · Reflection, while it is fresh", classes="part-title", id="part-2")
                yield from self._compose_reflection(texts)
            with Vertical(id="note-panel"):
                yield Static(
                    "3 · Draft case note · Ctrl+R makes a new draft",
                    classes="part-title",
                    id="part-3",
                )
                yield CleanTextArea(texts.case_note, id="case-note")
        yield Static(id="status", classes="status-line")
        yield Footer()

    def _title(self) -> str:
        when = self.visit.started_at
        title = f"{self.after.case.reference} · visit {self.after.number} · "
        title += f"{when:%a} {when.day} {when:%b %Y}"
        if self.visit.entry is EntryMode.AFTERWARDS:
            title += " · written up afterwards"
        return title + " · straight after the visit"

    def _compose_relationship(self) -> Iterable[Widget]:
        tool = self.app.pack.tool(service.RELATIONSHIP_TOOL)
        if tool is None:
            yield Static("The active toolpack has no relationship check.", classes="part-hint")
            return
        rows = self.after.respondents()
        if not rows:
            yield Static(
                "Nobody from the family is recorded as present on this visit.",
                classes="part-hint",
            )
            return
        yield Static(
            "Type the number each person gives, then Enter. Low scores help too.",
            classes="part-hint",
        )
        members = self.after.members
        names = {mid: m.name for mid, m in members.items()}
        any_child = any(is_child(members, p) for p in rows)
        recorded = self.after.relationship_here
        for index, prompt in enumerate(service.relationship_prompts(tool)):
            yield from question_heading(prompt, to_a_child=any_child)
            question = question_for(tool, prompt)
            for row_index, perspective in enumerate(rows):
                yield AnswerRow(
                    prompt,
                    question,
                    perspective,
                    perspective.label(names),
                    latest_answer(recorded, prompt.id, perspective),
                    child=is_child(members, perspective),
                    row_id=f"rc-{index}-{row_index}",
                )

    def _compose_reflection(self, texts: service.VisitTexts) -> Iterable[Widget]:
        tool = self.app.pack.tool(service.REFLECTION_TOOL)
        wordings = {p.id: p.wording for p in tool.prompts} if tool is not None else {}
        values = dict(zip(TEXT_IDS, astuple(texts), strict=True))
        for widget_id, prompt_id, fallback in REFLECTION_FIELDS:
            label = wordings.get(prompt_id, fallback)
            if widget_id == "try-next-time":
                label += "  (carried into the next plan)"
            yield Static(literal(label), classes="reflect-label")
            yield CleanTextArea(values[widget_id], id=widget_id, classes="reflect-area")

    def on_mount(self) -> None:
        self._areas = {key: self.query_one(f"#{key}", CleanTextArea) for key in TEXT_IDS}
        draft = self.draft()
        note = self._areas["case-note"]
        if not note.text.strip():
            note.load_text(draft)
        self._draft = draft
        first = self.query(CleanInput).first() if self.query(CleanInput) else None
        (first or self._areas["what-worked"]).focus()
        if note.text != draft:
            self.set_status("The case note has been changed since it was drafted: Ctrl+R redrafts.")
        else:
            self.set_status("The case note is drafted from what was recorded; edit it freely.")

    # -- recording the relationship check -------------------------------------------------

    @on(Input.Submitted, ".rc-row CleanInput")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        row = self._row_of(event.input)
        if row is not None and self.commit(row, removing=True):
            self.focus_next()

    @on(Input.Blurred, ".rc-row CleanInput")
    def _blurred(self, event: Input.Blurred) -> None:
        row = self._row_of(event.input)
        if row is not None and row.is_pending():
            self.commit(row)

    @on(Input.Changed, ".rc-row CleanInput")
    def _typing(self, event: Input.Changed) -> None:
        row = self._row_of(event.input)
        if row is not None:
            row.show_typing()

    def _row_of(self, widget: Widget) -> AnswerRow | None:
        parent = widget.parent
        return parent if isinstance(parent, AnswerRow) else None

    def commit(self, row: AnswerRow, *, removing: bool = False) -> bool:
        """Record what the row holds; True when nothing is left unrecorded.

        An empty field removes a recorded answer only when `removing` (Enter was pressed).
        """
        typed = row.typed()
        not_done = "Not removed" if not typed else "Not recorded"
        try:
            change = self.attempt(
                not_done,
                lambda: service.record_relationship(
                    self.app.store,
                    self.visit,
                    row.question,
                    row.perspective,
                    typed,
                    row.existing,
                    child=row.child,
                    remove_if_empty=removing,
                ),
            )
        except NotANumber as refused:
            row.show_state(str(refused), problem=True)
            return False
        if change is None:
            # Said on the row and the status line; nothing here makes a sound.
            row.show_state("NOT removed" if not typed else "NOT recorded", problem=True)
            return False
        self._problem = ""
        if change.removed and row.existing is not None:
            self.after.forget(row.existing)
            row.existing = None
            row.show_state("Removed")
        elif change.response is not None:
            if change.written:
                self.after.keep(change.response)
            row.existing = change.response
            row.show_recorded()
        if change.written:
            self._answers_changed()
        return True

    def _answers_changed(self) -> None:
        self._follow_draft()
        self._schedule_save()

    def report_not_done(self, not_done: str, error: StoreError) -> None:
        # A save retried after each pause in typing says the same failure once, not
        # every half second, until a write gets through.
        line = f"{not_done}: {error}"
        self.set_status(line)
        if line != self._problem:
            self.app.notify_literal(line, severity="error", timeout=10)
        self._problem = line

    # -- reflection and note: saved as typed ------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if area.id not in TEXT_IDS:
            return
        cleaned = clean_text(area.text)
        if cleaned != area.text:
            # Set from outside the edit path (`text =`, `load_text`): clean it here too.
            area.load_text(cleaned)
            return
        if area.id == "case-note" and cleaned != self._draft and area.has_focus:
            self.set_status("Your case note is kept as you write it; Ctrl+R makes a new draft.")
        self._show_saved()
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_SECONDS, self._save_soon)

    def _save_soon(self) -> None:
        self._save_timer = None
        if self.is_attached:
            self._follow_draft()
        self.save()

    def typed(self) -> service.VisitTexts:
        """The reflection and case note as they stand in their fields.

        Read from the fields themselves: a change message still queued (typing, then
        quitting at once) must not be lost. The widgets keep their text once removed.
        """
        return service.VisitTexts(*(clean_text(self._areas[key].text) for key in TEXT_IDS))

    def save(self) -> bool:
        """Store the reflection and the case note as typed, if changed; False on failure."""
        if not self._areas:
            return True
        typed = self.typed()
        store = self.app.store
        saved = self.attempt("Not saved", lambda: service.save_texts(store, self.visit, typed))
        if saved is None:
            return False
        self._problem = ""
        self.after.visit = saved
        self._show_saved()
        return True

    def is_saved(self) -> bool:
        """Whether the fields hold exactly what the store has committed."""
        return not self._areas or self.typed() == service.VisitTexts.of(self.visit)

    def _show_saved(self) -> None:
        found = self.query(SaveMarker) if self.is_attached else None
        if found:  # not while composing, nor once gone
            found.first().show(self.is_saved())

    # -- the draft ---------------------------------------------------------------------------

    def draft(self) -> str:
        visit = service.with_texts(self.visit, self.typed()) if self._areas else self.visit
        return service.draft_note(self.after, visit, self.app.pack, author=author_of(self.app))

    def _follow_draft(self) -> None:
        """While the note is as drafted (not edited), keep it in step with what changed."""
        note = self._areas["case-note"]
        if note.text != self._draft:
            return
        draft = self.draft()
        if draft != self._draft:
            self._draft = draft
            note.load_text(draft)

    def action_regenerate(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        draft = self.draft()
        note = self._areas["case-note"]
        if note.text == draft:
            self._draft = draft
            self.set_status("The case note is already the latest draft.")
            return
        if not note.text.strip() or note.text == self._draft:
            self._use_draft(draft)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._use_draft(self.draft())
            else:
                self.set_status("Kept your case note as it is.")

        self.app.push_screen(
            ConfirmScreen(
                "Replace the case note, with the changes you made, by a new draft?",
                yes="Replace",
                no="Keep mine",
            ),
            answered,
        )

    def _use_draft(self, draft: str) -> None:
        self._draft = draft
        self._areas["case-note"].load_text(draft)
        if self.save():
            self.set_status("New case note drafted from what was recorded.")

    def action_save_note(self) -> None:
        """The case note as it stands on screen, to a file: the practitioner's own text
        if they changed it, else the draft (an emptied note is drafted again first)."""
        from sessionkit.ui.screens.save_note import SaveNoteScreen

        self.save()
        text = clean_text(self._areas["case-note"].text)
        note = service.note_to_save(
            self.after.case.reference, self.after.number, self.visit, text, self.draft()
        )
        self.app.push_screen(SaveNoteScreen(note, exports_dir=self.app.locations.exports_dir))

    # -- moving and leaving -------------------------------------------------------------------

    def action_next_part(self) -> None:
        """Relationship check -> reflection -> case note -> back to the start."""
        parts: list[Widget] = []
        first_answer = self.query(CleanInput)
        if first_answer:
            parts.append(first_answer.first())
        parts += [self._areas["what-worked"], self._areas["case-note"]]
        focused = self.focused
        current = 0
        if focused is not None:
            if focused.id in ("what-worked", "what-did-not", "try-next-time"):
                current = parts.index(self._areas["what-worked"])
            elif focused.id == "case-note":
                current = len(parts) - 1
        parts[(current + 1) % len(parts)].focus()

    def action_leave(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        unrecorded = [row for row in self.query(AnswerRow) if not self.commit(row)]
        if not unrecorded:
            self._leave()
            return
        who = ", ".join(dict.fromkeys(row.who for row in unrecorded))

        def answered(leave: bool | None) -> None:
            if leave:
                self._leave()
            else:
                unrecorded[0].field.focus()

        self.app.push_screen(
            ConfirmScreen(
                f"Not recorded (not a number or not saved): {who}. Leave without them?",
                yes="Leave",
                no="Keep editing",
            ),
            answered,
        )

    def _leave(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._follow_draft()
        if not self.save():
            return  # the status line says why; nothing typed is thrown away
        self._left = True
        self.app.notify_literal("Saved: the relationship check, your reflection and the case note.")
        self.dismiss()

    def on_unmount(self) -> None:
        # Leaving another way (quitting the app): keep what was typed since the last save.
        if not self._left and not self.app.store.closed:
            self.save()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "New case note draft",
            "Write the case note again from what was recorded (Ctrl+R)",
            self.action_regenerate,
        )
        yield SystemCommand(
            "Save the case note to a file",
            "The note as it stands, readable by you only; not the clipboard (Ctrl+S)",
            self.action_save_note,
        )
        yield SystemCommand(
            "Next part",
            "Relationship check, reflection, case note (F4)",
            self.action_next_part,
        )
        yield SystemCommand("Done", "Save what is typed and go back (Esc)", self.action_leave)
