"""Pure computations over domain models: movement, themes, change talk. No Textual, no SQL."""
