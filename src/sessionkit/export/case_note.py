"""A first draft of the case note for one visit, as plain Markdown, from what was recorded.

The draft is for the practitioner to read, correct and paste on; it says what happened
in plain words and keeps the family's words exactly as recorded:

- the date, who was there, and who wrote the note (the practitioner's name and role from
  settings);
- the goal(s) worked on (the visit plan's focus and any goal rated on the visit);
- what was asked and what people said, as they gave it: "Ria pointed to 4 out of 10",
  "Nan said 7 out of 10 for Kai" (an answer kept before the way was recorded is
  "answered"), an answer off the offered scale as given ("said 500, outside the 0 to 10
  scale"), their own words quoted, and the themes and change talk it was tagged with;
  only the answers that stand count (`domain.corrections.standing`): a corrected number
  appears once, as corrected;
- the change talk and sustain talk heard on the visit, who said it, in their words;
- movement since the last visit, for each question answered on this visit and before
  (the same question, the same person, on the same behalf);
- the relationship check, the practitioner's reflection, and next steps from
  "what I will try next time".

Text people typed (their words, names, goals, the reflection) cannot change the shape of
the document: longer text goes in block quotes (`> ` on every line), and a line Markdown
would read as the start of a block (a heading, list, quote, rule, fence, table, HTML or
a link definition) gets one backslash in front of its first character, as do a `<`
that could open an HTML tag, an `&` that would read as an entity and a backslash that
would escape what follows. Inline emphasis (`*like this*`) is left as typed: it cannot
move text out of its quote, and escaping it would clutter a note read as plain text.
The rules live in `sessionkit.export.markdown`, shared with the other Markdown exports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sessionkit.domain.corrections import standing
from sessionkit.domain.enums import ChangeTalk, CommunicationNeed, EntryMode, ordered_talk
from sessionkit.domain.models import (
    GAS_LEVEL_NAMES,
    Case,
    Goal,
    Member,
    Response,
    Visit,
    VisitPlan,
    goal_gas_prompt_id,
)
from sessionkit.export.markdown import escape_line, heading_text, inline, one_line, quote
from sessionkit.insight.movement import Point, Series, compute_series, describe_change, format_value
from sessionkit.toolpacks.schema import Prompt, ResolvedPack

RELATIONSHIP_TOOL = "relationship-check"
NO_AUTHOR = "Written by: (set your name in settings)"

# Change talk in the words a reader outside motivational interviewing follows, with the
# category a supervisor looks for in brackets.
TALK_WORDS: dict[ChangeTalk, str] = {
    ChangeTalk.DESIRE: "wanting change (desire)",
    ChangeTalk.ABILITY: "able to change (ability)",
    ChangeTalk.REASONS: "reasons for change (reasons)",
    ChangeTalk.NEED: "needing change (need)",
    ChangeTalk.COMMITMENT: "committing to change (commitment)",
    ChangeTalk.ACTIVATION: "ready to act (activation)",
    ChangeTalk.TAKING_STEPS: "already taking steps (taking steps)",
    ChangeTalk.SUSTAIN: "sustain talk",
}


@dataclass(frozen=True)
class Author:
    """Who writes the note, as settings give it; both may be empty."""

    name: str = ""
    role: str = ""


def author_line(author: Author | None) -> str:
    """'Written by: Jo Lee, social worker.'; a hint to set the name when there is none,
    so a note never goes out unsigned without anyone noticing."""
    name = one_line(author.name) if author else ""
    role = one_line(author.role) if author else ""
    if not name:
        return NO_AUTHOR
    return f"Written by: {inline(name)}" + (f", {inline(role)}." if role else ".")


def draft_case_note(
    case: Case,
    visit: Visit,
    members: Sequence[Member],
    responses: Sequence[Response],
    goals: Sequence[Goal],
    pack: ResolvedPack,
    *,
    visits: Sequence[Visit] = (),
    plan: VisitPlan | None = None,
    author: Author | None = None,
) -> str:
    """The draft case note of `visit`, as Markdown ending with one newline.

    `responses` may be the whole case's: those of this visit are what was said; those of
    earlier visits in `visits` (the case's visits, any order) give movement. Without
    `visits` there is nothing to compare with, and no movement is written. `plan` is the
    visit's plan, if it had one: its focus goals are the goals worked on. `author` signs
    the note. A visit is called by its number for good (`Visit.number`), never by its
    place in a list.
    """
    names = {m.id: m.name for m in members if m.id is not None}
    history = _history(visit, visits)
    said = [r for r in responses if r.visit_id == visit.id]
    today = standing(said)
    relationship = [r for r in today if r.tool_id == RELATIONSHIP_TOOL]
    asked = [r for r in today if r.tool_id != RELATIONSHIP_TOOL]

    title = f"Case note: {case.reference}"
    if visit.number is not None:
        title += f", visit {visit.number}"
    blocks = [f"# {heading_text(title)}", _when(visit), _present(visit, members)]
    blocks.append(author_line(author))
    blocks += _goals_worked_on(goals, said, plan, names)
    blocks += _asked(asked, pack, goals, names, any_other=bool(relationship))
    blocks += _talk_heard(today, names)
    blocks += _movement(visit, history, responses, pack, goals, names)
    blocks += _relationship(relationship, pack, names)
    if visit.notes.strip():
        blocks += ["## Notes made during the visit", quote(visit.notes)]
    blocks += _reflection(visit)
    return "\n\n".join(blocks) + "\n"


# --- who, when and what for ------------------------------------------------------------


def _history(visit: Visit, visits: Sequence[Visit]) -> list[Visit]:
    """The case's visits up to and including this one, oldest first."""
    known = [v for v in visits if v.id != visit.id]
    known.append(visit)
    known.sort(key=lambda v: (v.started_at, v.id or 0))
    cut = next(i for i, v in enumerate(known) if v is visit)
    return known[: cut + 1]


def _when(visit: Visit) -> str:
    start = visit.started_at
    line = f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}"
    if visit.ended_at is not None:
        end = visit.ended_at
        line += f" to {end:%H:%M}" if end.date() == start.date() else f" to {_date(end)}"
        line += "."
    else:
        line += " (the visit is not finished)."
    if visit.entry is EntryMode.AFTERWARDS:
        line += " Written up afterwards."
    return line


def _date(when: datetime) -> str:
    return f"{when.day} {when:%b %Y}, {when:%H:%M}"


def _person(member: Member) -> str:
    """'Leo (child, 6; non-verbal, SEND)': the name, and what helps the reader."""
    details = []
    if member.role.value not in member.name.lower():
        details.append(member.role.value)
    if member.age is not None:
        details.append(str(member.age))
    elif member.age_band is not None:
        details.append(member.age_band.label)
    text = ", ".join(details)
    needs = [n.label for n in CommunicationNeed if n in member.communication_needs]
    if needs:
        text += ("; " if text else "") + ", ".join(needs)
    return f"{member.name} ({text})" if text else member.name


def _present(visit: Visit, members: Sequence[Member]) -> str:
    by_id = {m.id: m for m in members if m.id is not None}
    people = [_person(by_id[i]) for i in visit.present_member_ids if i in by_id]
    if not people:
        return "Nobody was recorded as present."
    return f"Present: {inline(_and(people))}."


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _goals_worked_on(
    goals: Sequence[Goal],
    said: Sequence[Response],
    plan: VisitPlan | None,
    names: dict[int, str],
) -> list[str]:
    wanted = set(plan.goal_ids if plan is not None else ())
    wanted |= {r.goal_id for r in said if r.goal_id is not None}
    chosen = [g for g in goals if g.id in wanted]
    if not chosen:
        return []
    lines = []
    for goal in chosen:
        owner = names.get(goal.owner_member_id or -1)
        whose = f"{owner}'s goal" if owner else "the family's goal"
        lines.append(f"- {inline(_without_full_stop(goal.text))} ({inline(whose)})")
    title = "## Goal worked on" if len(chosen) == 1 else "## Goals worked on"
    return [title, "\n".join(lines)]


# --- what was said -----------------------------------------------------------------------


def _who(response: Response, names: dict[int, str]) -> str:
    """'Maya', or 'Maya, for Leo' for an answer given on someone else's behalf."""
    who = names.get(response.answered_by, "Someone")
    if response.on_behalf_of is not None:
        who += f", for {names.get(response.on_behalf_of, 'someone')}"
    return who


def _subject(response: Response, names: dict[int, str]) -> str:
    """Who, ready for a verb: 'Maya' or 'Maya, for Leo,'."""
    who = inline(_who(response, names))
    return who + "," if response.on_behalf_of is not None else who


def _verb(response: Response) -> str:
    """How the answer was given: 'said', 'pointed to'...; 'answered' when not recorded
    (answers kept before the way was), so a child who pointed is never said to speak."""
    return response.given_as.verb if response.given_as is not None else "answered"


def _for_whom(response: Response, names: dict[int, str]) -> str:
    """' for Kai' after an answer given on Kai's behalf, else ''."""
    if response.on_behalf_of is None:
        return ""
    return f" for {inline(names.get(response.on_behalf_of, 'someone'))}"


def _scale_words(response: Response) -> str:
    low, high = response.scale_min, response.scale_max
    if low is None or high is None:
        return ""
    if low == 0:
        return f"out of {format_value(high)}"
    return f"on a scale of {format_value(low)} to {format_value(high)}"


def said_value(response: Response) -> str:
    """'said 7 out of 10', 'pointed to 4 out of 10'; 'said 500, outside the 0 to 10 scale
    (kept as said)'; a goal's attainment level, 'said the goal is at +1, somewhat more
    than expected'. The verb is how it was given (`_verb`)."""
    verb = _verb(response)
    if response.value is None:
        return verb  # words only: the caller quotes them
    level = response.value
    if (
        response.goal_id is not None
        and response.prompt_id == goal_gas_prompt_id(response.goal_id)
        and level.is_integer()
        and int(level) in GAS_LEVEL_NAMES
    ):
        sign = f"{int(level):+d}" if level else "0"  # levels are written -2, -1, 0, +1, +2
        if response.given_as is None:
            return f"put the goal at {sign}, {GAS_LEVEL_NAMES[int(level)]}"
        return f"{verb} the goal is at {sign}, {GAS_LEVEL_NAMES[int(level)]}"
    value = format_value(response.value)
    if response.off_scale:
        low, high = response.scale_min, response.scale_max
        assert low is not None and high is not None  # off_scale needs both
        scale = f"{format_value(low)} to {format_value(high)}"
        return f"{verb} {value}, outside the {scale} scale (kept as given)"
    words = _scale_words(response)
    return f"{verb} {value} {words}" if words else f"{verb} {value}"


def _tagged(response: Response) -> str:
    """'Themes: school, mornings. Change talk: wanting change (desire).' or ''."""
    parts = []
    themes = [one_line(t) for t in response.tags if t.strip()]
    if themes:
        parts.append(f"Themes: {inline(', '.join(themes))}.")
    kinds = ordered_talk(response.change_talk)
    talk = [TALK_WORDS[k] for k in kinds if k.is_change_talk]
    if talk:
        parts.append(f"Change talk: {_and(talk)}.")
    if ChangeTalk.SUSTAIN in kinds:
        parts.append("Heard as sustain talk.")
    return " ".join(parts)


def _answer(response: Response, names: dict[int, str], asked: str, pack: ResolvedPack) -> str:
    """One person's answer: a sentence, then their own words quoted, then its tags."""
    sentence = inline(names.get(response.answered_by, "Someone"))
    if response.wording.strip() and one_line(response.wording) != asked:
        sentence += f", asked “{inline(response.wording)}”,"
    parts = []
    if response.value is not None:
        parts.append(said_value(response))
    labels = _option_labels(pack, response)
    if labels:
        parts.append(f"chose {inline(', '.join(labels))}")
    words = response.text.strip()
    items = [one_line(item) for item in response.items if item.strip()]
    sentence += " " + (" and ".join(parts) if parts else _verb(response))
    sentence += _for_whom(response, names)
    if words or items:
        # Not "in their own words": the quote shows that, and "their" jars after a name.
        sentence += ", and added:" if parts else ":"
    elif parts:
        sentence += "."
    else:
        sentence += " nothing that was written down."
    blocks = [sentence]
    if words:
        blocks.append(quote(words))
    if items:
        blocks.append("\n".join(f"> - {escape_line(item)}" for item in items))
    tagged = _tagged(response)
    if response.worry:
        tagged = f"Noted as a worry. {tagged}".rstrip()
    if tagged:
        blocks.append(tagged)
    return "\n\n".join(blocks)


def _option_labels(pack: ResolvedPack, response: Response) -> list[str]:
    if not response.selected:
        return []
    found = pack.find_prompt(response.prompt_id, include_hidden=True)
    options = {o.id: o.label for o in found[1].options} if found else {}
    return [options.get(s, s) for s in response.selected]


def _asked(
    answers: Sequence[Response],
    pack: ResolvedPack,
    goals: Sequence[Goal],
    names: dict[int, str],
    *,
    any_other: bool,
) -> list[str]:
    """The answers, question by question; `any_other`: the relationship check was asked."""
    blocks = ["## What was asked and what people said"]
    if not answers:
        return [] if any_other else [*blocks, "No answers were recorded on this visit."]
    groups: dict[str, list[Response]] = {}
    for r in answers:
        groups.setdefault(r.prompt_id, []).append(r)
    for prompt_id, group in groups.items():
        found = pack.find_prompt(prompt_id, include_hidden=True)
        asked = one_line(found[1].wording if found else group[0].wording)
        asked = asked or _title(prompt_id, pack, goals, "")
        blocks.append(f"Asked: “{inline(asked)}”")
        blocks += _run_on([_answer(r, names, asked, pack) for r in group])
    return blocks


def _run_on(answers: Sequence[str]) -> list[str]:
    """Answers one after the other; plain one-sentence ones share a paragraph.

    "Maya said 6 out of 10. Sam said 5 out of 10." reads as one account of a question;
    a paragraph each reads like a form. An answer with quoted words keeps its own.
    """
    blocks: list[str] = []
    joinable = False
    for answer in answers:
        single = "\n" not in answer
        if single and joinable:
            blocks[-1] += " " + answer
        else:
            blocks.append(answer)
        joinable = single
    return blocks


# --- change talk heard ----------------------------------------------------------------------


def _talk_heard(answers: Sequence[Response], names: dict[int, str]) -> list[str]:
    """Each answer tagged as change or sustain talk: who, which kinds, their words."""
    tagged = [r for r in answers if r.change_talk]
    if not tagged:
        return []
    blocks = ["## Change talk and sustain talk heard"]
    for r in tagged:
        who = inline(names.get(r.answered_by, "Someone")) + _for_whom(r, names)
        kinds = _and([TALK_WORDS[k] for k in ordered_talk(r.change_talk)])
        words = r.text.strip()
        if words:
            blocks += [f"{who}, {kinds}:", quote(words)]
        else:
            blocks.append(f"{who}, {kinds} (the words were not written down).")
    return blocks


# --- movement ------------------------------------------------------------------------------


def _movement(
    visit: Visit,
    history: Sequence[Visit],
    responses: Sequence[Response],
    pack: ResolvedPack,
    goals: Sequence[Goal],
    names: dict[int, str],
) -> list[str]:
    if len(history) < 2 or visit.id is None:
        return []
    lines = []
    # Points count the visits in date order; a note names a visit by its number for good.
    numbers = {v.id: v.number for v in history if v.id is not None and v.number is not None}
    for series in compute_series(history, standing(list(responses))):
        last = series.points[-1]
        if last.visit_id != visit.id or len(series.points) < 2:
            continue  # not answered on this visit, or never before
        who = names.get(series.key.answered_by, "Someone")
        if series.key.on_behalf_of is not None:
            who += f", for {names.get(series.key.on_behalf_of, 'someone')}"
        title = _title(series.key.prompt_id, pack, goals, series.wording)
        lines.append(
            f"- {inline(who)}, {inline(_lower_first(title))}: {movement_phrase(series, numbers)}"
        )
    if not lines:
        return []
    return ["## Movement since earlier visits", "\n".join(lines)]


def movement_phrase(series: Series, numbers: Mapping[int, int] | None = None) -> str:
    """'7 now, up 4 since the last visit; up 2 since the first visit' for the last point.

    `numbers` gives each visit's number for good by id (`Visit.number`); a visit not in
    it is called by its place in date order."""
    points = series.points
    last = points[-1]
    if last.off_scale:
        return f"said {format_value(last.value)} this time, off the scale, so not compared."
    earlier = [p for p in points[:-1] if not p.off_scale]
    if not earlier:
        return (
            f"{format_value(last.value)} now; earlier answers were off the scale, so not compared."
        )
    previous, first = earlier[-1], earlier[0]

    def since(point: Point, *, first_time: bool) -> str:
        if point.visit_number == last.visit_number - 1:
            return "the last visit"
        if point.visit_number == 1:
            return "the first visit"
        number = (numbers or {}).get(point.visit_id, point.visit_number)
        return f"visit {number}" + (" (the first time asked)" if first_time else "")

    levels = _is_level_series(series)

    def shown(value: float) -> str:
        if levels and value.is_integer() and int(value) in GAS_LEVEL_NAMES:
            return f"{int(value):+d}" if value else "0"  # levels are written -2 .. +2
        return format_value(value)

    now = _level_text(last.value) if levels else format_value(last.value)
    text = f"{now} now, " + describe_change(
        last.value - previous.value, since(previous, first_time=previous is first)
    )
    text += f" (was {shown(previous.value)})"
    if first is not previous:
        text += "; " + describe_change(last.value - first.value, since(first, first_time=True))
        text += f" (was {shown(first.value)})"
    return text + "."


def _is_level_series(series: Series) -> bool:
    """A goal's attainment levels: "goal.<id>.gas", as Goal.gas_prompt_id names them."""
    parts = series.key.prompt_id.split(".")
    return len(parts) == 3 and parts[0] == "goal" and parts[2] == "gas"


def _level_text(value: float) -> str:
    """'+1 (somewhat more than expected)'; a number that is not a level, as it is."""
    if not (value.is_integer() and int(value) in GAS_LEVEL_NAMES):
        return format_value(value)
    level = int(value)
    return f"{level:+d} ({GAS_LEVEL_NAMES[level]})" if level else f"0 ({GAS_LEVEL_NAMES[0]})"


def _title(prompt_id: str, pack: ResolvedPack, goals: Sequence[Goal], wording: str) -> str:
    """What a question is called: the pack's short title, the goal, or the words asked."""
    found = pack.find_prompt(prompt_id, include_hidden=True)
    if found is not None:
        return found[1].short_title
    for goal in goals:
        if prompt_id == goal.rating_prompt_id:
            return f"where things are with the goal “{_without_full_stop(one_line(goal.text))}”"
        if prompt_id == goal.gas_prompt_id:
            return f"the goal “{_without_full_stop(one_line(goal.text))}” (attainment level)"
    return one_line(wording) or prompt_id


def _without_full_stop(text: str) -> str:
    """A goal written as a sentence, ready to sit inside one: 'Calmer mornings.' loses
    its last full stop (not an ellipsis), so no '.”:' or '. (' follows it."""
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1]
    return text


def _lower_first(text: str) -> str:
    """'Safe at home' -> 'safe at home' to sit inside a sentence (not 'ASK' or 'I ...')."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# --- relationship check and reflection -------------------------------------------------------


def _relationship(
    answers: Sequence[Response], pack: ResolvedPack, names: dict[int, str]
) -> list[str]:
    if not answers:
        return []
    blocks = [
        "## Relationship check",
        "How working together felt for the family, in their answers at the end of the visit.",
    ]
    tool = pack.tool(RELATIONSHIP_TOOL)
    order: dict[str, int] = {p.id: i for i, p in enumerate(tool.prompts)} if tool else {}
    groups: dict[str, list[Response]] = {}
    for r in sorted(answers, key=lambda r: order.get(r.prompt_id, len(order))):
        groups.setdefault(r.prompt_id, []).append(r)
    for prompt_id, group in groups.items():
        found = pack.find_prompt(prompt_id, include_hidden=True)
        prompt: Prompt | None = found[1] if found else None
        numbers = [r for r in group if r.value is not None]
        words = [r for r in group if r.value is None]
        if numbers:
            title = prompt.short_title if prompt else one_line(numbers[0].wording)
            said = "; ".join(
                f"{inline(names.get(r.answered_by, 'Someone'))} {said_value(r)}"
                + _for_whom(r, names)
                for r in numbers
            )
            blocks.append(f"{inline(title)}: {said}.")
            blocks += [
                f"{_subject(r, names)} added:\n\n{quote(r.text)}" for r in numbers if r.text.strip()
            ]
        if words:
            asked = prompt.wording if prompt else one_line(words[0].wording)
            blocks.append(f"Asked: “{inline(asked)}”")
            blocks += [
                f"{_subject(r, names)} {_verb(r)}:\n\n{quote(r.text)}"
                for r in words
                if r.text.strip()
            ]
    return blocks


def _reflection(visit: Visit) -> list[str]:
    reflection = visit.reflection
    if reflection is None or reflection.is_empty:
        return []
    blocks: list[str] = []
    looked_back = [
        ("What worked:", reflection.what_worked),
        ("What did not work:", reflection.what_did_not),
    ]
    if any(text.strip() for _, text in looked_back):
        blocks.append("## Reflection")
        for label, text in looked_back:
            if text.strip():
                blocks += [label, quote(text)]
    if reflection.try_next_time.strip():
        blocks += ["## Next steps", "To try next time:", quote(reflection.try_next_time)]
    return blocks


# --- the file a note is saved to --------------------------------------------------------------


def safe_file_stem(text: str, *, limit: int = 60) -> str:
    """`text` fit to be part of a file name: letters, digits, '-' and '_' are kept, and
    anything else ('/', '.', a space, a bracket) becomes '_'. Never empty."""
    kept = "".join(c if c.isalnum() or c in "-_" else "_" for c in text[:limit])
    return kept or "case"


def case_note_file_name(reference: str, number: int, day: date) -> str:
    """'DEMO-HARPER-visit-5-2026-10-26.md': the case, which visit, and its date."""
    return f"{safe_file_stem(reference)}-visit-{number}-{day.isoformat()}.md"


__all__ = [
    "NO_AUTHOR",
    "TALK_WORDS",
    "Author",
    "author_line",
    "case_note_file_name",
    "draft_case_note",
    "movement_phrase",
    "safe_file_stem",
    "said_value",
]
