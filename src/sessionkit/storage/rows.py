"""Writing one row inside an open transaction: what `Store` and `Batch` share.

Kept apart from both so neither needs the other: a `Batch` writes through the same
insert, with the same translation of a taken case reference, without reaching into
the store that opened it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sessionkit.storage.errors import DuplicateReference, RecordRefused
from sessionkit.storage.refusal import Unstorable

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sessionkit.storage.codec import Table

M = TypeVar("M", bound="BaseModel")


def checked(
    path: Path, table: Table[M], model: M, record_id: int | None = None
) -> tuple[M, dict[str, Any]]:
    """The model as it will read back and its row values, or `RecordRefused` before any write.

    Every write of a model goes through here, so nothing is committed that a later read
    would refuse (and lock the case it belongs to).
    """
    try:
        return table.checked(model, record_id)
    except Unstorable as error:
        raise RecordRefused(path, str(error)) from None
    except (ValueError, TypeError, OverflowError):
        raise RecordRefused(path, "the record is not valid") from None


def insert(
    conn: sqlite3.Connection,
    path: Path,
    table: Table[Any],
    params: dict[str, Any],
    reference: str | None = None,
) -> int:
    """Insert one row of `table`; its new id. A taken `reference` is `DuplicateReference`."""
    try:
        cursor = conn.execute(table.insert_sql, params)
    except sqlite3.IntegrityError as error:
        raise_if_duplicate(path, error, reference)
        raise
    new_id = cursor.lastrowid
    assert new_id is not None  # an INSERT into a rowid table always sets it
    return new_id


def raise_if_duplicate(path: Path, error: sqlite3.IntegrityError, reference: str | None) -> None:
    # Other integrity errors propagate: `translated` maps foreign keys, the rest are bugs.
    if reference is not None and "cases.reference_key" in str(error):
        raise DuplicateReference(path, reference) from error
