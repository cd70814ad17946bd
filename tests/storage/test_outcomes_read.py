"""The read behind team outcomes: plain tuples, visits ranked by when they started."""

from __future__ import annotations

from sessionkit.domain import CareStatus, Case, Response, Visit
from sessionkit.storage import Store
from sessionkit.storage.outcomes_read import read_outcome_data

from .conftest import add_family, answer, at


def test_cases_and_numeric_answers_in_visit_order(store: Store) -> None:
    family = add_family(store)
    case_id, child_id, parent_id, goal_id, later_visit = family.ids  # started on day 2
    store.update_case(
        family.case.model_copy(
            update={"care_status": frozenset({CareStatus.IN_CARE, CareStatus.CHILD_IN_NEED})}
        )
    )
    # Entered afterwards: recorded second, but it happened first.
    earlier = store.start_visit(Visit(case_id=case_id, started_at=at(1, 9)))
    assert earlier.id is not None
    store.record_response(answer(later_visit, child_id, 7, on_behalf_of=parent_id))
    store.record_response(answer(earlier.id, child_id, 3, scale_min=None, scale_max=None))
    store.record_response(
        Response(visit_id=later_visit, prompt_id="warming.before", answered_by=child_id, text="x")
    )
    store.record_response(
        answer(later_visit, parent_id, 12, prompt_id=f"goal.{goal_id}.rating", goal_id=goal_id)
    )
    other = store.add_case(Case(reference="no answers"))
    assert other.id is not None

    cases, answers = read_outcome_data(store)

    assert cases == [(case_id, ("child_in_need", "in_care")), (other.id, ())]
    assert answers == [
        (case_id, 1, "scaling.safety", child_id, None, 3.0, None, None),
        (case_id, 2, "scaling.safety", child_id, parent_id, 7.0, 0.0, 10.0),
        (case_id, 2, f"goal.{goal_id}.rating", parent_id, None, 12.0, 0.0, 10.0),
    ]
