"""How a new answer is made: one rule for every screen that records one.

An answer typed live was said now. An answer entered afterwards (a visit written up
later, or the straight-after screen of such a visit) was said during the visit, at a
time nobody noted: it is dated at the visit's start, the one time the practitioner gave,
and marked as entered afterwards so nothing reads it as timed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sessionkit.domain import EntryMode, Response, Visit, now
from sessionkit.domain.enums import CommunicationNeed, HowGiven
from sessionkit.domain.perspective import Perspective
from sessionkit.services.questions import Question


def said_at(visit: Visit, *, at: datetime | None = None) -> datetime:
    """When an answer recorded at `at` (default: now) on `visit` was said."""
    if visit.entry is EntryMode.AFTERWARDS:
        return visit.started_at
    return at or now()


def how_given(needs: Collection[CommunicationNeed] = (), *, pointed: bool = False) -> HowGiven:
    """How an answer was most likely given: pointed to on the family view, else as the
    person communicates (shown by someone non-verbal, signed by a signer), else said.
    The practitioner can change it on the capture screen."""
    if pointed:
        return HowGiven.POINTED
    if CommunicationNeed.NON_VERBAL in needs:
        return HowGiven.SHOWED
    if CommunicationNeed.SIGN_LANGUAGE in needs:
        return HowGiven.SIGNED
    return HowGiven.SAID


def new_response(
    visit: Visit,
    question: Question,
    perspective: Perspective,
    *,
    child: bool,
    value: float | None = None,
    text: str = "",
    items: list[str] | None = None,
    selected: list[str] | None = None,
    at: datetime | None = None,
    given_as: HowGiven | None = None,
    needs: Collection[CommunicationNeed] = (),
) -> Response:
    """A response to `question` from `perspective` on `visit`, not yet stored.

    The wording kept is the one asked (the child's wording for a child); a goal's own
    questions belong to no pack, so they carry no pack id. Without `given_as`, how it
    was given comes from the person's communication `needs` (`how_given`).
    """
    assert visit.id is not None, "answers are recorded on a stored visit"
    from_pack = question.goal_id is None
    return Response(
        visit_id=visit.id,
        prompt_id=question.prompt_id,
        tool_id=question.tool_id,
        pack_id=visit.pack_id if from_pack else "",
        pack_version=visit.pack_version if from_pack else "",
        wording=question.wording_for(child=child),
        answered_by=perspective.answered_by,
        on_behalf_of=perspective.on_behalf_of,
        value=value,
        scale_min=question.scale_min,
        scale_max=question.scale_max,
        text=text,
        items=items or [],
        selected=selected or [],
        goal_id=question.goal_id,
        said_at=said_at(visit, at=at),
        entry=visit.entry,
        given_as=given_as or how_given(needs),
    )
