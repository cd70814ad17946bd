"""Goal prompt ids name a goal by its row id ("goal.17.rating"); a document names it by
the document's id instead ("goal.g1.rating"), so the answers follow the goal to its new
row id wherever the case is imported.

Only prompt ids naming one of the case's own goals are rewritten. Any other prompt id,
including one naming a goal that is not in the case, is carried as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_STORED = re.compile(r"goal\.([1-9][0-9]*)\.(.+)", re.DOTALL)  # as str(int) writes it
_IN_DOCUMENT = re.compile(r"goal\.([A-Za-z0-9_-]+)\.(.+)", re.DOTALL)


def to_document(prompt_id: str, local_goal_ids: Mapping[int, str]) -> str:
    """'goal.17.rating' -> 'goal.g1.rating' when goal 17 is the document's 'g1'."""
    match = _STORED.fullmatch(prompt_id)
    if match is None:
        return prompt_id
    local = local_goal_ids.get(int(match.group(1)))
    return prompt_id if local is None else f"goal.{local}.{match.group(2)}"


def goal_named(prompt_id: str, document_goal_ids: Mapping[str, int]) -> tuple[int, str] | None:
    """(the goal's index in the document, the rest) for 'goal.g1.rating', else None."""
    match = _IN_DOCUMENT.fullmatch(prompt_id)
    if match is None:
        return None
    index = document_goal_ids.get(match.group(1))
    return None if index is None else (index, match.group(2))


def from_document(goal_row_id: int, rest: str) -> str:
    """The stored prompt id once the goal has its row id: 'goal.42.rating'."""
    return f"goal.{goal_row_id}.{rest}"
