"""How long a visit has been going, in words a glance reads: '5 min in', '1 h 05 min in'.

'0:05' reads as five hours as easily as five minutes; the units are said instead.
"""

from __future__ import annotations


def elapsed_words(minutes: int) -> str:
    """'0 min in', '5 min in', '1 h in', '1 h 05 min in'."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest} min in"
    if not rest:
        return f"{hours} h in"
    return f"{hours} h {rest:02d} min in"
