"""Kept only until the capture screen imports `sessionkit.ui.widgets.agenda.agenda_content`.

The rule is `present.agenda.agenda_sections`; its styling is `ui.widgets.agenda`.
"""

from __future__ import annotations

from sessionkit.ui.widgets.agenda import agenda_content as agenda_text

__all__ = ["agenda_text"]
