"""Every path sessionkit reads or writes, resolved in one place.

Nothing here touches the disk at import time: functions compute paths, and only
`ensure_private_dir` creates anything, when a caller is about to write.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path, user_data_path

# Files' mode lives with the one private-file writer; named here too for the rest.
from sessionkit.private_files import PRIVATE_FILE_MODE as PRIVATE_FILE_MODE

APP_NAME = "sessionkit"
DATA_DIR_ENV = "SESSIONKIT_DATA_DIR"
CONFIG_DIR_ENV = "SESSIONKIT_CONFIG_DIR"
TOOLPACK_PATH_ENV = "SESSIONKIT_TOOLPACK_PATH"
DATABASE_NAME = "sessionkit.db"

PRIVATE_DIR_MODE = 0o700

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Locations:
    """The resolved set of paths for one run of the app."""

    data_dir: Path
    config_dir: Path
    extra_toolpack_dirs: tuple[Path, ...] = ()

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports_dir(self) -> Path:
        """Where saved case notes are suggested to go: private, like the data itself.

        Created (0700) by whatever first writes an export into it, not before.
        """
        return self.data_dir / "exports"

    @property
    def screenshots_dir(self) -> Path:
        """Where a screenshot of the app is saved (Ctrl+P, Screenshot): private, since a
        picture of the screen holds what a family said; a Downloads folder is often synced.

        Created (0700) by the first screenshot, not before.
        """
        return self.data_dir / "screenshots"

    @property
    def cache_dir(self) -> Path:
        """Rebuildable files (the start-up cache), kept inside the private data folder."""
        return self.data_dir / "cache"

    @property
    def startup_cache(self) -> Path:
        return self.cache_dir / "startup.json"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def user_toolpacks_dir(self) -> Path:
        return self.config_dir / "toolpacks"

    @property
    def user_themes_dir(self) -> Path:
        return self.config_dir / "themes"

    @property
    def bundled_toolpacks_dir(self) -> Path:
        return bundled_dir("toolpacks")

    @property
    def bundled_themes_dir(self) -> Path:
        return bundled_dir("themes")

    def toolpack_dirs(self) -> list[Path]:
        """Where packs are looked for, bundled first so later folders can extend it."""
        return [self.bundled_toolpacks_dir, self.user_toolpacks_dir, *self.extra_toolpack_dirs]


def bundled_dir(name: str) -> Path:
    """A bundled data folder: inside the installed wheel, or at the source tree's root."""
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    # An editable install or a source checkout: src/sessionkit -> project root.
    return _PACKAGE_DIR.parent.parent / name


def _split_path_list(value: str) -> tuple[Path, ...]:
    return tuple(Path(part).expanduser() for part in value.split(os.pathsep) if part.strip())


def resolve(
    data_dir: str | os.PathLike[str] | None = None,
    config_dir: str | os.PathLike[str] | None = None,
    toolpack_dirs: list[str] | None = None,
    environ: dict[str, str] | None = None,
) -> Locations:
    """Resolve paths: explicit arguments, then environment variables, then platform defaults."""
    env = os.environ if environ is None else environ
    data = (
        Path(data_dir)
        if data_dir
        else Path(env[DATA_DIR_ENV])
        if env.get(DATA_DIR_ENV)
        else user_data_path(APP_NAME, appauthor=False)
    )
    config = (
        Path(config_dir)
        if config_dir
        else Path(env[CONFIG_DIR_ENV])
        if env.get(CONFIG_DIR_ENV)
        else user_config_path(APP_NAME, appauthor=False)
    )
    extras: tuple[Path, ...] = tuple(Path(p).expanduser() for p in toolpack_dirs or ())
    if env.get(TOOLPACK_PATH_ENV):
        extras += _split_path_list(env[TOOLPACK_PATH_ENV])
    return Locations(
        data_dir=data.expanduser().absolute(),
        config_dir=config.expanduser().absolute(),
        extra_toolpack_dirs=extras,
    )


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) if needed and make it readable by its owner only.

    Every folder created here is 0700 whatever the umask: `mkdir(parents=True)` would give
    the parents the umask's mode (0777 under umask 000), and a umask can also narrow the
    mode asked for, so each one is set again after it is made. An existing folder that is
    wider loses its group and other bits; one its owner made read-only is refused, not
    opened up: that choice is theirs, and nothing is changed.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if not missing:
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, f"{path} is not a folder")
        mode = stat.S_IMODE(path.stat().st_mode)
        # The owner's own bits, not only access(): an administrator can write anywhere.
        if not mode & stat.S_IWUSR or not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, f"{path} is not writable; nothing was changed")
        tighten_dir(path)
        return
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            # Made by another process meanwhile: still ours to make private.
            if not folder.is_dir():
                raise
        os.chmod(folder, PRIVATE_DIR_MODE)


def tighten_dir(path: Path) -> None:
    """Take group and other permissions off an existing folder; never add any."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & ~PRIVATE_DIR_MODE:
        os.chmod(path, mode & PRIVATE_DIR_MODE)


def tighten_owned_dirs(locations: Locations) -> None:
    """The folders sessionkit makes in the data folder hold copies of the data: an older
    build or a wide umask may have left them open to others; close them at each start."""
    for folder in (locations.backups_dir, locations.cache_dir, locations.exports_dir):
        try:
            if folder.is_dir() and not folder.is_symlink():
                tighten_dir(folder)
        except OSError:
            # Not ours to change (another owner): the data folder itself is still private.
            continue
