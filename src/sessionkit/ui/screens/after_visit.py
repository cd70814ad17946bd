"""Straight after a visit: the family's feedback, the practitioner's reflection, a case note.

Three parts, top to bottom and left to right, in the order they are done:

1. Relationship check: each person from the family who was there answers the active
   pack's "relationship-check" questions, 0 to 10, and says in their own words whether
   anything should be done differently. An answer is recorded when Enter is pressed on
   it (or focus leaves it), and shows as recorded only after the store has committed it.
2. Reflection: what worked, what did not, what to try next time. "Try next time" is
   what the next visit's plan picks up. Saved half a second after typing stops.
3. Case note: a draft written from everything recorded (`export.case_note`), editable.
   While it is left as drafted it follows the answers and reflection; once edited it is
   the practitioner's own, and Ctrl+R asks before replacing it with a new draft.
   Ctrl+S saves the note as it stands to a file (`save_note`).

Everything is saved as typed; Escape leaves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static, TextArea
from textual.widgets.text_area import Edit, EditResult

from sessionkit.domain import EntryMode, Member, Reflection, Response, Role, Visit, now
from sessionkit.domain.enums import CommunicationNeed, PromptKind
from sessionkit.domain.perspective import Perspective
from sessionkit.domain.text import clean_line, clean_text
from sessionkit.insight.movement import format_value
from sessionkit.services.questions import is_child, latest_answer
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.domain import Case, Goal, VisitPlan
    from sessionkit.toolpacks import Prompt, Tool
    from sessionkit.ui.app import SessionkitApp

SAVE_AFTER_SECONDS = 0.5
RELATIONSHIP_TOOL = "relationship-check"
REFLECTION_TOOL = "reflection"

# (widget id, the reflection prompt whose wording labels it, the label when there is none)
REFLECTION_FIELDS = (
    ("what-worked", "reflection.what-worked", "What worked well in this visit?"),
    ("what-did-not", "reflection.what-did-not", "What did not work, or fell flat?"),
    ("try-next-time", "reflection.try-next-time", "What will I try next time?"),
)


# --- text fields that keep control characters out -------------------------------------


class CleanInput(Input):
    """A one-line input: what is typed or pasted loses control characters on the way in."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(_one_line(text), start, end)

    @on(Input.Changed)
    def _keep_clean(self, event: Input.Changed) -> None:
        # Set from outside the edit path (`value =`): clean it here too.
        cleaned = _one_line(self.value)
        if cleaned != self.value:
            event.stop()
            self.value = cleaned


class CleanTextArea(TextArea):
    """A text area: every edit (typing, paste, insert) loses control characters first."""

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_text(edit.text)
        return super().edit(edit)


# --- one answer of the relationship check ---------------------------------------------


class AnswerRow(Horizontal):
    """One person's answer to one relationship-check question: who, the field, its state."""

    def __init__(
        self,
        prompt: Prompt,
        perspective: Perspective,
        who: str,
        wording: str,
        existing: Response | None,
        *,
        row_id: str,
    ) -> None:
        is_scale = prompt.kind is PromptKind.SCALE
        super().__init__(id=row_id, classes="rc-row" if is_scale else "rc-row -words")
        self.prompt = prompt
        self.perspective = perspective
        self.who = who
        self.wording = wording
        self.existing = existing
        self.is_scale = is_scale

    def compose(self) -> ComposeResult:
        yield Static(literal(self.who), classes="rc-who")
        if self.is_scale:
            yield CleanInput(
                self.recorded_text(),
                type="number",
                max_length=12,
                compact=True,
                classes="rc-score",
                id=f"{self.id}-field",
            )
        else:
            yield CleanInput(
                self.recorded_text(),
                max_length=2000,
                compact=True,
                placeholder="their words, as said",
                classes="rc-words",
                id=f"{self.id}-field",
            )
        yield Static(classes="rc-state")

    def on_mount(self) -> None:
        self.show_recorded()

    @property
    def field(self) -> CleanInput:
        return self.query_one(CleanInput)

    def typed(self) -> str:
        return clean_text(self.field.value).strip()

    def recorded_text(self) -> str:
        r = self.existing
        if r is None:
            return ""
        if self.is_scale:
            return format_value(r.value) if r.value is not None else ""
        return r.text

    def is_pending(self) -> bool:
        """Typed differently from what is recorded (an emptied field is not pending)."""
        typed = self.typed()
        return bool(typed) and typed != self.recorded_text()

    def show_state(self, message: str, *, recorded: bool = False, problem: bool = False) -> None:
        state = self.query_one(".rc-state", Static)
        state.update(literal(message))
        state.set_class(recorded, "-recorded")
        state.set_class(problem, "-problem")

    def show_recorded(self) -> None:
        r = self.existing
        if r is None:
            self.show_state("")
        elif r.value is not None and r.off_scale:
            self.show_state(f"Recorded {format_value(r.value)} (off the scale)", recorded=True)
        elif r.value is not None:
            self.show_state(f"Recorded {format_value(r.value)}", recorded=True)
        else:
            self.show_state("Recorded", recorded=True)


# --- the screen ------------------------------------------------------------------------


class AfterVisitScreen(Screen[None]):
    """Straight after a visit: relationship check, reflection and the draft case note."""

    CSS_PATH = "after_visit.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Done", id="after.back"),
        Binding("f4", "next_part", "Next part", id="after.next_part"),
        Binding("ctrl+r", "regenerate", "New draft", id="after.regenerate"),
        Binding("ctrl+s", "save_note", "Note to file", id="after.save_note"),
    ]

    app: SessionkitApp

    def __init__(self, visit_id: int) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.visit: Visit
        self.case: Case
        self.members: dict[int, Member] = {}
        self.goals: list[Goal] = []
        self.visits: list[Visit] = []
        self.plan: VisitPlan | None = None
        self.earlier: list[Response] = []  # the case's answers on other visits
        self.here: list[Response] = []  # this visit's answers
        self.tool: Tool | None = None
        self._draft = ""  # the last draft written into the note, to tell edits apart
        self._texts: dict[str, str] = {}  # reflection and note as typed
        self._saved: dict[str, str] = {}  # ... and as last saved
        self._save_timer: Timer | None = None
        self._areas: dict[str, CleanTextArea] = {}
        self._left = False

    # -- loading and layout --------------------------------------------------------------

    def _load(self) -> None:
        store = self.app.store
        self.visit = store.get_visit(self.visit_id)
        case_id = self.visit.case_id or 0
        self.case = store.get_case(case_id)
        self.members = {
            m.id: m for m in store.list_members(case_id, include_inactive=True) if m.id is not None
        }
        self.goals = store.list_goals(case_id)
        self.visits = store.list_visits(case_id)
        self.plan = store.get_plan(self.visit.plan_id) if self.visit.plan_id is not None else None
        everything = store.responses_for_case(case_id)
        self.earlier = [r for r in everything if r.visit_id != self.visit_id]
        self.here = [r for r in everything if r.visit_id == self.visit_id]
        self.tool = self.app.pack.tool(RELATIONSHIP_TOOL)
        reflection = self.visit.reflection or Reflection()
        self._texts = {
            "what-worked": reflection.what_worked,
            "what-did-not": reflection.what_did_not,
            "try-next-time": reflection.try_next_time,
            "case-note": self.visit.case_note,
        }
        self._saved = dict(self._texts)

    def compose(self) -> ComposeResult:
        self._load()
        yield Header()
        yield Static(literal(self._title()), id="after-title", classes="screen-title")
        yield Static(
            "Everything is saved as you type · Tab moves on · F4 jumps to the next part · "
            "Esc when done",
            classes="screen-subtitle",
        )
        with Horizontal(id="after-body"):
            with VerticalScroll(id="after-left"):
                yield Static("1 · Relationship check", classes="part-title", id="part-1")
                yield from self._compose_relationship()
                yield Static("2 · Reflection, while it is fresh", classes="part-title", id="part-2")
                yield from self._compose_reflection()
            with Vertical(id="note-panel"):
                yield Static(
                    "3 · Draft case note · Ctrl+R makes a new draft",
                    classes="part-title",
                    id="part-3",
                )
                yield CleanTextArea(self._texts["case-note"], id="case-note")
        yield Static(id="status", classes="status-line")
        yield Footer()

    def _title(self) -> str:
        number = next((i for i, v in enumerate(self.visits, 1) if v.id == self.visit_id), 0)
        when = self.visit.started_at
        title = f"{self.case.reference} · visit {number} · {when:%a} {when.day} {when:%b %Y}"
        if self.visit.entry is EntryMode.AFTERWARDS:
            title += " · written up afterwards"
        return title + " · straight after the visit"

    def _compose_relationship(self) -> Iterable[Widget]:
        tool = self.tool
        if tool is None:
            yield Static("The active toolpack has no relationship check.", classes="part-hint")
            return
        rows = self.answering()
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
        names = self.names()
        any_child = any(is_child(self.members, p) for p in rows)
        scales = [p for p in tool.prompts if p.kind is PromptKind.SCALE and p.scale is not None]
        texts = [p for p in tool.prompts if p.kind is PromptKind.TEXT]
        for index, prompt in enumerate([*scales, *texts]):
            if prompt.scale is not None:
                low = f"{prompt.scale.min} {prompt.scale.min_label}".strip()
                high = f"{prompt.scale.max} {prompt.scale.max_label}".strip()
                heading = Content.assemble(
                    (clean_line(prompt.short_title), "bold"),
                    f"   {clean_line(low)} … {clean_line(high)}",
                )
            else:
                heading = Content.assemble(
                    (clean_line(prompt.title or "In their own words"), "bold")
                )
            yield Static(heading, classes="rc-question")
            asked = f"“{prompt.wording}”"
            if any_child and prompt.child_wording:
                asked += f"  To a child: “{prompt.child_wording}”"
            yield Static(literal(asked), classes="rc-wording")
            for row_index, perspective in enumerate(rows):
                child = is_child(self.members, perspective)
                yield AnswerRow(
                    prompt,
                    perspective,
                    perspective.label(names),
                    prompt.wording_for(child=child),
                    latest_answer(self._relationship_here(), prompt.id, perspective),
                    row_id=f"rc-{index}-{row_index}",
                )

    def _compose_reflection(self) -> Iterable[Widget]:
        tool = self.app.pack.tool(REFLECTION_TOOL)
        wordings = {p.id: p.wording for p in tool.prompts} if tool is not None else {}
        for widget_id, prompt_id, fallback in REFLECTION_FIELDS:
            label = wordings.get(prompt_id, fallback)
            if widget_id == "try-next-time":
                label += "  (carried into the next plan)"
            yield Static(literal(label), classes="reflect-label")
            yield CleanTextArea(self._texts[widget_id], id=widget_id, classes="reflect-area")

    def on_mount(self) -> None:
        self._areas = {key: self.query_one(f"#{key}", CleanTextArea) for key in self._texts}
        draft = self.draft()
        note = self.query_one("#case-note", CleanTextArea)
        if not note.text.strip():
            self._set_note(draft)
        self._draft = draft
        first = self.query(CleanInput).first() if self.query(CleanInput) else None
        (first or self.query_one("#what-worked", CleanTextArea)).focus()
        if note.text != draft:
            self.set_status("The case note has been changed since it was drafted: Ctrl+R redrafts.")
        else:
            self.set_status("The case note is drafted from what was recorded; edit it freely.")

    # -- who answers ----------------------------------------------------------------------

    def names(self) -> dict[int, str]:
        return {mid: m.name for mid, m in self.members.items()}

    def answering(self) -> list[Perspective]:
        """Who answers: each person from the family who was there, for themselves.

        Someone who does not use speech answers through the person who usually says it
        for them on this case (the latest answer given on their behalf), if that person
        was there too. Anyone who already answered this visit's relationship check from
        another perspective keeps that row.
        """
        present = [
            self.members[i]
            for i in self.visit.present_member_ids
            if i in self.members and self.members[i].role is not Role.PRACTITIONER
        ]
        present_ids = {m.id for m in present}
        helpers: dict[int, int] = {}
        for r in [*self.earlier, *self.here]:
            if r.on_behalf_of is not None and r.answered_by in present_ids:
                helpers[r.on_behalf_of] = r.answered_by
        rows: list[Perspective] = []
        for member in present:
            assert member.id is not None
            helper = helpers.get(member.id)
            if CommunicationNeed.NON_VERBAL in member.communication_needs and helper is not None:
                rows.append(Perspective(helper, member.id))
            else:
                rows.append(Perspective(member.id))
        for r in self._relationship_here():
            recorded = Perspective(r.answered_by, r.on_behalf_of)
            if recorded not in rows:
                rows.append(recorded)
        return rows

    def _relationship_here(self) -> list[Response]:
        return [r for r in self.here if r.tool_id == RELATIONSHIP_TOOL]

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
        if row is None:
            return
        if row.is_pending():
            row.show_state("Enter records it")
        elif not row.typed() and row.existing is not None:
            kept = f"Still {row.recorded_text()}: " if row.is_scale else ""
            row.show_state(kept + "Enter removes it")
        else:
            row.show_recorded()

    def _row_of(self, widget: Widget) -> AnswerRow | None:
        parent = widget.parent
        return parent if isinstance(parent, AnswerRow) else None

    def commit(self, row: AnswerRow, *, removing: bool = False) -> bool:
        """Record what the row holds; True when nothing is left unrecorded.

        An empty field removes a recorded answer only when `removing` (Enter was pressed).
        """
        from sessionkit.storage import StoreError

        typed = row.typed()
        existing = row.existing
        store = self.app.store
        try:
            if not typed:
                if existing is not None and existing.id is not None and removing:
                    store.delete_response(existing.id)
                    self.here = [r for r in self.here if r.id != existing.id]
                    row.existing = None
                    row.show_state("Removed")
                    self._answers_changed()
                return True
            if typed == row.recorded_text():
                row.show_recorded()
                return True
            value: float | None = None
            if row.is_scale:
                value = _number(typed)
                if value is None:
                    row.show_state("Not a number: not recorded", problem=True)
                    return False
            if existing is not None:
                changes = {"value": value} if row.is_scale else {"text": typed}
                saved = store.update_response(
                    existing.model_copy(update={**changes, "edited_at": now()})
                )
            else:
                saved = store.record_response(self._response(row, value, typed))
        except StoreError as exc:
            row.show_state("NOT recorded", problem=True)
            # Said in words on the row and the status line; nothing here makes a sound.
            self.set_status(f"NOT recorded: {exc}")
            return False
        self.here = [r for r in self.here if r.id != saved.id] + [saved]
        row.existing = saved
        row.show_recorded()
        self._answers_changed()
        return True

    def _response(self, row: AnswerRow, value: float | None, text: str) -> Response:
        afterwards = self.visit.entry is EntryMode.AFTERWARDS
        scale = row.prompt.scale
        return Response(
            visit_id=self.visit_id,
            prompt_id=row.prompt.id,
            tool_id=RELATIONSHIP_TOOL,
            pack_id=self.visit.pack_id,
            pack_version=self.visit.pack_version,
            wording=row.wording,
            answered_by=row.perspective.answered_by,
            on_behalf_of=row.perspective.on_behalf_of,
            value=value,
            scale_min=scale.min if scale is not None else None,
            scale_max=scale.max if scale is not None else None,
            text="" if row.is_scale else text,
            # Entered afterwards: said at the end of the visit, as the capture screen does.
            said_at=(self.visit.ended_at or self.visit.started_at) if afterwards else now(),
            entry=EntryMode.AFTERWARDS if afterwards else EntryMode.LIVE,
        )

    def _answers_changed(self) -> None:
        self._follow_draft()
        self._schedule_save()

    # -- reflection and note: saved as typed ------------------------------------------------

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if area.id not in self._texts:
            return
        cleaned = clean_text(area.text)
        if cleaned != area.text:
            # Set from outside the edit path (`text =`, `load_text`): clean it here too.
            area.load_text(cleaned)
            return
        self._texts[area.id] = cleaned
        if area.id == "case-note" and cleaned != self._draft and area.has_focus:
            self.set_status("Your case note is kept as you write it; Ctrl+R makes a new draft.")
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

    def save(self, *, quiet: bool = False) -> bool:
        """Store the reflection and the case note as typed, if changed; False on failure."""
        from sessionkit.storage import StoreError

        # Read the fields themselves: a change message still queued (typing, then quitting
        # at once) must not be lost. The widgets keep their text even once removed.
        for key, area in self._areas.items():
            self._texts[key] = clean_text(area.text)
        if self._texts == self._saved:
            return True
        updated = self.visit_as_typed()
        try:
            self.app.store.update_visit(updated)
        except StoreError as exc:
            if not quiet:
                self.set_status(f"NOT saved: {exc}")
            return False
        self.visit = updated
        self._saved = dict(self._texts)
        return True

    def visit_as_typed(self) -> Visit:
        """The visit with the reflection and case note as they stand on screen."""
        texts = self._texts
        reflection = Reflection(
            what_worked=texts["what-worked"],
            what_did_not=texts["what-did-not"],
            try_next_time=texts["try-next-time"],
        )
        updated = self.visit.model_copy()
        # Assignment is validated: the text is cleaned as any model field is.
        updated.reflection = None if reflection.is_empty else reflection
        updated.case_note = texts["case-note"]
        return updated

    # -- the draft ---------------------------------------------------------------------------

    def draft(self) -> str:
        from sessionkit.export.case_note import draft_case_note

        return draft_case_note(
            self.case,
            self.visit_as_typed(),
            list(self.members.values()),
            [*self.earlier, *self.here],
            self.goals,
            self.app.pack,
            visits=self.visits,
            plan=self.plan,
        )

    def _follow_draft(self) -> None:
        """While the note is as drafted (not edited), keep it in step with what changed."""
        note = self.query_one("#case-note", CleanTextArea)
        if note.text != self._draft:
            return
        draft = self.draft()
        if draft != self._draft:
            self._draft = draft
            self._set_note(draft)

    def _set_note(self, text: str) -> None:
        note = self.query_one("#case-note", CleanTextArea)
        note.load_text(text)
        self._texts["case-note"] = clean_text(text)

    def action_regenerate(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        draft = self.draft()
        note = self.query_one("#case-note", CleanTextArea)
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

    def action_save_note(self) -> None:
        """The case note as it stands on screen, to a file: the practitioner's own text
        if they changed it, else the draft (an emptied note is drafted again first)."""
        from sessionkit.export.case_note import case_note_file_name
        from sessionkit.ui.screens.save_note import NoteToSave, SaveNoteScreen, describe

        self.save(quiet=True)
        draft = self.draft()
        text = clean_text(self.query_one("#case-note", CleanTextArea).text)
        if not text.strip():
            text = draft
        number = next((i for i, v in enumerate(self.visits, 1) if v.id == self.visit_id), 0)
        note = NoteToSave(
            text=text,
            about=describe(self.case.reference, number, self.visit, own=text != draft),
            file_name=case_note_file_name(
                self.case.reference, number, self.visit.started_at.date()
            ),
        )
        self.app.push_screen(SaveNoteScreen(note, exports_dir=self.app.locations.exports_dir))

    def _use_draft(self, draft: str) -> None:
        self._draft = draft
        self._set_note(draft)
        self.save()
        self.set_status("New case note drafted from what was recorded.")

    # -- moving and leaving -------------------------------------------------------------------

    def action_next_part(self) -> None:
        """Relationship check -> reflection -> case note -> back to the start."""
        parts: list[Widget] = []
        first_answer = self.query(CleanInput)
        if first_answer:
            parts.append(first_answer.first())
        parts.append(self.query_one("#what-worked", CleanTextArea))
        parts.append(self.query_one("#case-note", CleanTextArea))
        focused = self.focused
        current = 0
        if focused is not None:
            if focused.id in ("what-worked", "what-did-not", "try-next-time"):
                current = parts.index(self.query_one("#what-worked", CleanTextArea))
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
        if not self._left:
            self.save(quiet=True)

    def set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(literal(message))

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
        yield SystemCommand("Done", "Everything is saved; back (Esc)", self.action_leave)


def _one_line(text: str) -> str:
    return clean_text(text).replace("\t", " ").replace("\n", " ")


def _number(text: str) -> float | None:
    """The number typed, or None when it is not one (or not a finite one)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
