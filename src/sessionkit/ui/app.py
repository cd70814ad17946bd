"""The sessionkit Textual application: owns the store and the active toolpack."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.theme import Theme

from sessionkit.domain.text import clean_text
from sessionkit.locations import Locations
from sessionkit.theming import DEFAULT_THEME
from sessionkit.ui.app_bindings import APP_BINDINGS
from sessionkit.ui.exception_hooks import CrashSafeApp
from sessionkit.ui.movement_ready import ReadyReports
from sessionkit.ui.screens.base import OffersCommands
from sessionkit.ui.screens.home import HomeScreen
from sessionkit.ui.startup import startup_config

if TYPE_CHECKING:
    from pathlib import Path

    from sessionkit.settings import Settings
    from sessionkit.storage import Store
    from sessionkit.toolpacks import Catalog, ResolvedPack

UNREADABLE_CHECK_S = 1.0  # how soon rows a read left out are reported


class SessionkitApp(CrashSafeApp):
    """Cases, visits and what families said, on the practitioner's own laptop.

    A store error that escapes a screen is said in one line and the app carries on; any
    other error ends it with one line on the terminal and a report without data in the
    data folder (see `ui/exception_hooks.py`).
    """

    # Every screen gets '-narrow' below 100 columns (80x24 laptops), so its .tcss can give
    # the room to what matters there.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    TITLE = "sessionkit"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self,
        *,
        store: Store,
        locations: Locations,
        catalog: Catalog | None = None,
        check_unfinished: bool = True,
    ) -> None:
        # Read before Textual's own set-up, which asks for the CSS variable defaults.
        config = startup_config(locations)
        self._variable_defaults = config.variable_defaults
        super().__init__()
        self.store = store
        self.locations = locations
        self._catalog = catalog
        self._pack: ResolvedPack | None = None
        # Movement worked out ahead by the case screen, used while still current.
        self.ready_movement = ReadyReports()
        self._check_unfinished = check_unfinished
        self._settings: Settings | None = None
        # Themes and keys before the first frame: CSS is parsed before mount, and a
        # remembered theme should be the first thing drawn, not a flash of another one.
        self._startup_problems = list(config.problems)
        for theme in config.themes:
            self.register_theme(Theme(**theme))
        self._toolpack_choice = config.toolpack
        wanted = config.theme
        self.theme = next(
            n for n in (wanted, DEFAULT_THEME, "textual-dark") if n in self.available_themes
        )
        if self.theme != wanted:
            self._startup_problems.append(f"Theme '{wanted}' is not available; using {self.theme}.")
        self.set_keymap(config.keymap)

    def crash_data_dir(self) -> Path | None:
        locations: Locations | None = getattr(self, "locations", None)
        return locations.data_dir if locations is not None else None

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **self._variable_defaults}

    @property
    def settings(self) -> Settings:
        """The settings file, validated; read when first needed, after the first frame."""
        if self._settings is None:
            from sessionkit.settings import load_settings

            self._settings = load_settings(self.locations.settings_file)[0]
        return self._settings

    def get_default_screen(self) -> HomeScreen:
        # The home screen is the app's base screen: no blank screen is drawn before it.
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # Toolpacks and the resume check wait until the home screen has painted:
        # neither is needed to see the list of cases.
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        for problem in self._startup_problems:
            self.notify_literal(problem, title="Settings or theme problem", severity="warning")
        for pack_problem in self.catalog.problems:
            self.notify_literal(
                f"Toolpack skipped: {pack_problem}", title="Toolpack problem", severity="warning"
            )
        if self._check_unfinished:
            self.offer_resume()
            self.offer_erasure()
        self.report_unreadable()
        # Reads skip rows they cannot decode so the rest still shows; say so soon after.
        self.set_interval(UNREADABLE_CHECK_S, self.report_unreadable)

    def report_unreadable(self) -> None:
        """Say which rows the store's reads have left out since the last time, if any."""
        rows = self.store.take_unreadable()
        if rows:
            from sessionkit.present.unreadable import unreadable_line

            self.notify_literal(
                unreadable_line(self.store.path, rows),
                title="Some records could not be read",
                severity="error",
                timeout=30,
            )

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from sessionkit.toolpacks import catalog_for

            # catalog_for also reports a --toolpacks folder that does not exist.
            self._catalog = catalog_for(self.locations)
        return self._catalog

    @property
    def pack(self) -> ResolvedPack:
        """The active toolpack, resolved once and kept."""
        if self._pack is None:
            from sessionkit.toolpacks import DEFAULT_PACK_ID

            wanted = self._toolpack_choice
            if wanted not in self.catalog.pack_ids():
                if wanted != DEFAULT_PACK_ID:
                    self.notify_literal(
                        f"Toolpack '{wanted}' is not available; using '{DEFAULT_PACK_ID}'.",
                        severity="warning",
                    )
                wanted = DEFAULT_PACK_ID
            self._pack = self.catalog.resolve(wanted)
        return self._pack

    def use_pack(self, pack_id: str) -> None:
        """Make `pack_id` the active toolpack and remember the choice."""
        from sessionkit.settings import remember

        self._pack = self.catalog.resolve(pack_id)
        self._toolpack_choice = pack_id
        self._settings = self.settings.model_copy(update={"toolpack": pack_id})
        for problem in remember(self.locations.settings_file, toolpack=pack_id):
            self.notify_literal(problem, title="Toolpack choice not saved", severity="warning")

    def _remember_theme(self, theme: Theme) -> None:
        from sessionkit.settings import remember

        if theme.name == self.settings.theme:
            return
        self._settings = self.settings.model_copy(update={"theme": theme.name})
        for problem in remember(self.locations.settings_file, theme=theme.name):
            self.notify_literal(problem, title="Theme not saved", severity="warning")

    def offer_resume(self) -> None:
        from sessionkit.ui.screens.resume import ResumeScreen

        unfinished = self.store.unfinished_visits()
        if unfinished:
            self.push_screen(ResumeScreen(unfinished[0]))

    def offer_erasure(self) -> None:
        from sessionkit.services.erasure import erasure_pending
        from sessionkit.ui.screens.erasure import ErasurePendingScreen

        # Pushed last so it is the one on top: it is about what must not be kept.
        if erasure_pending(self.locations):
            self.push_screen(ErasurePendingScreen())

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save the screen as an SVG in the private screenshots folder and say where."""

        from sessionkit.ui.screenshot import save_screenshot

        saved, said = save_screenshot(
            self.export_screenshot(), self.locations.screenshots_dir, datetime.now()
        )
        self.notify_literal(said, title="Screenshot", severity="information" if saved else "error")

    def notify_literal(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
    ) -> None:
        """A notification whose text is shown as typed, never parsed as markup."""
        self.notify(
            clean_text(message),
            title=clean_text(title),
            severity=severity,  # type: ignore[arg-type]
            timeout=timeout,
            markup=False,
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                # Textual's own says only "Failed to save screenshot": ours says where.
                command = SystemCommand(
                    command.title,
                    "Save the screen as an SVG in sessionkit's private screenshots folder",
                    # After the palette has closed, so the picture is of the screen.
                    lambda: self.set_timer(0.1, self.action_screenshot),
                )
            yield command
        # A screen's own actions first: the palette offers what can be done from here.
        if isinstance(screen, OffersCommands):
            yield from screen.palette_commands()
        yield SystemCommand(
            "Tools",
            "Browse the tools of the active toolpack: purpose, when, cautions",
            self.action_tools,
        )
        yield SystemCommand(
            "Toolpack", "Choose which toolpack to use (remembered)", self.action_choose_pack
        )

    def action_tools(self) -> None:
        from sessionkit.ui.screens.tools import ToolBrowserScreen

        if not isinstance(self.screen, ToolBrowserScreen):
            self.push_screen(ToolBrowserScreen())

    def action_choose_pack(self) -> None:
        from sessionkit.ui.screens.packs import PackChooserScreen

        self.push_screen(PackChooserScreen())

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
