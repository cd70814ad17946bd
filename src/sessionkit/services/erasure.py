"""Finishing an erasure that was interrupted, for the app's start-up offer.

`sessionkit purge` finishes one too; this is the same work, said in one sentence for a
notification. Store failures pass through as `StoreError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessionkit.storage.erase import finish_pending
from sessionkit.storage.erase_journal import pending

if TYPE_CHECKING:
    from sessionkit.locations import Locations
    from sessionkit.storage import Store


def erasure_pending(locations: Locations) -> bool:
    return pending(locations.database)


def finish_erasure(store: Store, locations: Locations) -> str:
    """Finish the interrupted erasure; what was done, in one sentence."""
    report = finish_pending(store, locations.backups_dir)
    if report is None:
        return "No erasure was waiting to be finished."
    if report.complete:
        return (
            "The interrupted erasure is finished: nothing of it is left in the database "
            "or the backups."
        )
    places = [str(path) for path in report.backups_left]
    if not report.database_clean:
        places.insert(0, "the database, until every sessionkit is closed")
    return (
        "The interrupted erasure is not finished yet: a copy may remain in "
        + "; ".join(places)
        + ". It will be offered again."
    )
