"""What can go wrong moving a case in or out, each said in one line.

Messages name the file, the place in it and what is wrong; they carry no case text
(a name or an answer) beyond the case reference, which the person typed themselves.
"""

from __future__ import annotations

from pathlib import Path

from sessionkit.domain.text import clean_line


class ArchiveError(Exception):
    """Base of the errors below; `str()` is the whole line to show."""


class BadArchive(ArchiveError):
    """The file cannot be imported: `FILE: where: what`."""

    def __init__(self, path: Path | str, where: str, what: str) -> None:
        self.path = str(path)
        # Both can quote the file (a key, a path into it): never let it reach the terminal
        # as an escape sequence or a second line.
        self.where = clean_line(where)
        self.what = clean_line(what)
        super().__init__(f"{self.path}: {self.where}: {self.what}")


class ReferenceTaken(ArchiveError):
    """The store already has a case with the reference being imported."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(
            f"A case {reference} is already here; nothing was imported. Use --as NEW_REF "
            "to import it under a new reference, or --replace to delete the case here "
            "and import this one in its place."
        )


class CaseNotExportable(ArchiveError):
    """The stored case holds something a document cannot carry (a damaged database)."""

    def __init__(self, reference: str, what: str) -> None:
        self.reference = reference
        super().__init__(f"Cannot export {reference}: {what}.")
