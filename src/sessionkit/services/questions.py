"""The questions a visit asks and how answers to them read, without Textual.

A `Question` is one prompt as asked on this visit (a toolpack prompt of any kind, a
goal's 0-10 rating in the family's words, or the goal's attainment level). A
`Perspective` is who answers and for whom.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sessionkit.domain import (
    GAS_LEVEL_NAMES,
    ChangeTalk,
    EntryMode,
    Goal,
    GoalStatus,
    Member,
    PromptKind,
    Response,
    goal_gas_prompt_id,
)
from sessionkit.domain.enums import HowGiven, ordered_talk
from sessionkit.domain.perspective import Perspective
from sessionkit.insight.movement import format_value
from sessionkit.toolpacks import ResolvedPack
from sessionkit.toolpacks.schema import Prompt, Tool


@dataclass(frozen=True)
class Question:
    prompt_id: str
    tool_id: str
    title: str
    wording: str
    child_wording: str
    scale_min: int | None
    scale_max: int | None
    min_label: str
    max_label: str
    goal_id: int | None = None
    kind: PromptKind = PromptKind.SCALE
    group: str = ""
    options: tuple[tuple[str, str], ...] = ()
    # A goal's attainment question: each level (-2 to +2) with the family's words for it.
    # Recorded as a number on a -2 to +2 scale, but chosen from the levels, never typed.
    gas_levels: tuple[tuple[int, str], ...] = ()

    def wording_for(self, *, child: bool) -> str:
        return self.child_wording if child and self.child_wording else self.wording

    @property
    def is_scale(self) -> bool:
        """Answered with a number key (0-10 and the like)."""
        return self.kind is PromptKind.SCALE and self.scale_max is not None and not self.is_gas

    @property
    def is_gas(self) -> bool:
        """Answered by choosing one of a goal's five attainment levels."""
        return bool(self.gas_levels)


def question_for(tool: Tool, prompt: Prompt) -> Question:
    """A pack prompt as the capture screen asks it."""
    scale = prompt.scale
    return Question(
        prompt_id=prompt.id,
        tool_id=tool.id,
        title=prompt.short_title,
        wording=prompt.wording,
        child_wording=prompt.child_wording,
        scale_min=scale.min if scale else None,
        scale_max=scale.max if scale else None,
        min_label=scale.min_label if scale else "",
        max_label=scale.max_label if scale else "",
        kind=prompt.kind,
        group=tool.group,
        options=tuple((o.id, o.label) for o in prompt.options),
    )


# Change talk in one key each. Ability gets "a"; activation, the second "a" of DARN-CAT,
# takes "v" (actiVation); "s" is sustain talk.
CHANGE_TALK_KEYS: dict[str, ChangeTalk] = {
    "d": ChangeTalk.DESIRE,
    "a": ChangeTalk.ABILITY,
    "r": ChangeTalk.REASONS,
    "n": ChangeTalk.NEED,
    "c": ChangeTalk.COMMITMENT,
    "v": ChangeTalk.ACTIVATION,
    "t": ChangeTalk.TAKING_STEPS,
    "s": ChangeTalk.SUSTAIN,
}

CHANGE_TALK_WORDS: dict[ChangeTalk, str] = {
    ChangeTalk.DESIRE: "desire",
    ChangeTalk.ABILITY: "ability",
    ChangeTalk.REASONS: "reasons",
    ChangeTalk.NEED: "need",
    ChangeTalk.COMMITMENT: "commitment",
    ChangeTalk.ACTIVATION: "activation",
    ChangeTalk.TAKING_STEPS: "taking steps",
    ChangeTalk.SUSTAIN: "sustain talk",
}


def person_keys(members: Sequence[Member]) -> dict[str, int]:
    """One capital letter a person: their initial, else the next free letter of their name.

    Shift and the letter choose who is answering ("M" for Maya), so the keys read as names
    and never clash with the screen's lower-case keys.
    """
    keys: dict[str, int] = {}
    for member in members:
        if member.id is None:
            continue
        letters = [ch for ch in member.name.upper() if ch in string.ascii_uppercase]
        key = next((ch for ch in letters if ch not in keys), None)
        if key is None:
            key = next((ch for ch in string.ascii_uppercase if ch not in keys), None)
        if key is not None:
            keys[key] = member.id
    return keys


def answer_summary(response: Response) -> str:
    """What was said, short: words, list entries or chosen options, in that order."""
    if response.text:
        return response.text
    if response.items:
        return " · ".join(response.items)
    return ", ".join(response.selected)


def tag_summary(response: Response) -> str:
    """'⚑ worry · desire · school, sleep' - flags and tags as words, never colour alone."""
    parts = []
    if response.worry:
        parts.append("⚑ worry")
    parts += [CHANGE_TALK_WORDS[kind] for kind in ordered_talk(response.change_talk)]
    if response.tags:
        parts.append(", ".join(response.tags))
    return " · ".join(parts)


def how_to_answer(question: Question) -> str:
    """The line under a question: the scale's ends in the family's words, or what to press."""
    if question.is_scale:
        return (
            f"{question.scale_min} = {question.min_label or 'lowest'}    "
            f"{question.scale_max} = {question.max_label or 'highest'}    "
            "(Space: show the family)"
        )
    if question.is_gas:
        return "Five levels in the family's words: press Enter to choose one."
    if question.kind is PromptKind.LIST:
        return "A list: press Enter to write it down, one line each."
    if question.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST):
        return "Choices: press Enter to pick."
    return "Their own words: press Enter or W to write them down."


def value_text(response: Response | None) -> str:
    """An answer's value as shown in a table cell: '7', '+1 ...', '3 listed', '–'."""
    if response is None:
        return "–"
    if response.value is None:
        if response.items:
            return f"{len(response.items)} listed"
        return "chosen" if response.selected else "words"
    if is_gas_answer(response):
        text = gas_level_text(response.value)
    else:
        text = format_value(response.value)
    if response.off_scale:
        text += " (off the scale, as said)"
    return text


def now_text(response: Response | None) -> str:
    """The table's "Now" cell: the value, and how it was given when it was not said
    ('7 · pointed'), in words so it reads without colour."""
    text = value_text(response)
    if response is not None and response.given_as not in (None, HowGiven.SAID):
        text += f" · {response.given_as.value}"
    return text


def describe_answer(response: Response, names: dict[int, str]) -> str:
    """One line saying what was recorded: who, what, the question and when."""
    who = names.get(response.answered_by, "someone")
    if response.on_behalf_of is not None:
        who += f" for {names.get(response.on_behalf_of, 'someone')}"
    what = value_text(response) if response.value is not None else "their words"
    if response.items:
        what = f"{len(response.items)} listed"
    tags = tag_summary(response)
    if tags:
        what += f" [{tags}]"
    when = f"{response.recorded_at:%H:%M:%S}"
    if response.entry is EntryMode.AFTERWARDS:
        when += ", entered afterwards"
    return f"{who}: {what} · {_short(response.wording, 50)} · {when}"


def edit_text(response: Response) -> str:
    """A number answer as offered for editing: its number, then its words (words that
    already start with the number, as typed with O, are offered as they are)."""
    if response.value is None:
        return ""
    number = format_value(response.value)
    if response.text.split(" ", 1)[0].rstrip(",.;:") == number:
        return response.text
    return f"{number} {response.text}".strip()


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def scale_questions(pack: ResolvedPack, goals: Iterable[Goal]) -> list[Question]:
    """Goal ratings for active goals first (the visit is for them), then the pack's scales.

    A goal written as five attainment levels is asked about twice, one after the other:
    its 0-10 rating, then which level it has reached.
    """
    questions: list[Question] = []
    for goal in goals:
        if goal.status is not GoalStatus.ACTIVE or goal.id is None:
            continue
        questions.append(
            Question(
                prompt_id=goal.rating_prompt_id,
                tool_id="goal",
                title=_goal_title(goal),
                wording=goal.rating_wording,
                child_wording="",
                scale_min=0,
                scale_max=10,
                min_label=goal.low_label,
                max_label=goal.high_label,
                goal_id=goal.id,
            )
        )
        if goal.has_gas:
            questions.append(gas_question(goal))
    for tool in pack.tools_in_group("scaling"):
        for prompt in tool.prompts:
            if prompt.scale is not None:
                questions.append(question_for(tool, prompt))
    return questions


def perspectives(
    present: Sequence[int], responses: Iterable[Response], prompt_id: str
) -> list[Perspective]:
    """Everyone present answering for themselves, then each present person who has
    answered this question for another."""
    result = [Perspective(member_id) for member_id in present]
    for r in responses:
        if r.prompt_id == prompt_id and r.on_behalf_of is not None and r.answered_by in present:
            p = Perspective(r.answered_by, r.on_behalf_of)
            if p not in result:
                result.append(p)
    return result


def latest_answer(
    responses: Iterable[Response], prompt_id: str, perspective: Perspective
) -> Response | None:
    """The last answer recorded for this question from this perspective, if any."""
    found = None
    for r in responses:
        if (
            r.prompt_id == prompt_id
            and r.answered_by == perspective.answered_by
            and r.on_behalf_of == perspective.on_behalf_of
        ):
            found = r
    return found


def next_on_behalf(members: Sequence[Member], answered_by: int, current: int | None) -> int | None:
    """Cycle 'on whose behalf': themselves, then each other person in the case, then back."""
    others = [m.id for m in members if m.id is not None and m.id != answered_by]
    cycle: list[int | None] = [None, *others]
    index = cycle.index(current) if current in cycle else 0
    return cycle[(index + 1) % len(cycle)]


def is_child(members_by_id: dict[int, Member], perspective: Perspective) -> bool:
    member = members_by_id.get(perspective.answered_by)
    return member.is_child if member is not None else False


def question_titles(pack: ResolvedPack, goals: Iterable[Goal]) -> dict[str, tuple[int, str]]:
    """Each question's place and short title, for ordering and naming series of answers.

    Prompts the active pack no longer offers (hidden, or from another pack) are still
    named from the pack when it knows them; callers fall back to the wording recorded.
    """
    goals = list(goals)
    known = {q.prompt_id: (i, q.title) for i, q in enumerate(scale_questions(pack, goals))}
    for goal in goals:
        if goal.id is None:
            continue
        if goal.rating_prompt_id not in known:
            known[goal.rating_prompt_id] = (len(known), _goal_title(goal))
        # Levels recorded before the goal was closed, or its levels taken away, keep a name.
        if goal.gas_prompt_id not in known:
            known[goal.gas_prompt_id] = (len(known), _gas_title(goal))
    return known


def gas_question(goal: Goal) -> Question:
    """Which of the goal's five attainment levels has been reached, as asked on a visit."""
    return Question(
        prompt_id=goal.gas_prompt_id,
        tool_id="goal",
        title=_gas_title(goal),
        wording=goal.gas_wording,
        child_wording="",
        scale_min=-2,
        scale_max=2,
        min_label=GAS_LEVEL_NAMES[-2],
        max_label=GAS_LEVEL_NAMES[2],
        goal_id=goal.id,
        gas_levels=tuple((lv.level, lv.description) for lv in goal.gas_levels),
    )


def gas_level_text(value: float) -> str:
    """'+1 somewhat more than expected'; a number that is not a level, as it is."""
    if value.is_integer() and int(value) in GAS_LEVEL_NAMES:
        level = int(value)
        return f"{signed_level(level)} {GAS_LEVEL_NAMES[level]}"
    return format_value(value)


def signed_level(level: int) -> str:
    """A level as written in Goal Attainment Scaling: -2, -1, 0, +1, +2."""
    return f"{level:+d}" if level else "0"


def is_gas_answer(response: Response) -> bool:
    return response.goal_id is not None and response.prompt_id == goal_gas_prompt_id(
        response.goal_id
    )


def _goal_title(goal: Goal) -> str:
    return _clip(f"Goal: {goal.text}", 48)


def _gas_title(goal: Goal) -> str:
    return _clip(f"Goal level: {goal.text}", 48)


def _clip(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut at a word where there is one."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"
