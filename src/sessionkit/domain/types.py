"""Field types that clean text as a model is validated: nothing typed becomes an escape code."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from sessionkit.domain.text import clean_line, clean_text

CleanText = Annotated[str, AfterValidator(clean_text)]
"""Free text (verbatim answers, notes): multi-line, control characters removed."""

CleanLine = Annotated[str, AfterValidator(clean_line)]
"""A one-line field (references, names, labels, tags)."""
