"""Anything the store accepts, it reads back equal: nothing committed can lock a case.

Records are built with `model_copy(update=...)`, which skips validation (as the capture
service once did with a 61-letter theme), so every kind of value reaches the store. Each
write either is refused before anything is stored or reads back equal, through both the
model read and the light answer read movement uses.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.domain import Case, Member, Role
from sessionkit.storage import Store
from sessionkit.storage.errors import RecordRefused

from .conftest import add_family, answer

TEXT = st.text(max_size=90)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(
    text=TEXT,
    tags=st.lists(TEXT, max_size=4),
    value=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    prompt_id=TEXT,
    worry=st.booleans(),
)
def test_an_answer_the_store_accepts_reads_back_equal(
    text: str, tags: list[str], value: float | None, prompt_id: str, worry: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.db") as store:
        family = add_family(store)
        case_id, child, _, _, visit_id = family.ids
        unchecked = answer(visit_id, child, 5).model_copy(
            update={
                "text": text,
                "tags": tags,
                "value": value,
                "prompt_id": prompt_id,
                "worry": worry,
            }
        )
        try:
            stored = store.record_response(unchecked)
        except RecordRefused as refused:
            # The reason names the rule, never the words (short strings may match by chance).
            assert len(text.strip()) < 12 or text not in str(refused)
            assert store.responses_for_case(case_id) == []
            return
        read = store.responses_for_case(case_id)
        assert read == [stored]
        light = store.answers_for_case(case_id)
        assert [(a.id, a.text, tuple(a.tags), a.value, a.worry) for a in light] == [
            (stored.id, stored.text, tuple(stored.tags), stored.value, stored.worry)
        ]
        assert store.take_unreadable() == []
        # and a later edit of it is held to the same rule
        try:
            edited = store.update_response(stored.model_copy(update={"tags": [*tags, text]}))
        except RecordRefused:
            assert store.responses_for_case(case_id) == [stored]
        else:
            assert store.responses_for_case(case_id) == [edited]


@SETTINGS
@given(reference=TEXT, name=TEXT, age=st.one_of(st.none(), st.integers(-5, 300)))
def test_a_case_and_person_the_store_accepts_read_back_equal(
    reference: str, name: str, age: int | None
) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.db") as store:
        try:
            case = store.add_case(Case(reference="X").model_copy(update={"reference": reference}))
        except RecordRefused:
            assert store.list_cases() == []
            return
        assert case.id is not None
        assert store.get_case(case.id) == case
        person = Member(case_id=case.id, name="A", role=Role.CHILD).model_copy(
            update={"name": name, "age": age}
        )
        try:
            member = store.add_member(person)
        except RecordRefused:
            assert store.list_members(case.id) == []
            return
        assert store.list_members(case.id) == [member]
        assert store.take_unreadable() == []
