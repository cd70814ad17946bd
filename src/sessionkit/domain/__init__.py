"""Domain models and pure rules. Imports neither Textual nor sqlite3 (a test checks)."""

from typing import TYPE_CHECKING

from sessionkit._lazy import lazy_exports

if TYPE_CHECKING:
    from sessionkit.domain.enums import (
        AgeBand as AgeBand,
        CareStatus as CareStatus,
        ChangeTalk as ChangeTalk,
        CommunicationNeed as CommunicationNeed,
        EntryMode as EntryMode,
        GoalStatus as GoalStatus,
        HowGiven as HowGiven,
        PlanStatus as PlanStatus,
        PromptKind as PromptKind,
        Role as Role,
    )
    from sessionkit.domain.models import (
        GAS_LEVEL_NAMES as GAS_LEVEL_NAMES,
        CareStatusChange as CareStatusChange,
        Case as Case,
        GasLevel as GasLevel,
        Goal as Goal,
        Member as Member,
        PlannedTool as PlannedTool,
        Reflection as Reflection,
        Response as Response,
        Visit as Visit,
        VisitPlan as VisitPlan,
        goal_gas_prompt_id as goal_gas_prompt_id,
        goal_rating_prompt_id as goal_rating_prompt_id,
        now as now,
    )
    from sessionkit.domain.summary import (
        CaseSummary as CaseSummary,
    )
    from sessionkit.domain.text import (
        clean_line as clean_line,
        clean_text as clean_text,
    )

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "enums": (
            "AgeBand",
            "CareStatus",
            "ChangeTalk",
            "CommunicationNeed",
            "EntryMode",
            "GoalStatus",
            "HowGiven",
            "PlanStatus",
            "PromptKind",
            "Role",
        ),
        "models": (
            "GAS_LEVEL_NAMES",
            "Case",
            "CareStatusChange",
            "GasLevel",
            "Goal",
            "Member",
            "PlannedTool",
            "Reflection",
            "Response",
            "Visit",
            "VisitPlan",
            "goal_gas_prompt_id",
            "goal_rating_prompt_id",
            "now",
        ),
        "summary": ("CaseSummary",),
        "text": (
            "clean_line",
            "clean_text",
        ),
    },
)
