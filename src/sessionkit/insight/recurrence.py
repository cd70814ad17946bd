"""Themes and worries across visits: which keep coming back, and which are new.

A theme is a tag put on an answer ("mornings", "school"). A worry is an answer flagged
as a worry; it is named by its tags, so a worry tagged "school" on one visit and again
on another is the same worry coming back. A worry with no tag is named by the question
it was said in answer to (its title), the nearest thing to a name it has.

Names are compared ignoring case ("Mornings" and "mornings" are one theme) and shown
as first written. What counts is the visits a name came up on, never how many times on
one visit: a worry said three times in one visit is still one visit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sessionkit.domain.answer import Answer
from sessionkit.insight.report import Recurrence, VisitRef

RECENT = 5  # how many of the latest visits "recent" means


@dataclass
class _Seen:
    name: str
    visit_ids: set[int] = field(default_factory=set)
    worry: bool = False


def themes(
    visits: Sequence[VisitRef], answers: Iterable[Answer], recent: int = RECENT
) -> tuple[Recurrence, ...]:
    """Every tag, with the visits it came up on; recurring ones first."""
    seen: dict[str, _Seen] = {}
    known = {v.visit_id for v in visits}
    for answer in answers:
        if not answer.tags or answer.visit_id not in known:
            continue
        for tag in answer.tags:
            _note(seen, tag, answer.visit_id, answer.worry)
    return _recurrences(seen, visits, recent)


def worries(
    visits: Sequence[VisitRef],
    answers: Iterable[Answer],
    titles: Mapping[str, str],
    recent: int = RECENT,
) -> tuple[Recurrence, ...]:
    """Every worry, named by its tags or else by its question's title; recurring first.

    `titles` names questions by prompt id; a question it does not know is named by the
    wording recorded with the answer.
    """
    seen: dict[str, _Seen] = {}
    known = {v.visit_id for v in visits}
    for answer in answers:
        if not answer.worry or answer.visit_id not in known:
            continue
        # One worry an answer, however many themes it has: named by them together.
        name = ", ".join(answer.tags) if answer.tags else _question_name(answer, titles)
        _note(seen, name, answer.visit_id, True)
    return _recurrences(seen, visits, recent)


def describe(
    seen_on: Sequence[int], visit_count: int, recent: int = RECENT
) -> tuple[int, int, bool, str]:
    """(recent_seen, recent_of, is_new, words) for a name seen on these visit numbers.

    `seen_on` holds visit numbers (1 = the first visit), oldest first; `visit_count` is
    how many visits the case has, so the latest is number `visit_count`.
    """
    recent_of = min(recent, visit_count)
    first_recent = visit_count - recent_of + 1
    recent_seen = sum(1 for n in seen_on if n >= first_recent)
    last = seen_on[-1]
    is_new = seen_on[0] == visit_count
    ago = visit_count - last
    if is_new:
        words = "new on the latest visit"
    elif len(seen_on) == 1:
        words = f"came up once, {_before_latest(ago)}"
    elif recent_seen == 0:
        words = f"seen on {len(seen_on)} visits, last {_before_latest(ago)}"
    else:
        window = "" if recent_of == visit_count and recent_of < recent else "the last "
        words = f"seen in {recent_seen} of {window}{_visits(recent_of)}"
        if len(seen_on) > recent_seen:
            words += f", on {len(seen_on)} visits in all"
    return recent_seen, recent_of, is_new, words


def _before_latest(n: int) -> str:
    # Counted back from the latest visit, in visits: "1 visit ago" reads like a time.
    return "on the visit before the latest" if n == 1 else f"{n} visits before the latest"


def _visits(n: int) -> str:
    return f"{n} visit" if n == 1 else f"{n} visits"


def _note(seen: dict[str, _Seen], name: str, visit_id: int | None, worry: bool) -> None:
    if visit_id is None:
        return
    key = name.casefold()
    entry = seen.get(key)
    if entry is None:
        entry = seen[key] = _Seen(name)
    entry.visit_ids.add(visit_id)
    entry.worry = entry.worry or worry


def _question_name(answer: Answer, titles: Mapping[str, str]) -> str:
    title = titles.get(answer.prompt_id)
    if title:
        return title
    wording = " ".join(answer.wording.split())
    return wording or answer.prompt_id


def _recurrences(
    seen: Mapping[str, _Seen], visits: Sequence[VisitRef], recent: int
) -> tuple[Recurrence, ...]:
    result = []
    for entry in seen.values():
        refs = tuple(v for v in visits if v.visit_id in entry.visit_ids)
        recent_seen, recent_of, is_new, words = describe(
            [v.number for v in refs], len(visits), recent
        )
        result.append(
            Recurrence(
                name=entry.name,
                visits=refs,
                recent_seen=recent_seen,
                recent_of=recent_of,
                is_new=is_new,
                worry=entry.worry,
                words=words,
            )
        )
    # What keeps coming back now first, then what came back most, then what is newest.
    result.sort(
        key=lambda r: (-r.recent_seen, -len(r.visits), -r.visits[-1].number, r.name.casefold())
    )
    return tuple(result)
