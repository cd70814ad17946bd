"""The toolpack format: what a TOML pack file may say, as pydantic models.

A pack file has a `[pack]` table and any number of `[[tools]]`, each with
`[[tools.prompts]]`. Ids are stable: recorded answers point at prompt ids, so a pack
may reword a prompt but never reuse an id for a different question.

A pack that `extends` another is an overlay. Besides adding `[[tools]]` it may:

- `[[add_prompts]]`: add a prompt to a tool of its base (a prompt plus `tool = "..."`);
- `[[reword]]`: change the title, wording, child wording, help or labels of a prompt, by id;
- `[[reword_tool]]`: change a tool's name, purpose, cautions or adaptation notes;
- `[layout]`: `hide_tools`, `hide_prompts` and `order` (tool ids shown first, in order).

Merging lives in `merge.py`; finding and loading files in `catalog.py`.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sessionkit.domain.enums import ChangeTalk, PromptKind
from sessionkit.domain.types import CleanLine, CleanText

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=80)]
Words = Annotated[CleanText, Field(min_length=1)]
Label = Annotated[CleanLine, Field(max_length=120)]


class FieldProblem(ValueError):
    """A model check that is about one key: the error is reported at that key's line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class PackModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ReliableChange(PackModel):
    """How big a change must be before it counts as more than noise, and who says so."""

    threshold: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    source: Words


class Scale(PackModel):
    min: int = 0
    max: int = 10
    min_label: Label = ""
    max_label: Label = ""
    reliable_change: ReliableChange | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min >= self.max:
            raise FieldProblem("min", f"scale min ({self.min}) must be below its max ({self.max})")
        return self


class Option(PackModel):
    id: Id
    label: Annotated[CleanLine, Field(min_length=1, max_length=120)]


class Prompt(PackModel):
    id: Id
    kind: PromptKind
    title: Annotated[CleanLine, Field(max_length=60)] = Field(
        default="",
        description="A short name for lists and charts, e.g. 'Safe at home'. "
        "Defaults to the start of the wording.",
    )
    wording: Words
    child_wording: CleanText = ""
    help: CleanText = ""
    change_talk: ChangeTalk | None = Field(
        default=None,
        description="The kind of change talk this prompt invites, offered as the answer's tag.",
    )
    scale: Scale | None = None
    options: list[Option] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_fits(self) -> Self:
        if self.kind is PromptKind.SCALE and self.scale is None:
            object.__setattr__(self, "scale", Scale())
        if self.kind is not PromptKind.SCALE and self.scale is not None:
            raise FieldProblem(
                "scale", f"only scale prompts have a scale (this one is {self.kind.value})"
            )
        if self.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST) and not self.options:
            raise FieldProblem("options", f"a {self.kind.value} prompt needs options")
        if self.kind not in (PromptKind.CHOICE, PromptKind.CHECKLIST) and self.options:
            raise FieldProblem(
                "options",
                f"only choice and checklist prompts have options (this one is {self.kind.value})",
            )
        seen: set[str] = set()
        for option in self.options:
            if option.id in seen:
                raise FieldProblem("options", f"option id '{option.id}' is used twice")
            seen.add(option.id)
        return self

    def wording_for(self, *, child: bool) -> str:
        """The child variant when answering as a child and one exists, else the main wording."""
        return self.child_wording if child and self.child_wording else self.wording

    @property
    def short_title(self) -> str:
        """The title, or the wording cut to fit a list."""
        if self.title:
            return self.title
        words = " ".join(self.wording.split())
        return words if len(words) <= 48 else words[:47] + "…"


class Adaptations(PackModel):
    age: CleanText = ""
    send: CleanText = ""
    non_verbal: CleanText = ""


class Tool(PackModel):
    id: Id
    name: Annotated[CleanLine, Field(min_length=1, max_length=80)]
    group: Id
    purpose: Words
    works_well_when: CleanText = ""
    avoid_when: CleanText = ""
    adaptations: Adaptations = Adaptations()
    age_min: Annotated[int, Field(ge=0, le=120)] | None = None
    age_max: Annotated[int, Field(ge=0, le=120)] | None = None
    areas: list[Annotated[CleanLine, Field(min_length=1, max_length=60)]] = Field(
        default_factory=list
    )
    prompts: list[Prompt] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ages(self) -> Self:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise FieldProblem(
                "age_min", f"age_min ({self.age_min}) is above age_max ({self.age_max})"
            )
        return self

    def fits_age(self, age: int) -> bool:
        """Whether `age` is inside the tool's age range (an open end fits everyone)."""
        return (self.age_min is None or age >= self.age_min) and (
            self.age_max is None or age <= self.age_max
        )


class PackMeta(PackModel):
    id: Id
    name: Annotated[CleanLine, Field(min_length=1, max_length=120)]
    version: Annotated[CleanLine, Field(min_length=1, max_length=40)]
    publisher: Label = ""
    description: CleanText = ""
    extends: Id | None = None


# --- Overlay changes ---------------------------------------------------------------


class AddedPrompt(Prompt):
    """A prompt an overlay adds to a tool of its base: a prompt plus the tool it goes in."""

    tool: Id


class Reword(PackModel):
    """New words for an existing prompt. The id, kind and scale range stay as they were."""

    prompt: Id
    title: Annotated[CleanLine, Field(max_length=60)] | None = None
    wording: Words | None = None
    child_wording: CleanText | None = None
    help: CleanText | None = None
    min_label: Label | None = None
    max_label: Label | None = None
    option_labels: dict[str, Annotated[CleanLine, Field(min_length=1, max_length=120)]] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if self.model_fields_set <= {"prompt"}:
            raise FieldProblem(
                "prompt",
                "this [[reword]] changes nothing: give title, wording, child_wording, help, "
                "min_label, max_label or option_labels",
            )
        return self


class AdaptationsChange(PackModel):
    age: CleanText | None = None
    send: CleanText | None = None
    non_verbal: CleanText | None = None


class RewordTool(PackModel):
    """New words for an existing tool: its name, purpose, cautions and adaptation notes."""

    tool: Id
    name: Annotated[CleanLine, Field(min_length=1, max_length=80)] | None = None
    purpose: Words | None = None
    works_well_when: CleanText | None = None
    avoid_when: CleanText | None = None
    adaptations: AdaptationsChange | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if self.model_fields_set <= {"tool"}:
            raise FieldProblem(
                "tool",
                "this [[reword_tool]] changes nothing: give name, purpose, works_well_when, "
                "avoid_when or adaptations",
            )
        return self


class Layout(PackModel):
    """Which base tools and prompts an overlay hides, and the order tools are offered in."""

    order: list[Id] = Field(
        default_factory=list,
        description="Tool ids to offer first, in this order; the rest follow as before.",
    )
    hide_tools: list[Id] = Field(default_factory=list)
    hide_prompts: list[Id] = Field(default_factory=list)


class PackFile(PackModel):
    """One pack file as written. An overlay (`extends`) adds to, rewords or hides its base."""

    model_config = ConfigDict(
        title="sessionkit toolpack",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "description": "A sessionkit toolpack file (TOML). See docs/toolpacks.md.",
        },
    )

    pack: PackMeta
    layout: Layout = Layout()
    tools: list[Tool] = Field(default_factory=list)
    add_prompts: list[AddedPrompt] = Field(default_factory=list)
    reword: list[Reword] = Field(default_factory=list)
    reword_tool: list[RewordTool] = Field(default_factory=list)

    @property
    def is_overlay(self) -> bool:
        return self.pack.extends is not None

    def overlay_keys_used(self) -> list[str]:
        """The overlay-only keys this file sets (a pack without `extends` may set none)."""
        used = [key for key in ("add_prompts", "reword", "reword_tool") if getattr(self, key)]
        used += [
            f"layout.{key}"
            for key in ("order", "hide_tools", "hide_prompts")
            if getattr(self.layout, key)
        ]
        return used


class ResolvedPack(PackModel):
    """A pack with everything it extends merged in: what the app actually offers.

    `chain` runs from the base pack to this one, e.g. `("core", "northshire")`.
    `hidden` keeps what an overlay hid (whole tools, or a tool holding only its hidden
    prompts), so answers recorded before a prompt was hidden can still be named.
    """

    meta: PackMeta
    chain: tuple[str, ...]
    tools: tuple[Tool, ...]
    hidden: tuple[Tool, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    def tool(self, tool_id: str) -> Tool | None:
        return next((t for t in self.tools if t.id == tool_id), None)

    def find_prompt(
        self, prompt_id: str, *, include_hidden: bool = False
    ) -> tuple[Tool, Prompt] | None:
        tools = self.tools + self.hidden if include_hidden else self.tools
        for tool in tools:
            for prompt in tool.prompts:
                if prompt.id == prompt_id:
                    return tool, prompt
        return None

    def tools_in_group(self, group: str) -> list[Tool]:
        return [t for t in self.tools if t.group == group]

    def groups(self) -> list[str]:
        """Tool groups in the order their first tool is offered."""
        return list(dict.fromkeys(t.group for t in self.tools))

    def prompt_ids(self) -> list[str]:
        return [p.id for t in self.tools for p in t.prompts]


def pack_json_schema() -> dict[str, object]:
    """JSON Schema of a pack file, for editors (`#:schema` in taplo) and docs."""
    return PackFile.model_json_schema()


def pack_json_schema_text() -> str:
    """The schema as committed at docs/toolpack.schema.json."""
    import json

    return json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
