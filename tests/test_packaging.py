"""The wheel carries the bundled toolpacks and themes, and the installed app finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_toolpacks_and_themes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = tmp_path.glob("sessionkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (ROOT / "toolpacks").glob("*.toml"):
        assert f"sessionkit/_bundled/toolpacks/{pack.name}" in names
    themes = list((ROOT / "themes").glob("*.toml"))
    assert themes, "the project has bundled themes"
    for theme in themes:
        assert f"sessionkit/_bundled/themes/{theme.name}" in names
    assert "sessionkit/ui/app.tcss" in names
    assert any(n.endswith("entry_points.txt") for n in names)

    # Installed from the wheel alone, the bundled pack is found inside the package.
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sessionkit.locations import bundled_dir; print(bundled_dir('toolpacks'))",
        ],
        env={"PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == str(target / "sessionkit" / "_bundled" / "toolpacks")
