"""The `sessionkit` sub-commands, one module each, and what they share (`common`).

Each command module offers `add_parser(subparsers, parents)` and its `run_*` functions;
`sessionkit.cli` builds the parser from them. Nothing here imports the entry point, and
nothing is imported with the package: the plain `sessionkit` start pays for none of it.
"""
