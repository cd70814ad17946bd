"""Who answers, and on whose behalf: a sister answering for her non-verbal brother is
one perspective, the sister for herself another."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Perspective:
    answered_by: int
    on_behalf_of: int | None = None

    def label(self, names: dict[int, str]) -> str:
        who = names.get(self.answered_by, "someone")
        if self.on_behalf_of is None:
            return who
        return f"{who}, for {names.get(self.on_behalf_of, 'someone')}"
