"""Checks on one pack file, and merging an overlay onto the pack it extends.

Both return findings `(key path, message)` about the file being checked, so the catalog
can point each one at a line. A merge with any finding produces no pack: half an overlay
would offer a mix of wording nobody wrote.

An overlay's changes apply in this order: `[layout]` hides (`hide_prompts`, then
`hide_tools`), new `[[tools]]`, `[[add_prompts]]`, `[[reword]]`, `[[reword_tool]]`, and
last `[layout] order`. Hiding first means that adding to, or rewording, something the
same file hides is reported rather than silently lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from sessionkit.domain.enums import PromptKind
from sessionkit.tomlkeys import KeyPath, did_you_mean
from sessionkit.toolpacks.messages import Finding
from sessionkit.toolpacks.schema import PackFile, Prompt, ResolvedPack, Tool

_ID_RULE = "ids are never reused, because recorded answers point at them"


def check_file(pack: PackFile) -> list[Finding]:
    """Problems visible in one file alone: repeated ids, overlay keys without `extends`."""
    findings: list[Finding] = []
    if not pack.is_overlay:
        for key in pack.overlay_keys_used():
            path: KeyPath = tuple(key.split("."))
            findings.append(
                (
                    path,
                    f'only an overlay can use {key}: add extends = "core" (or another '
                    "pack id) to [pack]",
                )
            )
    _repeats(findings, ((("tools", i, "id"), t.id) for i, t in enumerate(pack.tools)), "tool id")
    prompts: list[tuple[KeyPath, str]] = [
        (("tools", i, "prompts", j, "id"), p.id)
        for i, tool in enumerate(pack.tools)
        for j, p in enumerate(tool.prompts)
    ]
    prompts += [(("add_prompts", k, "id"), p.id) for k, p in enumerate(pack.add_prompts)]
    _repeats(findings, prompts, "prompt id")
    _repeats(
        findings,
        ((("reword", k, "prompt"), r.prompt) for k, r in enumerate(pack.reword)),
        "prompt",
        what="is reworded more than once in this file",
    )
    _repeats(
        findings,
        ((("reword_tool", k, "tool"), r.tool) for k, r in enumerate(pack.reword_tool)),
        "tool",
        what="is reworded more than once in this file",
    )
    for key in ("order", "hide_tools", "hide_prompts"):
        values: list[str] = getattr(pack.layout, key)
        _repeats(
            findings,
            ((("layout", key, k), v) for k, v in enumerate(values)),
            "id",
            what=f"is listed twice in {key}",
        )
    return findings


def _repeats(
    findings: list[Finding],
    items: Iterable[tuple[KeyPath, str]],
    noun: str,
    *,
    what: str = "is used twice in this file",
) -> None:
    seen: set[str] = set()
    for path, value in items:
        if value in seen:
            findings.append((path, f"{noun} '{value}' {what}"))
        seen.add(value)


class _Merge:
    """The working state of one overlay being applied to its base."""

    def __init__(self, base: ResolvedPack | None) -> None:
        self.base_name = f"'{base.id}'" if base else "this pack"
        self.tools: list[Tool] = list(base.tools) if base else []
        self.hidden: list[Tool] = list(base.hidden) if base else []
        self.findings: list[Finding] = []
        self.tool_ids = {t.id for t in (*self.tools, *self.hidden)}
        self.prompt_ids = {p.id for t in (*self.tools, *self.hidden) for p in t.prompts}

    def fail(self, path: KeyPath, message: str) -> None:
        self.findings.append((path, message))

    def visible_tool(self, tool_id: str) -> int | None:
        return next((i for i, t in enumerate(self.tools) if t.id == tool_id), None)

    def visible_prompt(self, prompt_id: str) -> tuple[int, int] | None:
        for i, tool in enumerate(self.tools):
            for j, prompt in enumerate(tool.prompts):
                if prompt.id == prompt_id:
                    return i, j
        return None

    def is_hidden_prompt(self, prompt_id: str) -> bool:
        return any(p.id == prompt_id for t in self.hidden for p in t.prompts)

    def missing_tool(self, path: KeyPath, tool_id: str, doing: str) -> None:
        if tool_id in self.tool_ids:
            self.fail(path, f"tool '{tool_id}' is hidden, so it cannot be {doing}")
        else:
            known = [t.id for t in self.tools]
            self.fail(
                path, f"no tool '{tool_id}' in {self.base_name}{did_you_mean(tool_id, known)}"
            )

    def missing_prompt(self, path: KeyPath, prompt_id: str, doing: str) -> None:
        if self.is_hidden_prompt(prompt_id):
            self.fail(path, f"prompt '{prompt_id}' is hidden, so it cannot be {doing}")
        else:
            known = [p.id for t in self.tools for p in t.prompts]
            self.fail(
                path, f"no prompt '{prompt_id}' in {self.base_name}{did_you_mean(prompt_id, known)}"
            )

    def replace_prompt(self, at: tuple[int, int], prompt: Prompt) -> None:
        i, j = at
        tool = self.tools[i]
        prompts = list(tool.prompts)
        prompts[j] = prompt
        self.tools[i] = tool.model_copy(update={"prompts": prompts})

    # --- the changes, in the order they apply ---------------------------------------

    def add_tools(self, tools: list[Tool]) -> None:
        for i, tool in enumerate(tools):
            clash = False
            if tool.id in self.tool_ids:
                clash = True
                self.fail(
                    ("tools", i, "id"),
                    f"tool id '{tool.id}' is already used in {self.base_name}; {_ID_RULE}. "
                    "To change that tool's words use [[reword_tool]]",
                )
            for j, prompt in enumerate(tool.prompts):
                if prompt.id in self.prompt_ids:
                    clash = True
                    self.fail(
                        ("tools", i, "prompts", j, "id"),
                        f"prompt id '{prompt.id}' is already used in {self.base_name}; {_ID_RULE}",
                    )
            if not clash:
                self.tools.append(tool)
                self.tool_ids.add(tool.id)
                self.prompt_ids.update(p.id for p in tool.prompts)

    def add_prompts(self, pack: PackFile) -> None:
        for k, added in enumerate(pack.add_prompts):
            where = self.visible_tool(added.tool)
            if where is None:
                self.missing_tool(("add_prompts", k, "tool"), added.tool, "given new prompts")
                continue
            if added.id in self.prompt_ids:
                self.fail(
                    ("add_prompts", k, "id"),
                    f"prompt id '{added.id}' is already used in {self.base_name}; {_ID_RULE}",
                )
                continue
            prompt = Prompt.model_validate(added.model_dump(exclude={"tool"}))
            tool = self.tools[where]
            self.tools[where] = tool.model_copy(update={"prompts": [*tool.prompts, prompt]})
            self.prompt_ids.add(prompt.id)

    def reword(self, pack: PackFile) -> None:
        for k, change in enumerate(pack.reword):
            at = self.visible_prompt(change.prompt)
            if at is None:
                self.missing_prompt(("reword", k, "prompt"), change.prompt, "reworded")
                continue
            prompt = self.tools[at[0]].prompts[at[1]]
            update: dict[str, object] = {
                key: value
                for key in ("title", "wording", "child_wording", "help")
                if (value := getattr(change, key)) is not None
            }
            labels = {
                key: value
                for key in ("min_label", "max_label")
                if (value := getattr(change, key)) is not None
            }
            if labels:
                if prompt.scale is None:
                    for key in labels:
                        self.fail(
                            ("reword", k, key),
                            f"prompt '{prompt.id}' is a {prompt.kind.value} prompt; only scale "
                            "prompts have end labels",
                        )
                    continue
                update["scale"] = prompt.scale.model_copy(update=labels)
            if change.option_labels:
                options = self._relabel(k, prompt, change.option_labels)
                if options is None:
                    continue
                update["options"] = options
            self.replace_prompt(at, prompt.model_copy(update=update))

    def _relabel(self, k: int, prompt: Prompt, labels: dict[str, str]) -> list[object] | None:
        if prompt.kind not in (PromptKind.CHOICE, PromptKind.CHECKLIST):
            self.fail(
                ("reword", k, "option_labels"),
                f"prompt '{prompt.id}' is a {prompt.kind.value} prompt; it has no options",
            )
            return None
        ids = [o.id for o in prompt.options]
        unknown = [key for key in labels if key not in ids]
        for key in unknown:
            self.fail(
                ("reword", k, "option_labels", key),
                f"prompt '{prompt.id}' has no option '{key}'{did_you_mean(key, ids)}",
            )
        if unknown:
            return None
        return [
            o.model_copy(update={"label": labels[o.id]}) if o.id in labels else o
            for o in prompt.options
        ]

    def reword_tools(self, pack: PackFile) -> None:
        for k, change in enumerate(pack.reword_tool):
            where = self.visible_tool(change.tool)
            if where is None:
                self.missing_tool(("reword_tool", k, "tool"), change.tool, "reworded")
                continue
            tool = self.tools[where]
            update: dict[str, object] = {
                key: value
                for key in ("name", "purpose", "works_well_when", "avoid_when")
                if (value := getattr(change, key)) is not None
            }
            if change.adaptations is not None:
                notes = change.adaptations.model_dump(exclude_none=True)
                update["adaptations"] = tool.adaptations.model_copy(update=notes)
            self.tools[where] = tool.model_copy(update=update)

    def hide_prompts(self, prompt_ids: list[str]) -> None:
        for k, prompt_id in enumerate(prompt_ids):
            at = self.visible_prompt(prompt_id)
            if at is None:
                if self.is_hidden_prompt(prompt_id):
                    self.fail(
                        ("layout", "hide_prompts", k),
                        f"prompt '{prompt_id}' is already hidden by the pack this one extends",
                    )
                else:
                    self.missing_prompt(("layout", "hide_prompts", k), prompt_id, "hidden")
                continue
            tool = self.tools[at[0]]
            prompt = tool.prompts[at[1]]
            self.tools[at[0]] = tool.model_copy(
                update={"prompts": [p for p in tool.prompts if p.id != prompt_id]}
            )
            self._keep_hidden(tool, [prompt])

    def hide_tools(self, tool_ids: list[str]) -> None:
        for k, tool_id in enumerate(tool_ids):
            where = self.visible_tool(tool_id)
            if where is None:
                if tool_id in self.tool_ids:
                    self.fail(
                        ("layout", "hide_tools", k),
                        f"tool '{tool_id}' is already hidden by the pack this one extends",
                    )
                else:
                    self.missing_tool(("layout", "hide_tools", k), tool_id, "hidden")
                continue
            tool = self.tools.pop(where)
            self._keep_hidden(tool, list(tool.prompts))

    def _keep_hidden(self, tool: Tool, prompts: list[Prompt]) -> None:
        for i, kept in enumerate(self.hidden):
            if kept.id == tool.id:
                self.hidden[i] = kept.model_copy(update={"prompts": [*kept.prompts, *prompts]})
                return
        self.hidden.append(tool.model_copy(update={"prompts": prompts}))

    def order(self, tool_ids: list[str]) -> None:
        first: dict[str, Tool] = {}
        for k, tool_id in enumerate(tool_ids):
            where = self.visible_tool(tool_id)
            if where is None:
                self.missing_tool(("layout", "order", k), tool_id, "ordered")
            else:
                first.setdefault(tool_id, self.tools[where])
        self.tools = [*first.values(), *(t for t in self.tools if t.id not in first)]


def merge(base: ResolvedPack | None, pack: PackFile) -> tuple[ResolvedPack | None, list[Finding]]:
    """Apply `pack` to `base` (None for a pack that extends nothing)."""
    work = _Merge(base)
    work.hide_prompts(pack.layout.hide_prompts)
    work.hide_tools(pack.layout.hide_tools)
    work.add_tools(pack.tools)
    work.add_prompts(pack)
    work.reword(pack)
    work.reword_tools(pack)
    work.order(pack.layout.order)
    if work.findings:
        return None, work.findings
    chain = (*base.chain, pack.pack.id) if base else (pack.pack.id,)
    return (
        ResolvedPack(
            meta=pack.pack, chain=chain, tools=tuple(work.tools), hidden=tuple(work.hidden)
        ),
        [],
    )
