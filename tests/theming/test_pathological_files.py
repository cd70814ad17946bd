"""Files that make the TOML parser itself fail are reported, never raised."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.settings import load_settings
from sessionkit.theming import load_themes

NASTY = {
    "deep": "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "digits": "a = " + "9" * 5000 + "\n",
}


@pytest.mark.parametrize("name", sorted(NASTY))
def test_themes_report_it(tmp_path: Path, name: str) -> None:
    (tmp_path / f"{name}.toml").write_text(NASTY[name])
    catalog = load_themes([tmp_path])
    assert not catalog.themes
    (problem,) = catalog.problems
    assert f"{name}.toml" in str(problem) and "not valid TOML" in str(problem)


@pytest.mark.parametrize("name", sorted(NASTY))
def test_settings_report_it_and_use_defaults(tmp_path: Path, name: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(NASTY[name])
    settings, problems = load_settings(path)
    assert settings.theme == "sessionkit-dark"
    assert len(problems) == 1 and "not valid TOML" in problems[0]
