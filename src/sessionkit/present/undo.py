"""What undo says it took back, in the words the capture screen (or a command) shows.

Undo walks back one write at a time, so the sentence names the write, not only the
answer: "Undone: worry flag on Kai's answer" leaves no doubt that Kai's answer is still
there, where "Removed Kai: 5" after a worry was added would not.
"""

from __future__ import annotations

from collections.abc import Mapping

from sessionkit.domain.models import Response

# What each kind of write changed on an answer, as undo names it.
_CHANGED = {
    "worry": "worry flag",
    "themes": "themes",
    "change_talk": "change talk",
    "words": "words",
    "edit": "edit",
    "given_as": "how it was given",
}


def _who(response: Response, names: Mapping[int, str]) -> str:
    who = names.get(response.answered_by, "someone")
    if response.on_behalf_of is not None:
        who += f" for {names.get(response.on_behalf_of, 'someone')}"
    return who


def _what(response: Response) -> str:
    if response.value is not None:
        return f"{response.value:g}"
    if response.items:
        return f"of {len(response.items)} listed"
    if response.selected:
        return "chosen"
    return "in their words"


def _question(wording: str, width: int = 50) -> str:
    text = " ".join(wording.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def undone_sentence(
    action: str, saved: Response, previous: Response | None, names: Mapping[int, str]
) -> str:
    """'Undone: Nan's answer 7 to "How safe ..."' for a new answer taken back;
    'Undone: worry flag on Kai's answer' for a change put back as it was."""
    who = _who(saved, names)
    if previous is None:
        return f"Undone: {who}'s answer {_what(saved)} to “{_question(saved.wording)}”"
    if action == "answer":
        return f"Undone: {who}'s answer changed to {_what(saved)}, back to {_what(previous)}"
    changed = _CHANGED.get(action, "change")
    return f"Undone: {changed} on {who}'s answer"
