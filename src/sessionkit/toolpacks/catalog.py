"""Find pack files, load them, and resolve the pack the app uses.

`load_catalog` never raises for a bad pack: each problem is kept as a `PackProblem`
("FILE:LINE: message") and the app carries on with the packs that are valid.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from sessionkit.toolpacks.schema import PackFile, ResolvedPack

DEFAULT_PACK_ID = "core"


@dataclass(frozen=True)
class PackProblem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass
class Catalog:
    files: dict[str, tuple[Path, PackFile]] = field(default_factory=dict)
    problems: list[PackProblem] = field(default_factory=list)

    def pack_ids(self) -> list[str]:
        return sorted(self.files)

    def resolve(self, pack_id: str) -> ResolvedPack:
        path, pack = self.files[pack_id]
        return ResolvedPack(meta=pack.pack, chain=(pack.pack.id,), tools=tuple(pack.tools))


def _load_file(path: Path) -> PackFile | PackProblem:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return PackProblem(path, None, str(exc))
    try:
        return PackFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        return PackProblem(path, None, f"{loc}: {first['msg']}")


def load_catalog(dirs: Iterable[Path]) -> Catalog:
    catalog = Catalog()
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            loaded = _load_file(path)
            if isinstance(loaded, PackProblem):
                catalog.problems.append(loaded)
            else:
                catalog.files[loaded.pack.id] = (path, loaded)
    return catalog
