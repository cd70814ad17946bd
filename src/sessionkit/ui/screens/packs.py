"""Choose the toolpack the app offers: the bundled one, or an LA's own pack.

Packs that could not be loaded are listed too, with what is wrong, so a missing pack is
never a mystery; they cannot be chosen. Pack names and problems are data, shown literally.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from sessionkit.domain.text import clean_line
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.toolpacks import Catalog
    from sessionkit.toolpacks.catalog import PackInfo, PackProblem
    from sessionkit.ui.app import SessionkitApp


class PackChooserScreen(SessionkitModal[str | None]):
    """Lists the packs found; Enter makes one active. Dismisses with its id, or None."""

    CSS_PATH = ["dialogs.tcss", "tools.tcss"]  # noqa: RUF012 - Textual reads it as a list

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="packs.cancel"),
    ]

    app: SessionkitApp

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        catalog = self.app.catalog
        active = self.app.pack.id
        with Vertical(classes="dialog", id="pack-dialog"):
            yield Static("Toolpack", classes="dialog-title")
            yield Static(
                "The toolpack sets the tools and prompts offered. Answers already recorded "
                "keep the words that were asked.",
                classes="dialog-question",
                markup=False,
            )
            packs = OptionList(id="pack-list", markup=False)
            options: list[Option | None] = []
            for pack_id in catalog.pack_ids():
                if options:
                    options.append(None)
                info = catalog.describe(pack_id)
                options.append(Option(pack_option(info, active=pack_id == active), pack_id))
            packs.add_options(options)
            yield packs
            problems = unloaded(catalog)
            title = Static("Could not be loaded", id="pack-problems-title", markup=False)
            text = Static(problems_text(problems, catalog), id="pack-problems")
            title.display = text.display = bool(problems)
            yield title
            yield text
            yield Static(
                "Enter: use the highlighted pack · Escape: cancel",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        packs = self.query_one("#pack-list", OptionList)
        try:
            packs.highlighted = packs.get_option_index(self.app.pack.id)
        except OptionDoesNotExist:
            packs.action_first()
        packs.focus()

    @on(OptionList.OptionSelected, "#pack-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        pack_id = event.option.id
        if pack_id is None:
            return
        name = self.app.catalog.describe(pack_id).name
        if pack_id == self.app.pack.id:
            self.app.notify_literal(f"Already using {name}")
            self.dismiss(None)
            return
        self.app.use_pack(pack_id)
        self.app.notify_literal(f"Now using {name}")
        self.dismiss(pack_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def pack_option(info: PackInfo, *, active: bool) -> Content:
    """One pack as two or three lines: name (and 'in use'), what it is, who publishes it."""
    facts = [f"id {info.id}", f"version {info.version}"]
    if info.chain and len(info.chain) > 1:
        facts.append("builds on " + " → ".join(info.chain[:-1]))
    if info.tool_count is not None:
        facts.append(f"{info.tool_count} tools")
    parts: list[str | Content | tuple[str, str]] = [
        ("● " if active else "  ", "bold"),
        (clean_line(info.name), "bold"),
    ]
    if active:
        parts += [" · ", ("in use", "italic")]
    parts += ["\n  ", (clean_line(" · ".join(facts)), "dim")]
    if info.publisher:
        parts += ["\n  ", (clean_line(f"from {info.publisher}"), "dim")]
    return Content.assemble(*parts)


def unloaded(catalog: Catalog) -> dict[Path, list[PackProblem]]:
    """The problems met, by file, for packs that are not offered (in the order found)."""
    offered = {catalog.describe(pack_id).path for pack_id in catalog.pack_ids()}
    found: dict[Path, list[PackProblem]] = {}
    for problem in catalog.problems:
        if problem.path not in offered:
            found.setdefault(problem.path, []).append(problem)
    return found


def problems_text(
    problems: dict[Path, list[PackProblem]], catalog: Catalog, *, most: int = 5
) -> Content:
    """Each file that could not be loaded (the first `most`), with its first problem."""
    names = {source.path: source.file.pack.name for source in catalog.sources.values()}
    lines: list[str] = []
    for path, found in list(problems.items())[:most]:
        first = found[0]
        # A pack file is named by its file name; a folder (not found, say) in full.
        shown = path.name if path.suffix == ".toml" else str(path)
        where = f"{shown}, line {first.line}" if first.line else shown
        if path in names:
            where = f"{names[path]} ({where})"
        line = f"{where}: {first.message}"
        if len(found) > 1:
            line += f" (and {len(found) - 1} more)"
        lines.append(clean_line(line))
    if len(problems) > most:
        lines.append(f"...and {len(problems) - most} more files.")
    if lines:
        lines.append("To see every problem: sessionkit toolpack validate FILE")
    return literal("\n".join(lines))
