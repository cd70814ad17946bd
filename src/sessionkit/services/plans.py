"""Planning the next visit: the draft, what it still lacks, and starting the visit from it.

A plan is a draft until its visit starts; then it is that visit's agenda and is never
written over (`PlanIsAgenda`). A draft is saved as typed, and only when something a
practitioner changes differs from what was last saved. Nothing a plan lacks blocks
anything: `missing` says it in words, and the screen asks before starting anyway. One
visit at a time: while another visit of the family is open none is started
(`VisitStillOpen`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sessionkit.domain import (
    Case,
    Goal,
    GoalStatus,
    Member,
    PlanStatus,
    Response,
    Visit,
    VisitPlan,
    now,
)
from sessionkit.domain.corrections import standing
from sessionkit.domain.text import clean_line, clean_text
from sessionkit.insight.movement import format_value
from sessionkit.services.cases import open_visit
from sessionkit.services.casework_errors import PlanIsAgenda, VisitStillOpen

if TYPE_CHECKING:
    from sessionkit.insight.carry_forward import CarryItem
    from sessionkit.insight.suggestions import Suggestion
    from sessionkit.storage import Store
    from sessionkit.toolpacks import ResolvedPack

# What a practitioner changes in a plan: two plans alike in these need no save.
PLAN_FIELDS = (
    "goal_ids",
    "change_looks_like",
    "steps",
    "tools",
    "warming_questions",
    "social_graces",
    "expected_member_ids",
    "follow_ups",
)


# --- what planning reads -----------------------------------------------------------------


@dataclass(frozen=True)
class Planning:
    """A case as planning sees it, read once when the plan is opened."""

    case: Case
    members: list[Member]  # still involved
    goals: list[Goal]
    visits: list[Visit]  # oldest first
    responses: list[Response]
    plans: list[VisitPlan]
    draft: VisitPlan | None  # the draft being written, if one was saved


def read_planning(store: Store, case_id: int) -> Planning:
    return Planning(
        case=store.get_case(case_id),
        members=[m for m in store.list_members(case_id) if m.active],
        goals=store.list_goals(case_id),
        visits=store.list_visits(case_id),
        responses=store.responses_for_case(case_id),
        plans=store.list_plans(case_id),
        draft=store.get_draft_plan(case_id),
    )


def first_guess(case_id: int, members: Sequence[Member], visits: Sequence[Visit]) -> VisitPlan:
    """A new plan: who was there last time is the best guess at who will be there next."""
    active = [m.id for m in members if m.id is not None]
    last = visits[-1].present_member_ids if visits else []
    expected = [i for i in active if i in last] or active
    return VisitPlan(case_id=case_id, expected_member_ids=expected)


def goal_choices(goals: Sequence[Goal], chosen: Sequence[int]) -> list[Goal]:
    """The goals a plan can serve: the active ones, and any the plan already names."""
    return [
        g for g in goals if g.id is not None and (g.status is GoalStatus.ACTIVE or g.id in chosen)
    ]


def last_ratings(
    goal: Goal, responses: Sequence[Response], names: Mapping[int, str] | None = None
) -> str:
    """Each person's latest standing rating of `goal`, the goal's owner first:
    "Jo last rated 5 on 02 Mar · Nan 7". Whoever answered last never stands in for the
    owner. Without names, one person's rating reads "last rated 5 on 02 Mar"."""
    names = names or {}
    ratings = [
        r
        for r in standing(list(responses))
        if r.prompt_id == goal.rating_prompt_id and r.value is not None
    ]
    latest: dict[tuple[int, int | None], Response] = {}
    for rating in sorted(ratings, key=lambda r: r.said_at):
        latest[(rating.answered_by, rating.on_behalf_of)] = rating
    if not latest:
        return ""
    owner = goal.owner_member_id

    def order(r: Response) -> tuple[bool, float]:
        is_owner = r.on_behalf_of == owner if r.on_behalf_of is not None else r.answered_by == owner
        return (not is_owner, -r.said_at.timestamp())

    def label(r: Response) -> str:
        who = names.get(r.answered_by, "")
        if who and r.on_behalf_of is not None:
            who += f" for {names.get(r.on_behalf_of, 'someone')}"
        return who

    first, *others = sorted(latest.values(), key=order)
    assert first.value is not None
    said = f"last rated {format_value(first.value)} on {first.said_at:%d %b}"
    if label(first):
        said = f"{label(first)} {said}"
    return " · ".join(
        [said, *(f"{label(r) or 'someone'} {format_value(r.value or 0)}" for r in others)]
    )


def goal_summary(
    goal: Goal, responses: Sequence[Response], names: Mapping[int, str] | None = None
) -> str:
    """The goal in full, its 0 and 10 in the family's words, and its latest ratings."""
    lines = [goal.text, f"0 = {goal.low_label} · 10 = {goal.high_label}"]
    rated = last_ratings(goal, responses, names)
    if rated:
        lines[-1] += f" · {rated}"
    expected = next((lv for lv in goal.gas_levels if lv.level == 0), None)
    if expected is not None:
        lines.append(f"Expected level (GAS 0): {expected.description}")
    return "\n".join(lines)


def carried_forward(planning: Planning, pack: ResolvedPack, *, today: date) -> list[CarryItem]:
    """What is left over from earlier visits to follow up on the next one."""
    from sessionkit.insight.carry_forward import carry_forward

    return carry_forward(
        planning.visits,
        planning.responses,
        planning.goals,
        planning.plans,
        pack,
        today=today,
        members=planning.members,
    )


def suggestions(
    pack: ResolvedPack,
    goals: Sequence[Goal],
    members: Sequence[Member],
    *,
    goal_ids: Sequence[int],
    expected_ids: Sequence[int],
) -> list[Suggestion]:
    """Tools for the goals chosen (else every active goal) and the people expected (else
    everyone), best fit first."""
    from sessionkit.insight.suggestions import rank_tools

    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    focus = [g for g in goals if g.id in set(goal_ids)] or active
    people = [m for m in members if m.id in set(expected_ids)] or list(members)
    return rank_tools(pack, focus, people)


# --- the plan as typed -------------------------------------------------------------------


def suggested_reason(ranked: Sequence[Suggestion], tool_id: str) -> str:
    """The app's best reason for `tool_id` in `ranked`, or '' when it has none."""
    found = next((s for s in ranked if s.tool.id == tool_id), None)
    return found.reasons[0] if found is not None and found.reasons else ""


def followed_reason(typed: str, prefilled: str, fresh: str) -> str | None:
    """A tool's "why" after the people or goals changed: a reason the app filled in, and
    left as it was, follows the new suggestion (`fresh`); once the practitioner edits it,
    it is theirs and stays (None: leave it)."""
    if not prefilled or typed != prefilled or fresh == prefilled:
        return None
    return fresh


def lines(text: str) -> list[str]:
    """One item a line: cleaned, blank lines left out."""
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def plan_as_typed(
    base: VisitPlan,
    *,
    goal_ids: Sequence[int],
    change_looks_like: str,
    steps: str,
    tools: Sequence[tuple[str, str]],
    warming_questions: str,
    social_graces: str,
    expected_member_ids: Sequence[int],
    follow_ups: str,
) -> VisitPlan:
    """`base` with what the form holds: list fields as typed one item a line, each tool
    as (tool id, why), everything cleaned as the model cleans it."""
    return VisitPlan.model_validate(
        {
            **base.model_dump(),
            "goal_ids": list(goal_ids),
            "change_looks_like": change_looks_like.strip(),
            "steps": lines(steps),
            "tools": [
                {"tool_id": tool_id, "reason": clean_text(reason).strip()}
                for tool_id, reason in tools
            ],
            "warming_questions": lines(warming_questions),
            "social_graces": social_graces.strip(),
            "expected_member_ids": list(expected_member_ids),
            "follow_ups": lines(follow_ups),
        }
    )


def comparable(plan: VisitPlan) -> dict[str, Any]:
    """What a practitioner changes in `plan`; equal for two plans that need no save."""
    return plan.model_dump(include=set(PLAN_FIELDS))


def missing(plan: VisitPlan, pack: ResolvedPack) -> list[str]:
    """What a practitioner would still want to write, in words; never required."""
    found = []
    if not plan.goal_ids:
        found.append("which goal this visit serves")
    if not plan.change_looks_like:
        found.append("what change will look like")
    for planned in plan.tools:
        if not planned.reason:
            found.append(f"why {tool_name(pack, planned.tool_id)}")
    if not plan.expected_member_ids:
        found.append("who is expected")
    return found


def tool_name(pack: ResolvedPack, tool_id: str) -> str:
    """The tool's name in the active pack, else its id (a tool the pack no longer has)."""
    tool = pack.tool(tool_id)
    return tool.name if tool else tool_id


# --- saving the draft --------------------------------------------------------------------


class PlanDraft:
    """The draft plan of one case, saved as typed.

    `plan` is the plan as last saved (None before the first save); `shown` is what the
    form starts from: the saved draft, else a first guess at who is expected. A plan as
    typed that is still the first guess is not worth a save.
    """

    def __init__(self, store: Store, case_id: int, saved: VisitPlan | None, shown: VisitPlan):
        self._store = store
        self.case_id = case_id
        self.plan = saved
        self.shown = shown
        self._saved = comparable(shown)

    @classmethod
    def open(cls, store: Store, planning: Planning) -> PlanDraft:
        assert planning.case.id is not None
        case_id = planning.case.id
        shown = planning.draft or first_guess(case_id, planning.members, planning.visits)
        return cls(store, case_id, planning.draft, shown)

    def base(self) -> VisitPlan:
        """What a plan as typed is built on: the saved draft, else an empty plan."""
        return self.plan or VisitPlan(case_id=self.case_id)

    def is_changed(self, typed: VisitPlan) -> bool:
        return comparable(typed) != self._saved

    def save(self, typed: VisitPlan) -> bool:
        """Store `typed` as the draft if it changed since the last save; True when written.

        Refused with `PlanIsAgenda` when the plan was started as a visit meanwhile (from
        another window); a store failure raises `StoreError` and nothing changes here.
        """
        if not self.is_changed(typed):
            return False
        self._write(typed)
        return True

    def for_visit(self, typed: VisitPlan) -> VisitPlan:
        """The plan saved as it stands, to become a visit's agenda: an empty plan too."""
        if self.plan is None or self.is_changed(typed):
            self._write(typed)
        assert self.plan is not None
        return self.plan

    def _write(self, typed: VisitPlan) -> None:
        saved_id = self.plan.id if self.plan is not None else None
        if saved_id is not None and self._store.get_plan(saved_id).status is not PlanStatus.DRAFT:
            raise PlanIsAgenda
        plan = typed.model_copy(
            update={
                "id": self.plan.id if self.plan else None,
                "case_id": self.case_id,
                "status": PlanStatus.DRAFT,
                "visit_id": None,
                "updated_at": now(),
            }
        )
        saved = self._store.save_plan(plan)
        self.plan = saved
        self._saved = comparable(saved)


# --- starting the visit ------------------------------------------------------------------


def visit_still_open(store: Store, case_id: int) -> Visit | None:
    """The family's visit still unfinished, if any: none is started while it is open."""
    return open_visit(store.list_visits(case_id))


def check_can_start(store: Store, case_id: int) -> None:
    """Raise `VisitStillOpen` while another visit of the family is unfinished."""
    if visit_still_open(store, case_id) is not None:
        raise VisitStillOpen


def start_from_plan(store: Store, plan: VisitPlan, visit: Visit) -> Visit:
    """Start `visit` with `plan` as its agenda; the plan stops being a draft with it.

    Refused while another visit is open, or when the plan already became an agenda.
    """
    assert plan.id is not None and plan.case_id is not None, "a visit starts from a saved plan"
    check_can_start(store, plan.case_id)
    if store.get_plan(plan.id).status is not PlanStatus.DRAFT:
        raise PlanIsAgenda
    return store.start_visit(visit.model_copy(update={"plan_id": plan.id, "case_id": plan.case_id}))


def carry_line(item: CarryItem) -> str:
    """An item carried forward as it goes into the plan: one line of its follow-ups."""
    return clean_line(item.text)
