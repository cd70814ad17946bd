"""Property tests: whatever bytes or text a pack file holds, loading never raises.

Random bytes, TOML-ish text built from the format's own keys, and mutations of the real
packs (lines deleted, duplicated or swapped, values changed to other types) all go
through the loader. Each must give a catalog, with problems that are one clean line each.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from toolpack_helpers import BUNDLED, EXAMPLES

from sessionkit.toolpacks import Catalog, PackProblem, load_catalog, read_pack_file

CORE_LINES = (BUNDLED / "core.toml").read_text(encoding="utf-8").split("\n")
NORTHSHIRE_LINES = (EXAMPLES / "northshire.toml").read_text(encoding="utf-8").split("\n")

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def work_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def check_problem(problem: PackProblem, text_lines: int | None = None) -> None:
    shown = str(problem)
    assert shown.startswith(str(problem.path))
    assert not _UNSAFE.search(shown), shown
    if problem.line is not None:
        assert problem.line >= 1
        if text_lines is not None:
            assert problem.line <= text_lines + 1


def check_catalog(catalog: Catalog) -> None:
    for problem in catalog.problems:
        check_problem(problem)
    for pack_id in catalog.pack_ids():
        pack = catalog.resolve(pack_id)
        ids = pack.prompt_ids()
        assert len(ids) == len(set(ids))
        assert len({t.id for t in pack.tools}) == len(pack.tools)


def load_text(folder: Path, data: bytes) -> Catalog:
    path = folder / "fuzz.toml"
    path.write_bytes(data)
    result = read_pack_file(path)
    assert (result.source is None) == bool(result.problems)
    lines = data.count(b"\n") + 1
    for problem in result.problems:
        check_problem(problem, lines)
    catalog = load_catalog([BUNDLED, folder])
    check_catalog(catalog)
    return catalog


# --- random bytes -----------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(work_dir: Path, data: bytes) -> None:
    load_text(work_dir, data)


# --- TOML-ish text built from the format's keys ------------------------------------

KEYS = [
    "id",
    "name",
    "version",
    "publisher",
    "description",
    "extends",
    "group",
    "purpose",
    "works_well_when",
    "avoid_when",
    "age_min",
    "age_max",
    "areas",
    "kind",
    "wording",
    "child_wording",
    "help",
    "change_talk",
    "min",
    "max",
    "min_label",
    "max_label",
    "label",
    "prompt",
    "tool",
    "order",
    "hide_tools",
    "hide_prompts",
    "option_labels",
    "age",
    "send",
    "non_verbal",
    "threshold",
    "source",
    "purpse",
    '"quoted key"',
    "a.b",
]
HEADERS = [
    "[pack]",
    "[[tools]]",
    "[[tools.prompts]]",
    "[tools.prompts.scale]",
    "[tools.adaptations]",
    "[[tools.prompts.options]]",
    "[layout]",
    "[[reword]]",
    "[[add_prompts]]",
    "[add_prompts.scale]",
    "[[reword_tool]]",
    "[reword_tool.adaptations]",
    "[tools.prompts.scale.reliable_change]",
    "[[pack]]",
    "[tools]",
    "[",
]
scalars = st.one_of(
    st.sampled_from(
        [
            '"core"',
            '"scale"',
            '"text"',
            '"choice"',
            '"list"',
            '"checklist"',
            '"scaling"',
            '"scaling.safety"',
            '"desire"',
            '""',
            '"x"',
        ]
    ),
    st.integers(-5, 200).map(str),
    st.floats(allow_nan=True).map(repr),
    st.sampled_from(["true", "false", "1979-05-27", "07:32:00", "nan", "-inf"]),
    st.text(max_size=30).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=3).map(
            lambda kv: "{ " + ", ".join(f"{k} = {v}" for k, v in kv) + " }"
        ),
    ),
    max_leaves=8,
)
lines = st.one_of(
    st.sampled_from(HEADERS),
    st.tuples(st.sampled_from(KEYS), values).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.text(max_size=20),
)


@SETTINGS
@given(st.lists(lines, max_size=40))
def test_random_toml_ish_text(work_dir: Path, text_lines: list[str]) -> None:
    text = "\n".join(["[pack]", 'id = "fuzz"', 'name = "Fuzz"', 'version = "1"', *text_lines])
    load_text(work_dir, text.encode("utf-8", "surrogatepass"))


# --- mutations of the real packs ----------------------------------------------------

_VALUE = re.compile(r"^(\s*[A-Za-z0-9_.\"-]+\s*=\s*)(.+)$")
REPLACEMENTS = [
    '"text"',
    "5",
    "-1",
    "3.5",
    "true",
    "[]",
    '["a", "b"]',
    "{ a = 1 }",
    '""',
    "1979-05-27",
    '"scaling.safety"',
    '"core"',
    '"northshire"',
    '"Not An Id"',
    '"\\u001b[31mred"',
]


@st.composite
def mutated(draw: st.DrawFn, source: list[str]) -> str:
    text = list(source)
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "retype", "truncate"]))
        if action == "delete":
            del text[i]
        elif action == "duplicate":
            text.insert(i, text[i])
        elif action == "swap":
            j = draw(st.integers(0, len(text) - 1))
            a, b = _VALUE.match(text[i]), _VALUE.match(text[j])
            if a and b:
                text[i], text[j] = a.group(1) + b.group(2), b.group(1) + a.group(2)
            else:
                text[i], text[j] = text[j], text[i]
        elif action == "retype":
            match = _VALUE.match(text[i])
            if match:
                text[i] = match.group(1) + draw(st.sampled_from(REPLACEMENTS))
        else:
            text = text[:i]
    return "\n".join(text)


@SETTINGS
@given(mutated(CORE_LINES))
def test_mutations_of_core(work_dir: Path, text: str) -> None:
    # As its own folder, so the mutated core is the only core.
    path = work_dir / "core-mutant" / "core.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    check_catalog(load_catalog([path.parent, EXAMPLES]))


@SETTINGS
@given(mutated(NORTHSHIRE_LINES))
def test_mutations_of_an_overlay(work_dir: Path, text: str) -> None:
    catalog = load_text(work_dir, text.encode("utf-8"))
    if "northshire" in catalog.pack_ids():
        assert catalog.resolve("northshire").chain[-1] == "northshire"
