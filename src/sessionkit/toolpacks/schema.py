"""The toolpack format: what a TOML pack file may say, as pydantic models.

A pack file has a `[pack]` table and any number of `[[tools]]`, each with
`[[tools.prompts]]`. Ids are stable: recorded answers point at prompt ids, so a pack
may reword a prompt but never reuse an id for a different question.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sessionkit.domain.enums import PromptKind
from sessionkit.domain.text import CleanLine, CleanText

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=80)]


class PackModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ReliableChange(PackModel):
    """How big a change must be before it counts as more than noise, and who says so."""

    threshold: Annotated[float, Field(gt=0)]
    source: Annotated[CleanText, Field(min_length=1)]


class Scale(PackModel):
    min: int = 0
    max: int = 10
    min_label: CleanLine = ""
    max_label: CleanLine = ""
    reliable_change: ReliableChange | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min >= self.max:
            raise ValueError(f"scale minimum ({self.min}) must be below its maximum ({self.max})")
        return self


class Option(PackModel):
    id: Id
    label: Annotated[CleanLine, Field(min_length=1)]


class Prompt(PackModel):
    id: Id
    kind: PromptKind
    wording: Annotated[CleanText, Field(min_length=1)]
    child_wording: CleanText = ""
    help: CleanText = ""
    scale: Scale | None = None
    options: list[Option] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_fits(self) -> Self:
        if self.kind is PromptKind.SCALE and self.scale is None:
            object.__setattr__(self, "scale", Scale())
        if self.kind is not PromptKind.SCALE and self.scale is not None:
            raise ValueError(f"only scale prompts have a scale (this one is {self.kind.value})")
        if self.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST) and not self.options:
            raise ValueError(f"a {self.kind.value} prompt needs options")
        return self

    def wording_for(self, *, child: bool) -> str:
        """The child variant when answering as a child and one exists, else the main wording."""
        return self.child_wording if child and self.child_wording else self.wording


class Adaptations(PackModel):
    age: CleanText = ""
    send: CleanText = ""
    non_verbal: CleanText = ""


class Tool(PackModel):
    id: Id
    name: Annotated[CleanLine, Field(min_length=1, max_length=80)]
    group: Id
    purpose: Annotated[CleanText, Field(min_length=1)]
    works_well_when: CleanText = ""
    avoid_when: CleanText = ""
    adaptations: Adaptations = Adaptations()
    age_min: Annotated[int, Field(ge=0, le=120)] | None = None
    age_max: Annotated[int, Field(ge=0, le=120)] | None = None
    areas: list[Annotated[CleanLine, Field(min_length=1)]] = Field(default_factory=list)
    prompts: list[Prompt] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ages(self) -> Self:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) is above age_max ({self.age_max})")
        return self


class PackMeta(PackModel):
    id: Id
    name: Annotated[CleanLine, Field(min_length=1)]
    version: Annotated[CleanLine, Field(min_length=1)]
    publisher: CleanLine = ""
    description: CleanText = ""
    extends: Id | None = None


class PackFile(PackModel):
    """One pack file as written. An overlay (`extends`) adds to, rewords or hides its base."""

    pack: PackMeta
    tools: list[Tool] = Field(default_factory=list)


class ResolvedPack(PackModel):
    """A pack with everything it extends merged in: what the app actually offers."""

    meta: PackMeta
    chain: tuple[str, ...]
    tools: tuple[Tool, ...]

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    def tool(self, tool_id: str) -> Tool | None:
        return next((t for t in self.tools if t.id == tool_id), None)

    def find_prompt(self, prompt_id: str) -> tuple[Tool, Prompt] | None:
        for tool in self.tools:
            for prompt in tool.prompts:
                if prompt.id == prompt_id:
                    return tool, prompt
        return None

    def tools_in_group(self, group: str) -> list[Tool]:
        return [t for t in self.tools if t.group == group]
