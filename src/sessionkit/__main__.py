"""`python -m sessionkit` runs the same entry point as the `sessionkit` command."""

from sessionkit.cli import main

raise SystemExit(main())
