"""What the app and the commands say when reads had to leave rows out.

A row no valid record could have written (edited by hand, damaged on disk) is skipped by
the store so the rest of a case still shows; this is the one sentence that says so, the
same on screen and on the command line. Rows are named by table and id only: nothing a
family said is in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

SHOWN = 3  # rows named in the line; `sessionkit check` lists them all


def unreadable_line(path: Path, rows: Sequence[tuple[str, int | None]]) -> str:
    """One line naming the rows left out of what is shown, and what to run next."""
    count = len(rows)
    named = ", ".join(
        f"{table} row {row_id}" if row_id is not None else f"a {table} row"
        for table, row_id in rows[:SHOWN]
    )
    more = f" and {count - SHOWN} more" if count > SHOWN else ""
    what = "1 record" if count == 1 else f"{count} records"
    return (
        f"{path} is damaged: {what} could not be read and "
        f"{'was' if count == 1 else 'were'} left out ({named}{more}); "
        "run `sessionkit check`."
    )
