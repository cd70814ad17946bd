"""Find pack files, load them, and resolve the packs the app can use.

`load_catalog` never raises for a bad pack: each problem is kept as a `PackProblem`
(`FILE:LINE: key.path: message`) and the app carries on with the packs that are valid.
Every pack is resolved (merged with what it extends) once, at load time, so a missing
base or an extends cycle is reported straight away and `resolve` is a dictionary lookup.
"""

from __future__ import annotations

import re
import stat
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sessionkit.domain.text import clean_line
from sessionkit.tomlkeys import KeyLocator, KeyPath, did_you_mean, format_path
from sessionkit.toolpacks.ids import PACK_SUFFIX
from sessionkit.toolpacks.merge import check_file, merge
from sessionkit.toolpacks.messages import findings_from
from sessionkit.toolpacks.schema import PackFile, ResolvedPack

if TYPE_CHECKING:
    from sessionkit.locations import Locations

MAX_PACK_BYTES = 1024 * 1024

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = " (at end of document)"


@dataclass(frozen=True)
class PackProblem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        # File names and keys come from outside: print them as data, never as escapes.
        return clean_line(f"{where}: {self.message}")


@dataclass
class PackSource:
    """One pack file that was read and validated, with its text for placing later errors."""

    path: Path
    file: PackFile
    text: str
    _locator: KeyLocator | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.file.pack.id

    def line_of(self, key: KeyPath) -> int | None:
        if self._locator is None:
            self._locator = KeyLocator(self.text)
        return self._locator.line_of(key) or 1

    def problem(self, key: KeyPath, message: str) -> PackProblem:
        return _problem(self.path, self.line_of(key), key, message)


@dataclass(frozen=True)
class PackInfo:
    """What `toolpack list` shows about one pack file that was found."""

    id: str
    name: str
    version: str
    publisher: str
    extends: str | None
    path: Path
    chain: tuple[str, ...] | None
    tool_count: int | None
    problems: tuple[PackProblem, ...]

    @property
    def usable(self) -> bool:
        return self.chain is not None


@dataclass
class Catalog:
    """Every pack found, the problems met, and the resolved packs (cached)."""

    sources: dict[str, PackSource] = field(default_factory=dict)
    problems: list[PackProblem] = field(default_factory=list)
    _resolved: dict[str, ResolvedPack] = field(default_factory=dict, repr=False)

    def pack_ids(self) -> list[str]:
        """Ids of the packs that resolved cleanly: the ones the app can offer."""
        return sorted(self._resolved)

    def resolve(self, pack_id: str) -> ResolvedPack:
        """The merged pack; KeyError if no such pack, or if it has problems."""
        try:
            return self._resolved[pack_id]
        except KeyError:
            raise KeyError(pack_id) from None

    def get(self, pack_id: str) -> ResolvedPack | None:
        return self._resolved.get(pack_id)

    def problems_in(self, path: Path) -> list[PackProblem]:
        return [p for p in self.problems if p.path == path]

    def describe(self, pack_id: str) -> PackInfo:
        """Metadata, origin, resolution and problems of one pack found; KeyError if none."""
        source = self.sources[pack_id]
        meta = source.file.pack
        resolved = self._resolved.get(pack_id)
        return PackInfo(
            id=meta.id,
            name=meta.name,
            version=meta.version,
            publisher=meta.publisher,
            extends=meta.extends,
            path=source.path,
            chain=resolved.chain if resolved else None,
            tool_count=len(resolved.tools) if resolved else None,
            problems=tuple(self.problems_in(source.path)),
        )

    def describe_all(self) -> list[PackInfo]:
        """Every pack loaded, in the order found (bundled first)."""
        return [self.describe(pack_id) for pack_id in self.sources]


def _problem(path: Path, line: int | None, key: KeyPath, message: str) -> PackProblem:
    shown = format_path(key)
    return PackProblem(path, line, f"{shown}: {message}" if shown else message)


# --- finding files --------------------------------------------------------------------


def pack_paths(entries: Iterable[Path]) -> list[Path]:
    """Pack files in `entries`: a folder's `*.toml` (not its subfolders), or a file itself.

    Missing entries are skipped (the user's pack folder usually does not exist). A path is
    listed once even when two entries reach it.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for entry in entries:
        try:
            if entry.is_dir() and entry.suffix != PACK_SUFFIX:
                candidates = sorted(entry.glob(f"*{PACK_SUFFIX}"))
            elif entry.exists():
                candidates = [entry]
            else:
                continue
        except OSError:
            continue
        for path in candidates:
            key = file_identity(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def file_identity(path: Path) -> Path:
    """A path to compare files by: resolved where possible, else absolute."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


# --- reading one file -----------------------------------------------------------------


@dataclass
class FileResult:
    """The outcome of reading one file: a source, or problems (and the id, if readable)."""

    source: PackSource | None
    problems: list[PackProblem]
    claimed_id: str | None = None


def read_pack_file(path: Path) -> FileResult:
    """Read and validate one pack file. Never raises."""
    try:
        return _read_pack_file(path)
    except Exception as exc:  # a bad pack must never stop the app
        message = f"could not be loaded ({type(exc).__name__}); please report this"
        return FileResult(None, [PackProblem(path, None, message)])


def _read_pack_file(path: Path) -> FileResult:
    def fail(message: str, line: int | None = None) -> FileResult:
        return FileResult(None, [PackProblem(path, line, message)])

    try:
        info = path.stat()
    except OSError as exc:
        return fail(f"cannot be read: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        return fail("is a folder, not a pack file")
    if not stat.S_ISREG(info.st_mode):
        return fail("is not a regular file")
    if info.st_size > MAX_PACK_BYTES:
        return fail(f"is too big ({info.st_size:,} bytes); a pack file may be at most 1 MiB")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        return fail(f"cannot be read: {exc.strerror or exc}")
    if len(data) > MAX_PACK_BYTES:
        return fail("is too big; a pack file may be at most 1 MiB")
    if not data.strip():
        return fail("the file is empty; a pack starts with a [pack] table", 1)
    if b"\x00" in data:
        return fail("looks like a binary file, not TOML text", 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it with UTF-8 encoding",
            data.count(b"\n", 0, exc.start) + 1,
        )
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some Windows editors write
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, where = _toml_error(str(exc), text)
        return fail(f"is not valid TOML: {message}", where)
    except (ValueError, RecursionError) as exc:
        # e.g. an integer too long to convert, or arrays nested thousands deep.
        return fail(f"is not valid TOML: {type(exc).__name__}", 1)
    return _validate(path, text, raw)


def _toml_error(message: str, text: str) -> tuple[str, int | None]:
    if message.endswith(_TOML_AT_END):
        return f"{message.removesuffix(_TOML_AT_END)} at the end of the file", text.count("\n") + 1
    match = _TOML_POSITION.search(message)
    if not match:
        return message, 1
    return f"{message[: match.start()]} (column {match.group(2)})", int(match.group(1))


def _validate(path: Path, text: str, raw: dict[str, Any]) -> FileResult:
    meta = raw.get("pack")
    claimed = meta.get("id") if isinstance(meta, dict) else None
    claimed_id = claimed if isinstance(claimed, str) else None
    if "pack" not in raw:
        return FileResult(
            None,
            [
                PackProblem(
                    path,
                    1,
                    "has no [pack] table, so it is not a toolpack "
                    "(a pack starts with [pack] giving its id, name and version)",
                )
            ],
        )
    pack: PackFile | None = None
    try:
        pack = PackFile.model_validate(raw)
    except ValidationError as exc:
        findings = findings_from(exc)
    else:
        findings = check_file(pack)
    if pack is None or findings:
        locator = KeyLocator(text)
        problems = [_problem(path, locator.line_of(k) or 1, k, m) for k, m in findings]
        problems.sort(key=lambda p: p.line or 0)
        return FileResult(None, problems, claimed_id)
    return FileResult(PackSource(path, pack, text), [], pack.pack.id)


# --- the catalog ----------------------------------------------------------------------


def load_catalog(dirs: Iterable[Path]) -> Catalog:
    """Load every pack in `dirs` (folders searched non-recursively, or pack files).

    Earlier entries win: a later file whose pack id is already taken is reported and
    skipped. Never raises.
    """
    catalog = Catalog()
    broken: dict[str, Path] = {}
    for path in pack_paths(dirs):
        result = read_pack_file(path)
        catalog.problems.extend(result.problems)
        source = result.source
        if source is None:
            if result.claimed_id and result.claimed_id not in broken:
                broken[result.claimed_id] = path
            continue
        first = catalog.sources.get(source.id)
        if first is not None:
            catalog.problems.append(
                source.problem(
                    ("pack", "id"),
                    f"pack id '{source.id}' is already used by {first.path}, so this file is "
                    "ignored. Give this pack its own id; to build on that pack, extend it",
                )
            )
            continue
        catalog.sources[source.id] = source
    _Resolver(catalog, broken).run()
    order = {path: i for i, path in enumerate(dict.fromkeys(p.path for p in catalog.problems))}
    catalog.problems.sort(key=lambda p: (order[p.path], p.line or 0))
    return catalog


def catalog_for(locations: Locations, extra: Sequence[Path] = ()) -> Catalog:
    """The catalog for one run: `extra` files or folders first, then the usual folders.

    Extra pack folders named on the command line or in SESSIONKIT_TOOLPACK_PATH that do
    not exist are reported, since a typo there would otherwise pass silently.
    """
    catalog = load_catalog([*extra, *locations.toolpack_dirs()])
    for folder in (*extra, *locations.extra_toolpack_dirs):
        if not folder.exists():
            catalog.problems.append(PackProblem(folder, None, "toolpack folder not found"))
    return catalog


class _Resolver:
    def __init__(self, catalog: Catalog, broken: dict[str, Path]) -> None:
        self.catalog = catalog
        self.sources = catalog.sources
        self.broken = broken
        self.failed: set[str] = set()

    def run(self) -> None:
        for pack_id in list(self.sources):
            try:
                self.resolve(pack_id)
            except Exception as exc:  # one bad pack must not stop the others
                self.failed.add(pack_id)
                self.catalog.problems.append(
                    PackProblem(
                        self.sources[pack_id].path,
                        None,
                        f"could not be resolved ({type(exc).__name__}); please report this",
                    )
                )

    def done(self, pack_id: str) -> bool:
        return pack_id in self.catalog._resolved or pack_id in self.failed

    def report(self, pack_id: str, key: KeyPath, message: str) -> None:
        self.failed.add(pack_id)
        self.catalog.problems.append(self.sources[pack_id].problem(key, message))

    def resolve(self, pack_id: str) -> None:
        # Walk up the extends chain until a resolved pack, a root, or trouble.
        chain: list[str] = []
        current: str | None = pack_id
        while current is not None and not self.done(current):
            if current in chain:
                self.cycle(chain, current)
                return
            source = self.sources.get(current)
            if source is None:
                self.missing_base(chain, current)
                return
            chain.append(current)
            current = source.file.pack.extends
        # Resolve from the root down; a failure anywhere stops the packs that build on it.
        for pack_id_here in reversed(chain):
            file = self.sources[pack_id_here].file
            base_id = file.pack.extends
            base = self.catalog._resolved.get(base_id) if base_id else None
            if base_id and base is None:
                self.report(
                    pack_id_here,
                    ("pack", "extends"),
                    f"cannot be used: the pack it extends, '{base_id}', has problems",
                )
                continue
            resolved, findings = merge(base, file)
            if resolved is None:
                for key, message in findings:
                    self.report(pack_id_here, key, message)
            else:
                self.catalog._resolved[pack_id_here] = resolved

    def cycle(self, chain: list[str], again: str) -> None:
        loop = [*chain[chain.index(again) :], again]
        text = " -> ".join(loop)
        for pack_id in chain:
            if pack_id in loop:
                self.report(pack_id, ("pack", "extends"), f"extends cycle: {text}")
            else:
                self.report(
                    pack_id,
                    ("pack", "extends"),
                    f"cannot be used: the packs it builds on extend each other ({text})",
                )

    def missing_base(self, chain: list[str], missing: str) -> None:
        asker = chain[-1]
        if missing in self.broken:
            why = f"but that pack ({self.broken[missing]}) has problems"
        else:
            known = [p for p in self.sources if p not in chain]
            why = f"but no pack with that id was found{did_you_mean(missing, known)}"
        self.report(asker, ("pack", "extends"), f"extends '{missing}', {why}")
        for pack_id in chain[:-1]:
            self.report(
                pack_id,
                ("pack", "extends"),
                f"cannot be used: a pack it builds on extends '{missing}', which is missing",
            )
