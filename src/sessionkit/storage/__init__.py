"""SQLite storage: open, migrate and read/write domain models. Never imports Textual."""

from sessionkit.storage.errors import (
    DuplicateReference,
    RecordNotFound,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreMigrationFailed,
    StoreNotWritable,
    StoreTooNew,
)
from sessionkit.storage.migrations import MIGRATIONS, Migration, latest_version
from sessionkit.storage.repository import Store

LATEST_VERSION = latest_version(MIGRATIONS)

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "DuplicateReference",
    "Migration",
    "RecordNotFound",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreMigrationFailed",
    "StoreNotWritable",
    "StoreTooNew",
]
