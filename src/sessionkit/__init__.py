"""sessionkit: a terminal companion for direct work with children and families."""

__version__ = "0.1.0"
