"""Write a new, valid overlay for an author to fill in (`sessionkit toolpack new`).

The data is written with tomli-w; the commented examples after it are plain text, since
tomli-w cannot write comments. The file is created, never overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from sessionkit.domain.enums import PromptKind
from sessionkit.locations import PRIVATE_FILE_MODE
from sessionkit.toolpacks.ids import PACK_SUFFIX
from sessionkit.toolpacks.schema import PackMeta, ResolvedPack


class ScaffoldError(Exception):
    """Why a scaffold was not written, in words for the person who asked for it."""


def check_pack_id(pack_id: str) -> None:
    try:
        PackMeta(id=pack_id, name="x", version="1")
    except ValidationError:
        raise ScaffoldError(
            f"'{pack_id}' is not a valid pack id: use lower-case letters, digits, '.', '-' "
            "and '_', starting with a letter or digit"
        ) from None


def scaffold_text(pack_id: str, base: ResolvedPack | None) -> str:
    """The text of a new pack file with id `pack_id`, extending `base` if given."""
    check_pack_id(pack_id)
    meta: dict[str, str] = {
        "id": pack_id,
        "name": pack_id.replace("-", " ").replace("_", " ").replace(".", " ").title(),
        "version": "0.1.0",
        "publisher": "",
        "description": "What this pack is for, and who looks after it.",
    }
    if base is not None:
        meta["extends"] = base.id
    data: dict[str, object] = {"pack": meta}
    if base is not None:
        data["layout"] = {"order": [], "hide_tools": [], "hide_prompts": []}
    header = (
        f"# Toolpack '{pack_id}'. The format is described in docs/toolpacks.md.\n"
        f"# Check it with: sessionkit toolpack validate {pack_id}{PACK_SUFFIX}\n"
        "# Ids are stable: answers recorded against a prompt id keep pointing at it.\n"
        "# Reword freely, but never reuse an id for a different question.\n\n"
    )
    return header + tomli_w.dumps(data) + _examples(pack_id, base)


def _examples(pack_id: str, base: ResolvedPack | None) -> str:
    lines = ["", "# --- Examples: remove the leading '# ' to use one. ---", ""]
    if base is not None:
        scale = next((p for t in base.tools for p in t.prompts if p.kind is PromptKind.SCALE), None)
        if scale is not None:
            lines += [
                "# Reword a prompt of the base pack (its id stays the same):",
                "# [[reword]]",
                f'# prompt = "{scale.id}"',
                '# wording = "Your own words for this question"',
                '# child_wording = "The same question for a child"',
                "",
            ]
        if base.tools:
            first = base.tools[0]
            lines += [
                "# Add a prompt to a tool of the base pack:",
                "# [[add_prompts]]",
                f'# tool = "{first.id}"',
                f'# id = "{pack_id}.{first.id}.extra"',
                '# kind = "text"',
                '# wording = "A question you ask that the base pack does not"',
                "",
                "# Hide tools or prompts, and choose which tools come first, in [layout] above:",
                f'#   hide_tools = ["{base.tools[-1].id}"]',
                f'#   order = ["{first.id}"]',
                "",
            ]
    lines += [
        "# Add a tool of your own:",
        "# [[tools]]",
        f'# id = "{pack_id}-tool"',
        '# name = "Name shown to practitioners"',
        '# group = "my-group"',
        '# purpose = "Why a practitioner would use it, in plain words."',
        '# works_well_when = "When it helps."',
        '# avoid_when = "When not to use it."',
        '# areas = ["relationships"]',
        "#",
        "# [[tools.prompts]]",
        f'# id = "{pack_id}.tool.first"',
        '# kind = "scale"',
        '# wording = "On a scale from 0 to 10, ..."',
        "# [tools.prompts.scale]",
        "# min = 0",
        "# max = 10",
        '# min_label = "..."',
        '# max_label = "..."',
    ]
    return "\n".join(lines) + "\n"


def write_scaffold(folder: Path, pack_id: str, base: ResolvedPack | None) -> Path:
    """Create `folder/<pack_id>.toml` (owner-only), refusing to overwrite; return its path."""
    text = scaffold_text(pack_id, base)
    path = folder / f"{pack_id}{PACK_SUFFIX}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; it was left as it is") from None
    except OSError as exc:
        raise ScaffoldError(f"{path} could not be created: {exc.strerror or exc}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
