"""Team outcomes never carry a family's words: checked from a real store to the output."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.domain import CareStatus, Case, Goal, Member, Response, Role, Visit
from sessionkit.export.outcomes import to_csv, to_json
from sessionkit.insight.outcomes import Answer, compute_outcomes
from sessionkit.storage import Store
from sessionkit.storage.outcomes_read import read_outcome_data

CARE = [
    frozenset({CareStatus.CHILD_PROTECTION_PLAN, CareStatus.IN_CARE}),
    frozenset({CareStatus.CHILD_PROTECTION_PLAN}),
    frozenset({CareStatus.IN_CARE}),
    frozenset({CareStatus.CHILD_IN_NEED}),
    frozenset(),
]

# Words a person might type, each holding a capital or a non-ASCII letter: the output
# has neither (lower-case ids, group names and numbers), so finding one in it could
# only mean a family's words got through.
WORD = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Lo", "Nd")), min_size=3, max_size=16
).filter(lambda s: any(c.isupper() or not c.isascii() for c in s))


@st.composite
def a_case(draw: st.DrawFn, main: frozenset[CareStatus]) -> dict[str, Any]:
    return {
        "reference": draw(WORD),
        "names": draw(st.lists(WORD, min_size=1, max_size=3)),
        "goal": draw(WORD),
        "said": draw(WORD),
        "care": draw(st.one_of(st.just(main), st.sampled_from(CARE))),
        "values": draw(st.lists(st.integers(0, 10), min_size=1, max_size=3)),
    }


@st.composite
def some_cases(draw: st.DrawFn) -> list[dict[str, Any]]:
    # Most cases share a group, so rows are shown as well as suppressed.
    main = draw(st.sampled_from(CARE))
    return draw(
        st.lists(
            a_case(main),
            min_size=5,
            max_size=9,
            unique_by=lambda c: unicodedata.normalize("NFKC", c["reference"]).casefold(),
        )
    )


def store_case(store: Store, data: dict[str, Any]) -> None:
    case = store.add_case(Case(reference=data["reference"], care_status=data["care"]))
    members = [
        store.add_member(Member(case_id=case.id, name=name, role=Role.CHILD))
        for name in data["names"]
    ]
    goal = store.add_goal(Goal(case_id=case.id, text=data["goal"]))
    start = datetime(2025, 5, 1, 9, tzinfo=UTC)
    for number, value in enumerate(data["values"]):
        visit = store.start_visit(
            Visit(case_id=case.id, started_at=start + timedelta(days=7 * number))
        )
        assert visit.id is not None
        for member in members:
            assert member.id is not None
            for prompt_id in ("scaling.safety", goal.rating_prompt_id):
                store.record_response(
                    Response(
                        visit_id=visit.id,
                        prompt_id=prompt_id,
                        wording=data["said"],
                        answered_by=member.id,
                        value=value,
                        scale_min=0,
                        scale_max=10,
                        text=data["said"],
                        tags=[data["said"]],
                    )
                )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(some_cases())
def test_no_reference_name_or_free_text_reaches_the_output(cases: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.db") as store:
        # A throwaway file: no need to wait for the disk on each of the many writes.
        store._connection().execute("PRAGMA synchronous = OFF")
        for data in cases:
            store_case(store, data)
        case_rows, answer_rows = read_outcome_data(store)
    rows = compute_outcomes(case_rows, [Answer._make(r) for r in answer_rows])
    outputs = (to_csv(rows), to_json(rows, 5))
    secrets = [s for c in cases for s in (c["reference"], *c["names"], c["goal"], c["said"])]
    for text in outputs:
        for secret in secrets:
            assert secret not in text
        # No goal id, and no date of any kind.
        assert re.search(r"goal\.\d", text) is None
        assert re.search(r"\d{4}-\d{2}-\d{2}", text) is None
