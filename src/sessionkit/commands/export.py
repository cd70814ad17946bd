"""`sessionkit export` and `sessionkit import`: a case out as JSON, CSV or a case note,
and a JSON export back in.

    sessionkit export --case REF [--format json|csv|md] [--visit N|latest] [--regenerate]
                      [--output FILE]
    sessionkit export --schema
    sessionkit import FILE [--as NEW_REF | --replace]

Output goes to stdout unless `--output` names a file, written private (0600) and all at
once. A visit is named by its number for good (the one in its case note and file name).
The md case note is the one the practitioner saved for the visit, when there is one;
`--regenerate` drafts it afresh from the record instead. Which one it is goes to stderr
when there was a choice. An import checks the whole file before writing anything and
then writes the case in one transaction. Exit status 0 when done, 2 when the input, the
case or the output file cannot be used (one line on stderr says why).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.commands.common import (
    CommandError,
    locations_of,
    open_store,
    report_error,
    say,
    usable_pack,
    write_file,
    write_out,
)

if TYPE_CHECKING:
    from sessionkit.domain.models import Case, Visit
    from sessionkit.export.case_note import Author
    from sessionkit.locations import Locations
    from sessionkit.storage import Store

FORMATS = ("json", "csv", "md")
LATEST = "latest"


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Register `export` and `import` on the main parser's sub-parsers."""
    export = subparsers.add_parser(
        "export",
        parents=list(parents),
        help="write a case out: whole as JSON, its scale answers as CSV, a visit's case note",
        description="Write a case out. json: everything recorded, for `sessionkit import` "
        "(lossless); csv: one row per answer with a number; md: the case note of one "
        "visit (needs --visit): the one you saved, or with --regenerate a fresh draft.",
    )
    export.add_argument("--case", metavar="REF", help="the case reference")
    export.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    export.add_argument(
        "--visit",
        metavar="N",
        help="one visit: its number (as in its case note: 'visit 3') or 'latest' (csv and md)",
    )
    export.add_argument(
        "--regenerate",
        action="store_true",
        help="md: draft the case note afresh from the record instead of the note you saved",
    )
    export.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (readable by you only) instead of printing",
    )
    export.add_argument(
        "--schema",
        action="store_true",
        help="print the JSON Schema of the json format instead of a case",
    )
    export.set_defaults(func=run_export)

    imports = subparsers.add_parser(
        "import",
        parents=list(parents),
        help="bring in a case written by `sessionkit export`",
        description="Bring in a case from a JSON export. The whole file is checked first; "
        "then the case is written all at once, or not at all.",
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="a JSON export")
    how = imports.add_mutually_exclusive_group()
    how.add_argument(
        "--as",
        dest="as_reference",
        metavar="NEW_REF",
        help="import under this reference instead of the one in the file",
    )
    how.add_argument(
        "--replace",
        action="store_true",
        help="delete the case here with the same reference, and import this one instead",
    )
    imports.set_defaults(func=run_import)


# --- export ------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    if args.schema:
        from sessionkit.export.archive.document import document_schema_text

        _emit(document_schema_text(), args.output, "the JSON Schema")
        return 0
    if not args.case:
        raise CommandError("export needs --case REF (or --schema for the JSON Schema).")
    visit_wanted = _visit_option(args.visit)
    if args.format == "md" and visit_wanted is None:
        raise CommandError(
            "--format md writes one visit's case note: add --visit N (1 is the first visit) "
            "or --visit latest."
        )
    if args.format == "json" and visit_wanted is not None:
        raise CommandError("--visit is for csv and md; a json export always holds the whole case.")
    if args.regenerate and args.format != "md":
        raise CommandError("--regenerate is for --format md: it drafts a case note afresh.")
    reference, text, about = _export_text(
        locations_of(args), args.case, args.format, visit_wanted, regenerate=args.regenerate
    )
    if about:
        _tell(about)
    _emit(text, args.output, reference)
    return 0


def _tell(line: str) -> None:
    """Which note this is, on stderr (cleaned there, like every line a command says):
    stdout is the note itself, ready to redirect."""
    report_error(line)


def _visit_option(value: str | None) -> int | str | None:
    if value is None:
        return None
    if value.strip().lower() == LATEST:
        return LATEST
    if value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    raise CommandError(f"--visit takes a visit number (1 is the first) or '{LATEST}'.")


def _export_text(
    locations: Locations,
    reference: str,
    fmt: str,
    visit_wanted: int | str | None,
    *,
    regenerate: bool = False,
) -> tuple[str, str, str]:
    """The reference, the text, and (md) which note it is when there was a choice."""
    with open_store(locations) as store:
        case = store.find_case(reference)
        if case is None or case.id is None:
            raise CommandError(f"No case {reference}.")
        if fmt == "json":
            return case.reference, _json(store, case.id), ""
        visits = store.list_visits(case.id)
        visit = _visit_of(case, visits, visit_wanted)
        if fmt == "csv":
            from sessionkit.export.scale_csv import scale_csv, scale_rows

            members = store.list_members(case.id, include_inactive=True)
            responses = store.responses_for_case(case.id)
            # The CSV picks a visit by its place in date order.
            place = None if visit is None else visits.index(visit) + 1
            rows = scale_rows(case, visits, members, responses, visit_number=place)
            return case.reference, scale_csv(rows), ""
        assert visit is not None and visit.id is not None  # md without --visit was refused
        from sessionkit.services.after_visit import note_of_visit

        pack = usable_pack(locations, visit.pack_id)
        note = note_of_visit(
            store, pack, visit.id, author=_author(locations), regenerate=regenerate
        )
    # Say which note it is when there was one to choose from.
    chose = note.fresh is not None or (regenerate and bool(visit.case_note.strip()))
    return case.reference, note.text, note.about if chose else ""


def _author(locations: Locations) -> Author:
    from sessionkit.export.case_note import Author
    from sessionkit.settings import load_settings

    settings = load_settings(locations.settings_file)[0]
    return Author(settings.practitioner_name, settings.practitioner_role)


def _json(store: Store, case_id: int) -> str:
    from sessionkit.export.archive.document import document_text
    from sessionkit.export.archive.dump import export_case
    from sessionkit.export.archive.errors import CaseNotExportable

    try:
        return document_text(export_case(store, case_id))
    except CaseNotExportable as error:
        raise CommandError(str(error)) from None


def _visit_of(case: Case, visits: Sequence[Visit], wanted: int | str | None) -> Visit | None:
    """The visit numbered `wanted` (`Visit.number`, as its note names it), or the latest
    by date; None for all visits."""
    if wanted is None:
        return None
    if not visits:
        raise CommandError(f"{case.reference} has no visits yet.")
    if wanted == LATEST:
        return visits[-1]
    found = next((v for v in visits if v.number == wanted), None)
    if found is None:
        numbers = sorted(v.number for v in visits if v.number is not None)
        run = bool(numbers) and numbers == list(range(numbers[0], numbers[-1] + 1))
        known = f"{numbers[0]} to {numbers[-1]}" if run else ", ".join(map(str, numbers))
        raise CommandError(
            f"{case.reference} has no visit {wanted}; --visit takes {known} or '{LATEST}'."
        )
    return found


def _emit(text: str, output: Path | None, what: str) -> None:
    """Print `text` as UTF-8, or write it to `output` privately, all or nothing."""
    if output is None:
        write_out(text)
        return
    write_file(output, text, what)


# --- import ------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from sessionkit.export.archive.errors import ArchiveError
    from sessionkit.export.archive.load import problem_text, read_archive
    from sessionkit.export.archive.restore import import_record

    try:
        record = read_archive(args.file)
    except ArchiveError as error:
        raise CommandError(str(error)) from None
    if args.as_reference is not None:
        try:
            record = record.renamed(args.as_reference)
        except ValidationError as error:
            what = problem_text(error)
            raise CommandError(f"--as: the new reference {what}.") from None
    with open_store(locations_of(args)) as store:
        try:
            imported = import_record(store, record, replace=args.replace)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
    visits = len(record.visits)
    line = (
        f"Imported {imported.reference}: {len(record.members)} people, "
        f"{len(record.goals)} goals, {visits} visits, {record.response_count} answers."
    )
    if imported.replaced:
        line += " It replaced the case that was here under that reference."
    say(line)
    return 0
