"""Show user and toolpack text literally, everywhere.

Textual parses plain strings as markup in most widgets: `[@click=app.quit]` would be a
live action and `[/]` a crash. Every string that came from a person or a pack goes
through one of these helpers before it reaches a widget.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from sessionkit.domain.text import clean_text


def literal(value: str) -> Content:
    """Text for Static/Label/Button/notify: cleaned of control characters, never markup."""
    return Content(clean_text(value))


def cell(value: str, style: str = "") -> Text:
    """Text for DataTable cells and other Rich renderables, never markup."""
    return Text(clean_text(value), style=style)


def template(markup: str, **values: str) -> Content:
    """Our own markup with user text inserted as data: template('[b]$name[/b]', name=...)."""
    return Content.from_markup(markup, **{k: clean_text(v) for k, v in values.items()})
