"""Writing exports to disk: private (0600) and all-or-nothing.

An export holds case data, so it is readable by its owner only, whatever the umask, and
a crash or a full disk never leaves half of one. The writer is sessionkit's one private
file writer (`sessionkit.private_files`), named here where exports look for it.
"""

from __future__ import annotations

from sessionkit.private_files import write_private

__all__ = ["write_private"]
