"""Names that callers need without loading the pack machinery (and pydantic) behind them."""

DEFAULT_PACK_ID = "core"
"""The bundled pack every other pack builds on, and the one used when none is chosen."""

PACK_SUFFIX = ".toml"
