"""One visit being recorded: which questions it asks, who is answering, and every write.

`CaptureSession` is what the capture screen (or any other front end) drives: it loads a
visit with its case, people, questions and answers, keeps which question and person are
chosen, and records, replaces, edits, tags, undoes and finishes. Every write goes to the
store first; the session's own state changes only once the store call returned, so a
write that fails (`StoreError`, passed through as it is) leaves the session showing
exactly what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sessionkit.domain import (
    ChangeTalk,
    Goal,
    HowGiven,
    Member,
    PromptKind,
    Response,
    Visit,
    VisitPlan,
    clean_line,
    now,
)
from sessionkit.domain.corrections import corrections_of
from sessionkit.domain.number_entry import NumberEntry
from sessionkit.domain.perspective import Perspective
from sessionkit.insight.movement import format_value
from sessionkit.services.answers import new_response
from sessionkit.services.errors import NoAnswerYet, VisitIsFinished
from sessionkit.services.questions import (
    Question,
    is_child,
    latest_answer,
    next_on_behalf,
    person_keys,
    perspectives,
    question_for,
    scale_questions,
)

if TYPE_CHECKING:
    from sessionkit.domain import Case
    from sessionkit.storage import Store
    from sessionkit.toolpacks import ResolvedPack


def themes_from(text: str) -> list[str]:
    """The themes in `text`: separated by commas, cleaned, empty ones left out."""
    return [theme for theme in map(clean_line, text.split(",")) if theme]


# The order a key press moves how an answer was given through.
HOW_GIVEN_ORDER = tuple(HowGiven)


@dataclass(frozen=True)
class Write:
    """One write this session made, so undo can take it back: `action` names it
    ("answer", "worry", "themes", ...), `previous` is the stored version it replaced
    (None: it recorded a new answer), `saved` what it stored."""

    action: str
    saved: Response
    previous: Response | None = None

    @property
    def parts(self) -> tuple[str, Response, Response | None]:
        """(action, saved, previous), as `present.undo.undone_sentence` takes them."""
        return self.action, self.saved, self.previous


def carried_over(response: Response, earlier: Response) -> Response:
    """`response` with what was said with the `earlier` number it corrects, where it has
    none of its own: words, themes, a worry, change talk are not lost with a correction."""
    update: dict[str, object] = {}
    if not response.text and earlier.text:
        update["text"] = earlier.text
    if not response.tags and earlier.tags:
        update["tags"] = list(earlier.tags)
    if not response.worry and earlier.worry:
        update["worry"] = True
    if not response.change_talk and earlier.change_talk:
        update["change_talk"] = earlier.change_talk
    return response.model_copy(update=update) if update else response


def edited(response: Response, text: str, value: float | None) -> Response:
    """`response` changed to what was typed over it: the number and the words as typed,
    unless only the number was typed (then there are no words)."""
    number_only = value is not None and text == format_value(value)
    return response.model_copy(update={"value": value, "text": "" if number_only else text})


def number_with_words(question: Question, value: float | None) -> float | None:
    """The number kept with words typed on their own: the one they start with, on a
    question answered with a number; never on a goal's level ("1 more good morning" is
    not level +1), a list or a choice, whose answer is chosen, not typed."""
    chosen = (PromptKind.LIST, PromptKind.CHOICE, PromptKind.CHECKLIST)
    return None if question.is_gas or question.kind in chosen else value


class CaptureSession:
    """A visit while it is recorded (or read, once finished)."""

    def __init__(
        self,
        store: Store,
        pack: ResolvedPack,
        *,
        visit: Visit,
        case: Case,
        number: int,
        members: Mapping[int, Member],
        goals: list[Goal],
        plan: VisitPlan | None,
        responses: list[Response],
        earlier: list[Response],
    ) -> None:
        self.store = store
        self.pack = pack
        self.visit = visit
        self.case = case
        self.number = number  # the visit's place among the case's visits, from 1
        self.members = dict(members)
        self.goals = goals
        self.plan = plan
        self.responses = responses  # this visit's, in recorded order
        self.earlier = earlier  # earlier visits' answers, for "last time"
        present = [members[i] for i in visit.present_member_ids if i in members]
        self.keys = person_keys(present)  # Shift+letter -> member id
        self.questions = scale_questions(pack, goals)
        self.question_index = 0
        self.person_index = 0
        self.on_behalf: dict[int, int | None] = {}
        self._writes: list[Write] = []  # every write made here, oldest first, for undo
        self._entry = NumberEntry()
        self._typed_id: int | None = None  # the answer the last digit key recorded
        for prompt_id in self._planned_and_answered():
            self.add_question(prompt_id)

    @classmethod
    def load(cls, store: Store, pack: ResolvedPack, visit_id: int) -> CaptureSession:
        """Everything the visit shows, read from the store."""
        visit = store.get_visit(visit_id)
        assert visit.case_id is not None, "a stored visit belongs to a case"
        case = store.get_case(visit.case_id)
        members = {
            m.id: m for m in store.list_members(visit.case_id, include_inactive=True) if m.id
        }
        everything = store.responses_for_case(visit.case_id)
        visits = store.list_visits(visit.case_id)
        earlier_ids = {v.id for v in visits if v.started_at < visit.started_at}
        return cls(
            store,
            pack,
            visit=visit,
            case=case,
            number=next((i for i, v in enumerate(visits, 1) if v.id == visit_id), 0),
            members=members,
            goals=store.list_goals(visit.case_id),
            plan=store.get_plan(visit.plan_id) if visit.plan_id is not None else None,
            responses=[r for r in everything if r.visit_id == visit_id],
            earlier=[r for r in everything if r.visit_id in earlier_ids],
        )

    # -- the questions ----------------------------------------------------------------

    def _planned_and_answered(self) -> list[str]:
        """The plan's tools (not its reflections) and anything already answered."""
        wanted: list[str] = []
        if self.plan is not None:
            for planned in self.plan.tools:
                tool = self.pack.tool(planned.tool_id)
                if tool is not None and tool.group != "reflection":
                    wanted += [p.id for p in tool.prompts]
        return wanted + [r.prompt_id for r in self.responses]

    def add_question(self, prompt_id: str) -> int | None:
        """Ask a pack prompt on this visit too (once); its place in the list, or None."""
        for index, known in enumerate(self.questions):
            if known.prompt_id == prompt_id:
                return index
        found = self.pack.find_prompt(prompt_id, include_hidden=True)
        if found is None:
            return None
        self.questions.append(question_for(*found))
        return len(self.questions) - 1

    def houses(self, question: Question) -> list[Question]:
        """Every house of the Three Houses tool `question` belongs to, in order."""
        tool = self.pack.tool(question.tool_id)
        if tool is None:
            return []
        return [question_for(tool, p) for p in tool.prompts if p.kind is PromptKind.LIST]

    # -- where the practitioner is ------------------------------------------------------

    @property
    def question(self) -> Question | None:
        return self.questions[self.question_index] if self.questions else None

    def perspectives(self) -> list[Perspective]:
        """The rows of the current question: everyone present, then anyone answering for
        another (earlier visits' too, so "last time" stays in view), then this visit's
        on-behalf choices."""
        question = self.question
        if question is None:
            return []
        found = perspectives(
            self.visit.present_member_ids, [*self.earlier, *self.responses], question.prompt_id
        )
        for member_id, target in self.on_behalf.items():
            chosen = Perspective(member_id, target)
            if target is not None and chosen not in found:
                found.append(chosen)
        return found

    @property
    def perspective(self) -> Perspective | None:
        rows = self.perspectives()
        if not rows:
            return None
        self.person_index %= len(rows)
        return rows[self.person_index]

    def current(self) -> tuple[Question, Perspective] | None:
        question, perspective = self.question, self.perspective
        if question is None or perspective is None:
            return None
        return question, perspective

    def move_question(self, step: int) -> None:
        if self.questions:
            self.select_question((self.question_index + step) % len(self.questions))

    def select_question(self, index: int) -> None:
        self.question_index = index
        self.forget_typing()

    def move_person(self, step: int) -> None:
        rows = self.perspectives()
        if rows:
            self.person_index = (self.person_index + step) % len(rows)
            self.forget_typing()

    def choose_person(self, member_id: int) -> bool:
        """That person, answering for themselves (Shift+initial); False if not present."""
        self.on_behalf.pop(member_id, None)
        rows = self.perspectives()
        wanted = Perspective(member_id)
        if wanted not in rows:
            return False
        self.person_index = rows.index(wanted)
        self.forget_typing()
        return True

    def cycle_on_behalf(self) -> None:
        """The person answering now answers for the next one in the case, then themselves."""
        perspective = self.perspective
        if perspective is None:
            return
        active = [m for m in self.members.values() if m.active]
        target = next_on_behalf(active, perspective.answered_by, perspective.on_behalf_of)
        self.on_behalf[perspective.answered_by] = target
        rows = self.perspectives()
        wanted = Perspective(perspective.answered_by, target)
        self.person_index = rows.index(wanted) if wanted in rows else 0

    def forget_typing(self) -> None:
        """A digit typed from here starts a new number."""
        self._entry.forget()
        self._typed_id = None

    def resume_where_left(self) -> None:
        """An open visit carries on at the question and person of its last answer, so a
        visit picked up again starts where it stopped, not at the first question."""
        if self.visit.is_finished or not self.responses:
            return
        # Recorded to the second: of two in the same second, the one stored later.
        last = max(self.responses, key=lambda r: (r.recorded_at, r.id or 0))
        index = next(
            (i for i, q in enumerate(self.questions) if q.prompt_id == last.prompt_id), None
        )
        if index is None:
            return
        self.select_question(index)
        rows = self.perspectives()
        wanted = Perspective(last.answered_by, last.on_behalf_of)
        if wanted not in rows and last.on_behalf_of is not None:
            self.on_behalf[last.answered_by] = last.on_behalf_of
            rows = self.perspectives()
        self.person_index = rows.index(wanted) if wanted in rows else 0

    # -- reading answers ----------------------------------------------------------------

    def names(self) -> dict[int, str]:
        return {member_id: m.name for member_id, m in self.members.items()}

    def is_child(self, perspective: Perspective) -> bool:
        return is_child(self.members, perspective)

    def latest(self, question: Question, perspective: Perspective) -> Response | None:
        """This visit's answer to `question` from `perspective`, if any."""
        return latest_answer(self.responses, question.prompt_id, perspective)

    def earlier_answer(self, question: Question, perspective: Perspective) -> Response | None:
        """The last answer to `question` from `perspective` on an earlier visit."""
        return latest_answer(self.earlier, question.prompt_id, perspective)

    @property
    def can_undo(self) -> bool:
        return bool(self._writes)

    # -- writing ----------------------------------------------------------------------

    def record(
        self,
        question: Question,
        perspective: Perspective,
        *,
        value: float | None = None,
        text: str = "",
        items: list[str] | None = None,
        selected: list[str] | None = None,
        given_as: HowGiven | None = None,
    ) -> Response:
        """A new answer, committed to disk before it is returned. A number that corrects
        an earlier one on this visit keeps what was said with it (`carried_over`)."""
        self._writable()
        member = self.members.get(perspective.answered_by)
        response = new_response(
            self.visit,
            question,
            perspective,
            child=self.is_child(perspective),
            value=value,
            text=text,
            items=items,
            selected=selected,
            given_as=given_as,
            needs=member.communication_needs if member is not None else (),
        )
        corrected = corrections_of(response, self.responses)
        if corrected:
            response = carried_over(response, corrected[-1])
        saved = self.store.record_response(response)
        self.responses.append(saved)
        self._writes.append(Write("answer", saved))
        return saved

    def record_or_replace(
        self,
        question: Question,
        perspective: Perspective,
        *,
        value: float | None = None,
        items: list[str] | None = None,
        selected: list[str] | None = None,
    ) -> Response:
        """A list, choice or level answer replaces this visit's earlier one for the same
        person and question; the first one is recorded."""
        existing = self.latest(question, perspective)
        if existing is None:
            return self.record(question, perspective, value=value, items=items, selected=selected)
        update: dict[str, object] = {}
        if value is not None:
            update["value"] = value
        if items is not None:
            update["items"] = items
        if selected is not None:
            update["selected"] = selected
        return self.update(existing.model_copy(update=update), action="answer")

    def record_houses(
        self, perspective: Perspective, houses: list[Question], answers: Mapping[str, list[str]]
    ) -> Response | None:
        """Every house of Three Houses is asked on this visit from now on; each answered
        one (`answers` by prompt id) is recorded or replaces this visit's. Stops at the
        first write that fails (the houses before it stay recorded); the last one saved."""
        for house in houses:
            self.add_question(house.prompt_id)
        saved = None
        for house in houses:
            if house.prompt_id in answers:
                items = answers[house.prompt_id]
                saved = self.record_or_replace(house, perspective, items=items)
        return saved

    def type_digit(self, digit: int, *, at: float) -> Response:
        """A digit key on a scale question: a new answer, or the one just typed made into
        a two-digit number ("1" then "0" quickly is ten). `at` is a monotonic time."""
        current = self.current()
        if current is None or not current[0].is_scale:
            raise NoAnswerYet("this question is not answered with a number.")
        question, perspective = current
        low, high = question.scale_min or 0, question.scale_max or 10
        target = (question.prompt_id, perspective)
        typed = self._entry.press(digit, at=at, scale_min=low, scale_max=high, target=target)
        previous = next(
            (r for r in self.responses if r.id is not None and r.id == self._typed_id), None
        )
        try:
            if (
                typed.replaces is not None
                and previous is not None
                and previous.value == typed.replaces
            ):
                saved = self._continue_number(previous, float(typed.value))
            else:
                if typed.replaces is not None:
                    # What it would continue was changed or undone meanwhile: a new number.
                    self._entry.forget()
                    self._entry.press(digit, at=at, scale_min=low, scale_max=high, target=target)
                saved = self.record(question, perspective, value=float(digit))
        except BaseException:
            self.forget_typing()
            raise
        self._typed_id = saved.id
        return saved

    def update(self, response: Response, *, action: str = "change") -> Response:
        """Store a changed answer (marked edited now) in place of the one with its id;
        `action` names the change for undo."""
        self._writable()
        previous = next((r for r in self.responses if r.id == response.id), None)
        saved = self.store.update_response(response.model_copy(update={"edited_at": now()}))
        self.responses = [saved if r.id == saved.id else r for r in self.responses]
        self._writes.append(Write(action, saved, previous))
        return saved

    def _continue_number(self, previous: Response, value: float) -> Response:
        """The number just typed made two digits: still the one action of recording it,
        so when that record is the last write, undo takes the whole number back."""
        saved = self.update(previous.model_copy(update={"value": value}), action="answer")
        if len(self._writes) >= 2:
            continued = self._writes[-2]
            if continued.previous is None and continued.saved.id == saved.id:
                self._writes[-2:] = [Write("answer", saved)]
        return saved

    def edit(self, response: Response, text: str, value: float | None) -> Response:
        """Replace a number answer with what was typed over it (see `edited`)."""
        return self.update(edited(response, text, value), action="edit")

    def set_words(
        self, question: Question, perspective: Perspective, text: str, value: float | None
    ) -> Response:
        """Their own words: they replace the words of this visit's answer, or, with none
        yet, are an answer of their own (with the number they start with, if any)."""
        existing = self.latest(question, perspective)
        if existing is not None:
            return self.update(existing.model_copy(update={"text": text}), action="words")
        return self.record(question, perspective, value=value, text=text)

    def record_said(
        self,
        question: Question,
        perspective: Perspective,
        text: str,
        value: float | None,
        *,
        words_only: bool,
    ) -> Response:
        """What someone said, typed: their words only (`set_words`), or an answer as said
        starting with its number, always a new one ("500 out of 10")."""
        if words_only:
            return self.set_words(question, perspective, text, number_with_words(question, value))
        return self.record(question, perspective, value=value, text=text)

    def _latest_here(self) -> Response:
        current = self.current()
        existing = self.latest(*current) if current else None
        if existing is None:
            raise NoAnswerYet()
        return existing

    def toggle_change_talk(self, talk: ChangeTalk) -> Response:
        """Add `talk` to the kinds of the answer shown (an answer can voice several);
        the same kind again takes it off."""
        existing = self._latest_here()
        return self.update(
            existing.model_copy(update={"change_talk": existing.change_talk ^ {talk}}),
            action="change_talk",
        )

    def toggle_worry(self) -> Response:
        existing = self._latest_here()
        return self.update(
            existing.model_copy(update={"worry": not existing.worry}), action="worry"
        )

    def cycle_how_given(self) -> Response:
        """How the answer shown was given, moved on to the next way (said, pointed, ...)."""
        existing = self._latest_here()
        current = existing.given_as or HowGiven.SAID
        following = HOW_GIVEN_ORDER[(HOW_GIVEN_ORDER.index(current) + 1) % len(HOW_GIVEN_ORDER)]
        return self.update(existing.model_copy(update={"given_as": following}), action="given_as")

    def themes(self) -> list[str]:
        """The themes of the answer shown (raises `NoAnswerYet` without one)."""
        return list(self._latest_here().tags)

    def set_themes(self, text: str) -> Response:
        existing = self._latest_here()
        return self.update(existing.model_copy(update={"tags": themes_from(text)}), action="themes")

    def undo(self) -> Write | None:
        """Take back the last write of this session: a new answer is removed, a change
        is put back to the version stored before it. The write undone, or None when
        nothing done here is left; each call walks one write further back."""
        if not self._writes:
            return None
        self._writable()
        last = self._writes[-1]
        response_id = last.saved.id
        if last.previous is None:
            assert response_id is not None, "a stored answer has an id"
            self.store.delete_response(response_id)
            self.responses = [r for r in self.responses if r.id != response_id]
        else:
            restored = self.store.update_response(last.previous)
            self.responses = [restored if r.id == response_id else r for r in self.responses]
        self._writes.pop()
        self.forget_typing()
        return last

    def finish(self, at: datetime | None = None) -> Visit:
        """End the visit `at` (default now), never before it started."""
        self._writable()
        ended = max(at or now(), self.visit.started_at)
        assert self.visit.id is not None
        self.visit = self.store.finish_visit(self.visit.id, ended)
        return self.visit

    def _writable(self) -> None:
        if self.visit.is_finished:
            raise VisitIsFinished()
