"""SQLite storage: open, migrate and read/write domain models. Never imports Textual."""

from typing import TYPE_CHECKING

from sessionkit._lazy import lazy_exports

if TYPE_CHECKING:
    from sessionkit.storage.errors import (
        DuplicateReference as DuplicateReference,
        RecordNotFound as RecordNotFound,
        StoreCorrupt as StoreCorrupt,
        StoreError as StoreError,
        StoreLocked as StoreLocked,
        StoreMigrationFailed as StoreMigrationFailed,
        StoreNotWritable as StoreNotWritable,
        StoreTooNew as StoreTooNew,
    )
    from sessionkit.storage.migrations import (
        LATEST_VERSION as LATEST_VERSION,
        MIGRATIONS as MIGRATIONS,
        Migration as Migration,
        latest_version as latest_version,
    )
    from sessionkit.storage.repository import (
        Store as Store,
    )

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "errors": (
            "DuplicateReference",
            "RecordNotFound",
            "StoreCorrupt",
            "StoreError",
            "StoreLocked",
            "StoreMigrationFailed",
            "StoreNotWritable",
            "StoreTooNew",
        ),
        "migrations": (
            "LATEST_VERSION",
            "MIGRATIONS",
            "Migration",
            "latest_version",
        ),
        "repository": ("Store",),
    },
)
