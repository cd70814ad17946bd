"""Reusable widgets, each self-contained: its own DEFAULT_CSS, theme variables only."""
