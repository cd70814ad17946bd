"""`Answer`: a recorded response as movement reads it, without the weight of a model.

Movement reads every answer of a case at once (20,000 for 500 visits of 40 answers).
Building a validated pydantic `Response` for each costs ten times the reading itself,
and movement needs only who answered, what, on which visit and how it was tagged. An
`Answer` is that: a frozen plain record. Storage fills it with text cleaned exactly as
a `Response` would be (`storage.answers`), so both reads show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sessionkit.domain.enums import ChangeTalk

if TYPE_CHECKING:
    from sessionkit.domain.models import Response


@dataclass(frozen=True, slots=True)
class Answer:
    """One recorded answer: its value kept as said, its words, tags and flags."""

    id: int | None
    visit_id: int | None
    prompt_id: str
    tool_id: str
    wording: str
    answered_by: int
    on_behalf_of: int | None
    value: float | None
    scale_min: float | None
    scale_max: float | None
    text: str
    tags: tuple[str, ...]
    change_talk: frozenset[ChangeTalk]
    worry: bool
    goal_id: int | None

    @property
    def off_scale(self) -> bool:
        """True when the value said lies outside the range offered (as `Response.off_scale`)."""
        if self.value is None or self.scale_min is None or self.scale_max is None:
            return False
        return not (self.scale_min <= self.value <= self.scale_max)

    @classmethod
    def from_response(cls, response: Response) -> Answer:
        return cls(
            id=response.id,
            visit_id=response.visit_id,
            prompt_id=response.prompt_id,
            tool_id=response.tool_id,
            wording=response.wording,
            answered_by=response.answered_by,
            on_behalf_of=response.on_behalf_of,
            value=response.value,
            scale_min=response.scale_min,
            scale_max=response.scale_max,
            text=response.text,
            tags=tuple(response.tags),
            change_talk=response.change_talk,
            worry=response.worry,
            goal_id=response.goal_id,
        )
