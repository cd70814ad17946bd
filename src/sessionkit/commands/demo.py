"""`sessionkit demo`: add the fictional demo family, once; running it again adds nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sessionkit.commands.common import DONE, locations_of, open_store, say

if TYPE_CHECKING:
    import argparse


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `demo` on the main parser's sub-parsers."""
    parser = subparsers.add_parser(
        "demo", parents=list(parents), help="add the fictional demo family (once; safe to repeat)"
    )
    parser.set_defaults(func=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from sessionkit.demo import add_demo

    with open_store(locations_of(args)) as store:
        case = add_demo(store)
    if case is None:
        say("The demo family is already there; nothing added.")
    else:
        say(f"Added the fictional demo family {case.reference}.")
    return DONE
