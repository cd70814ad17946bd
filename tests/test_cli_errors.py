"""One way for every command to fail: one line `sessionkit: ...` on stderr, the README's
exit codes, never a traceback, and no family text in it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

import sessionkit
from faults import disk_full, locked
from sessionkit.cli import main
from sessionkit.commands.common import CommandError, run
from sessionkit.demo import add_demo
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.storage.errors import StoreNotWritable

COMMANDS = Path(sessionkit.__file__).parent / "commands"


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("sessionkit: "), err
    assert "Traceback" not in err
    return err


@pytest.fixture
def demo_store(data: Path) -> Iterator[Path]:
    with Store.open(data / "sessionkit.db") as store:
        add_demo(store)
    yield data / "sessionkit.db"


STORE_COMMANDS = [
    ("demo", ["demo"]),
    ("cases", ["cases"]),
    ("plan", ["plan", "--case", "DEMO-HARPER"]),
    ("movement", ["movement", "--case", "DEMO-HARPER"]),
    ("export", ["export", "--case", "DEMO-HARPER"]),
    ("outcomes", ["outcomes"]),
    ("purge", ["purge", "--case", "DEMO-HARPER", "--yes"]),
]


@pytest.mark.parametrize(("module", "argv"), STORE_COMMANDS)
def test_a_store_error_in_any_command_is_one_line_and_exit_2(
    demo_store: Path,
    module: str,
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def refuse(locations: Locations) -> Store:
        raise StoreNotWritable(locations.database)

    monkeypatch.setattr(f"sessionkit.commands.{module}.open_store", refuse)
    assert main(argv) == 2
    err = one_line(capsys)
    assert str(demo_store) in err


def test_a_full_disk_during_a_command_is_one_line_without_family_text(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data / "sessionkit.db"):
        pass
    with ExitStack() as stack:

        def full(locations: Locations) -> Store:
            store = stack.enter_context(Store.open(locations.database))
            stack.enter_context(disk_full(store))
            return store

        monkeypatch.setattr("sessionkit.commands.demo.open_store", full)
        assert main(["demo"]) == 2
    err = one_line(capsys)
    assert "Harper" not in err and "Maya" not in err
    with Store.open(data / "sessionkit.db") as store:
        assert store.list_cases() == []


def test_a_held_write_lock_during_an_import_is_one_line(
    demo_store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    exported = tmp_path / "case.json"
    assert main(["export", "--case", "DEMO-HARPER", "--output", str(exported)]) == 0
    capsys.readouterr()
    with ExitStack() as stack:

        def busy(locations: Locations) -> Store:
            store = stack.enter_context(Store.open(locations.database, busy_timeout_ms=50))
            stack.enter_context(locked(store))
            return store

        monkeypatch.setattr("sessionkit.commands.export.open_store", busy)
        assert main(["import", str(exported), "--as", "COPY-1"]) == 2
    err = one_line(capsys)
    assert "Harper" not in err and "Maya" not in err
    with Store.open(demo_store) as store:
        assert [c.reference for c in store.list_cases()] == ["DEMO-HARPER"]


def test_run_gives_the_error_its_own_exit_code_and_cleans_the_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fails(_: object) -> int:
        raise CommandError("No case AB\x1b[31m-1\nsecond line.", 1)

    assert run(fails, None) == 1
    assert capsys.readouterr().err == "sessionkit: No case AB-1 second line.\n"


def test_anything_else_is_a_bug_and_is_not_hidden() -> None:
    def broken(_: object) -> int:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        run(broken, None)


def test_no_command_imports_the_entry_point() -> None:
    for path in sorted(COMMANDS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not any(
                n == "sessionkit.cli" or n.startswith("sessionkit.cli.") for n in names
            ), f"{path.name} imports the entry point"


def test_the_plain_start_loads_no_parser() -> None:
    # What `sessionkit` alone runs before the app is imported: no argparse, no commands.
    code = (
        "import sys, sessionkit.cli, sessionkit.commands.common; "
        "print(sorted(m for m in sys.modules if m == 'argparse' "
        "or m.startswith('sessionkit.commands.') and m != 'sessionkit.commands.common'))"
    )
    src = str(Path(sessionkit.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "[]"
