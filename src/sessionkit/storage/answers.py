"""A case's answers read as light `Answer` records: what movement needs, and fast.

`Store.responses_for_case` builds a validated `Response` for every row; for a case of
20,000 answers that takes about 200 ms, most of it in pydantic. Movement needs fewer
columns and no model, so this reads them with plain SQL and builds frozen dataclasses.

Text is cleaned exactly as the models clean it (the file may have been edited by
something other than sessionkit), so an `Answer` read here equals
`Answer.from_response` of the same row read as a model. Answers repeat the same few
prompt ids, wordings and tags thousands of times, so each distinct text is cleaned once
per read.
A row no valid model could have written (a change-talk kind sessionkit does not know,
a number that is not one) is reported as a damaged store, as the model read reports it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields, make_dataclass
from pathlib import Path
from typing import Any

from sessionkit.domain.answer import Answer
from sessionkit.domain.enums import ChangeTalk
from sessionkit.domain.text import clean_line, clean_text
from sessionkit.storage.errors import translated

_SQL = """
SELECT r.id, r.visit_id, r.prompt_id, r.tool_id, r.wording, r.answered_by, r.on_behalf_of,
    r.value, r.scale_min, r.scale_max, r.text, r.tags, r.change_talk, r.worry, r.goal_id
FROM visits v JOIN responses r ON r.visit_id = v.id
WHERE v.case_id = ?
ORDER BY v.started_key, v.id, r.id
"""

# The limits `Response` keeps (domain/models.py), kept here too so both reads agree.
MAX_PROMPT_ID = 120
MAX_TAG = 60

_KINDS = {c.value: c for c in ChangeTalk}
_NO_TALK: frozenset[ChangeTalk] = frozenset()


def answers_for_case(
    conn: sqlite3.Connection, path: Path, case_id: int, unreadable: list[int] | None = None
) -> list[Answer]:
    """Every answer of the case: by visit start, then in recorded order.

    A row no valid answer could have written (edited by hand, or damaged) is left out
    and its id added to `unreadable`, so one bad row never hides the rest of a case.
    """
    with translated(path):
        rows = conn.execute(_SQL, (case_id,)).fetchall()
    skipped: list[int] = [] if unreadable is None else unreadable
    return _answers(rows, skipped)


def _answers(rows: list[tuple[Any, ...]], skipped: list[int]) -> list[Answer]:
    lines: dict[str, str] = {}
    prompts: dict[str, str] = {}  # apart from `lines`: only a checked prompt id is kept
    texts: dict[str, str] = {"": ""}
    tag_lists: dict[str, tuple[str, ...]] = {"[]": ()}
    talk_sets: dict[str, frozenset[ChangeTalk]] = {"[]": _NO_TALK}
    result: list[Answer] = []
    append = result.append
    for row in rows:
        try:
            (
                answer_id,
                visit_id,
                prompt_id,
                tool_id,
                wording,
                answered_by,
                on_behalf_of,
                value,
                scale_min,
                scale_max,
                text,
                tags,
                change_talk,
                worry,
                goal_id,
            ) = row
            if scale_min is not None:
                scale_min = float(scale_min)
            if scale_max is not None:
                scale_max = float(scale_max)
            # The same rules the model keeps: a damaged row is refused, not half-read.
            if on_behalf_of is not None and on_behalf_of == answered_by:
                raise ValueError("an answer on behalf of the person answering")
            if scale_min is not None and scale_max is not None and scale_min >= scale_max:
                raise ValueError("a scale whose minimum is not below its maximum")
            prompt = prompts.get(prompt_id)
            if prompt is None:
                prompt = _line(prompt_id)
                if not 1 <= len(prompt) <= MAX_PROMPT_ID:
                    raise ValueError("a prompt id that is empty or too long")
                prompts[prompt_id] = prompt  # only once it passed the check
            tool = lines.get(tool_id)
            if tool is None:
                tool = lines[tool_id] = _line(tool_id)
            asked = texts.get(wording)
            if asked is None:
                asked = texts[wording] = _text(wording)
            said = texts.get(text)
            if said is None:
                said = texts[text] = _text(text)
            talked = talk_sets.get(change_talk)
            if talked is None:
                talked = talk_sets[change_talk] = _talk(change_talk)
            tagged = tag_lists.get(tags)
            if tagged is None:
                tagged = tag_lists[tags] = _tags(tags)
            append(
                _answer(
                    int(answer_id),
                    int(visit_id),
                    prompt,
                    tool,
                    asked,
                    int(answered_by),
                    None if on_behalf_of is None else int(on_behalf_of),
                    None if value is None else float(value),
                    scale_min,
                    scale_max,
                    said,
                    tagged,
                    talked,
                    bool(int(worry)),
                    None if goal_id is None else int(goal_id),
                )
            )
        except (ValueError, TypeError, KeyError, IndexError):
            skipped.append(int(row[0]) if isinstance(row[0], int) else -1)
    return result


def _talk(raw: object) -> frozenset[ChangeTalk]:
    if not isinstance(raw, str):
        raise TypeError("change talk that is not text")
    loaded = json.loads(raw)
    if not isinstance(loaded, list):
        raise ValueError("change talk that is not a list of kinds")
    return frozenset(_KINDS[kind] for kind in loaded)


def _tags(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, str):
        raise TypeError("tags that are not text")
    loaded = json.loads(raw)
    if not isinstance(loaded, list) or not all(isinstance(t, str) for t in loaded):
        raise ValueError("tags that are not a list of words")
    cleaned = tuple(clean_line(t) for t in loaded)
    if not all(1 <= len(t) <= MAX_TAG for t in cleaned):
        raise ValueError("a tag that is empty or too long")
    return cleaned


def _line(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError("text that is not text")
    return clean_line(raw)


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError("text that is not text")
    return clean_text(raw)


# A frozen dataclass's __init__ sets each field through object.__setattr__, which for a
# long case costs more than reading the rows. So each answer is made as an unfrozen twin
# with the very same slots, then given its real class: the same object as `Answer(...)`
# would make, just as frozen afterwards, in a quarter of the time. The twin is built from
# Answer's own fields, so the two cannot drift apart.
_Unfrozen = make_dataclass(
    "_Unfrozen", [(f.name, f.type) for f in fields(Answer)], slots=True, eq=False
)


def _answer(*values: Any) -> Answer:
    answer = _Unfrozen(*values)
    answer.__class__ = Answer
    return answer  # type: ignore[no-any-return]
