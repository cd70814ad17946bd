"""Tool suggestions, ranked by hand: goal areas, ages, communication needs, fixed order."""

from __future__ import annotations

from typing import Any

from sessionkit.domain import AgeBand, CommunicationNeed, Goal, Member, Role
from sessionkit.insight.suggestions import Suggestion, rank_tools
from sessionkit.locations import bundled_dir
from sessionkit.toolpacks import load_catalog
from sessionkit.toolpacks.schema import Adaptations, PackMeta, ResolvedPack, Tool


def tool(tool_id: str, group: str = "", **fields: Any) -> Tool:
    return Tool(
        id=tool_id,
        name=tool_id.replace("-", " ").title(),
        group=group or tool_id,
        purpose=f"What {tool_id} is for.",
        **fields,
    )


def pack(*tools: Tool, hidden: tuple[Tool, ...] = ()) -> ResolvedPack:
    return ResolvedPack(
        meta=PackMeta(id="test", name="Test pack", version="1"),
        chain=("test",),
        tools=tools,
        hidden=hidden,
    )


def goal(*areas: str) -> Goal:
    return Goal(id=1, case_id=1, text="Feel safe at home", areas=list(areas))


def person(name: str, role: Role = Role.CHILD, **fields: Any) -> Member:
    return Member(case_id=1, name=name, role=role, **fields)


def ids(suggestions: list[Suggestion]) -> list[str]:
    return [s.tool.id for s in suggestions]


def by_id(suggestions: list[Suggestion], tool_id: str) -> Suggestion:
    return next(s for s in suggestions if s.tool.id == tool_id)


def test_area_match_ranks_first_ignoring_case() -> None:
    ranked = rank_tools(
        pack(
            tool("genogram", areas=["family"]),
            tool("three-houses", areas=["safety", "worries"]),
            tool("cards"),
        ),
        [goal("Safety")],
        [],
    )
    assert ids(ranked) == ["three-houses", "genogram", "cards"]
    top = ranked[0]
    assert top.score == 2.0
    assert top.reasons == ("fits the goal area 'Safety'",)
    assert top.warnings == ()
    assert by_id(ranked, "genogram").score == 0.0 and by_id(ranked, "genogram").reasons == ()


def test_two_matching_areas_beat_one_and_each_is_named() -> None:
    ranked = rank_tools(
        pack(tool("one", areas=["safety"]), tool("two", areas=["worries", "SAFETY"])),
        [goal("safety"), Goal(id=2, case_id=1, text="Fewer worries", areas=["worries", "safety"])],
        [],
    )
    assert ids(ranked) == ["two", "one"]
    assert ranked[0].score == 4.0
    assert ranked[0].reasons == (
        "fits the goal area 'safety'",
        "fits the goal area 'worries'",
    )


def test_age_misfit_warns_names_the_person_and_lowers() -> None:
    leo = person("Leo", age=6)
    ranked = rank_tools(
        pack(tool("miracle", age_min=7, areas=["hopes"]), tool("scaling")),
        [goal("hopes")],
        [leo],
    )
    miracle = by_id(ranked, "miracle")
    assert miracle.score == 2.0 - 1.0
    assert miracle.warnings == ("Leo (6) is below this tool's age range (7 and up)",)
    # Still first (the area match outweighs one misfit) and still offered.
    assert ids(ranked) == ["miracle", "scaling"]

    no_goal = rank_tools(pack(tool("miracle", age_min=7), tool("scaling")), [], [leo])
    assert ids(no_goal) == ["scaling", "miracle"]
    assert by_id(no_goal, "miracle").score == -1.0


def test_fitting_ages_are_a_reason() -> None:
    ranked = rank_tools(
        pack(tool("three-houses", age_min=4, age_max=16)),
        [],
        [person("Amy", age=9), person("Leo", age=6)],
    )
    [houses] = ranked
    assert houses.score == 0.0
    assert houses.reasons == ("suits ages 9 and 6",)
    assert houses.warnings == ()


def test_no_age_range_says_nothing_about_age() -> None:
    [cards] = rank_tools(pack(tool("cards")), [], [person("Amy", age=9)])
    assert cards.reasons == () and cards.warnings == () and cards.score == 0.0


def test_adult_beside_a_child_only_tool_warns_and_lowers_by_half() -> None:
    jo = person("Jo", Role.PARENT)  # no age recorded: a parent counts as an adult
    amy = person("Amy", age=9)
    [houses] = rank_tools(pack(tool("three-houses", age_max=16)), [], [amy, jo])
    assert houses.score == -0.5
    assert houses.reasons == ("suits age 9",)
    assert houses.warnings == ("Jo (adult) is above this tool's age range (up to 16)",)

    [talk] = rank_tools(pack(tool("change-talk", age_min=12)), [], [amy, jo])
    assert talk.score == -1.0
    assert talk.reasons == ("suits the adults",)
    assert talk.warnings == ("Amy (9) is below this tool's age range (12 and up)",)


def test_band_straddling_the_range_may_not_fit_without_a_penalty() -> None:
    leo = person("Leo", age_band=AgeBand.AGE_5_7)
    [miracle] = rank_tools(pack(tool("miracle", age_min=7, age_max=15)), [], [leo])
    assert miracle.score == 0.0
    assert miracle.warnings == ("Leo (5 to 7) may be below this tool's age range (7 to 15)",)
    # A band wholly outside is a misfit like an exact age.
    baby = person("Bo", age_band=AgeBand.UNDER_5)
    [outside] = rank_tools(pack(tool("miracle", age_min=7)), [], [baby])
    assert outside.score == -1.0
    assert outside.warnings == ("Bo (under 5) is below this tool's age range (7 and up)",)


def test_a_child_with_no_age_is_not_checked() -> None:
    [miracle] = rank_tools(pack(tool("miracle", age_min=7)), [], [person("Kit")])
    assert miracle.score == 0.0 and miracle.warnings == () and miracle.reasons == ()


def test_non_verbal_adaptation_is_a_reason_and_its_absence_a_warning() -> None:
    sam = person("Sam", age=8, communication_needs=frozenset({CommunicationNeed.NON_VERBAL}))
    adapted = tool("houses", adaptations=Adaptations(non_verbal="A sister can answer for him."))
    ranked = rank_tools(pack(tool("talk"), adapted), [], [sam])
    assert ids(ranked) == ["houses", "talk"]
    houses, talk = ranked
    assert houses.score == 1.0
    assert houses.reasons == ("adapts for non-verbal communication: A sister can answer for him.",)
    assert houses.warnings == ()
    assert talk.score == -1.0
    assert talk.warnings == ("No non-verbal adaptation is given for this tool (Sam is non-verbal)",)


def test_send_adaptation_is_a_reason_and_no_warning_without_one() -> None:
    ali = person("Ali", age=10, communication_needs=frozenset({CommunicationNeed.SEND}))
    adapted = tool("scaling", adaptations=Adaptations(send="Use a visual scale."))
    ranked = rank_tools(pack(tool("cards"), adapted), [], [ali])
    assert ids(ranked) == ["scaling", "cards"]
    assert ranked[0].score == 0.5
    assert ranked[0].reasons == ("adapts for SEND: Use a visual scale.",)
    assert ranked[1].score == 0.0 and ranked[1].warnings == ()


def test_practitioner_is_not_checked() -> None:
    me = person("Me", Role.PRACTITIONER, age=40)
    [houses] = rank_tools(pack(tool("houses", age_max=16)), [], [me])
    assert houses.score == 0.0 and houses.warnings == () and houses.reasons == ()


def test_empty_goals_and_people_keep_pack_order() -> None:
    tools = [tool(name, areas=["safety"]) for name in ("c", "a", "d", "b")]
    ranked = rank_tools(pack(*tools), [], [])
    assert ids(ranked) == ["c", "a", "d", "b"]
    assert all(s.score == 0.0 and s.reasons == () and s.warnings == () for s in ranked)


def test_ties_keep_pack_order() -> None:
    ranked = rank_tools(
        pack(
            tool("x"),
            tool("p", areas=["safety"]),
            tool("y"),
            tool("q", areas=["safety"]),
            tool("z"),
        ),
        [goal("safety")],
        [],
    )
    assert ids(ranked) == ["p", "q", "x", "y", "z"]


def test_every_tool_present_but_reflection_and_hidden() -> None:
    hidden = tool("secret", areas=["safety"])
    ranked = rank_tools(
        pack(
            tool("after", group="reflection", areas=["safety"]),
            tool("a"),
            tool("b", age_min=16),
            tool("c", group="practitioner"),
            hidden=(hidden,),
        ),
        [goal("safety")],
        [person("Amy", age=9)],
    )
    assert sorted(ids(ranked)) == ["a", "b", "c"]


def test_relationship_goes_last_whatever_its_score() -> None:
    ranked = rank_tools(
        pack(
            tool("relationship-check", group="relationship", areas=["relationships"]),
            tool("genogram", areas=["family"]),
            tool("cards", age_min=16),
        ),
        [goal("relationships")],
        [person("Amy", age=9)],
    )
    assert ids(ranked) == ["genogram", "cards", "relationship-check"]
    assert ranked[-1].score == 2.0


def test_core_pack_for_a_safety_goal_and_a_young_non_verbal_child() -> None:
    core = load_catalog([bundled_dir("toolpacks")]).resolve("core")
    sam = person("Sam", age=5, communication_needs=frozenset({CommunicationNeed.NON_VERBAL}))
    mum = person("Mum", Role.PARENT)
    ranked = rank_tools(core, [goal("safety")], [sam, mum])
    offered = [t.id for t in core.tools if t.group != "reflection"]
    assert sorted(ids(ranked)) == sorted(offered)
    assert len(ranked) == len(offered)
    top = ranked[0]
    assert "fits the goal area 'safety'" in top.reasons
    assert ranked[-1].tool.group == "relationship"
    change_talk = by_id(ranked, "change-talk")
    assert "Sam (5) is below this tool's age range (12 and up)" in change_talk.warnings
    # Scores never go up the list.
    main = [s.score for s in ranked if s.tool.group != "relationship"]
    assert main == sorted(main, reverse=True)


def test_practitioner_tools_are_not_checked_against_the_family() -> None:
    leo = person("Leo", age=4, communication_needs=frozenset({CommunicationNeed.NON_VERBAL}))
    graces = tool("social-graces", group="practitioner", age_min=18, areas=["practice"])
    [ranked] = rank_tools(pack(graces), [goal("practice")], [leo])
    assert ranked.score == 2.0
    assert ranked.reasons == ("fits the goal area 'practice'",) and ranked.warnings == ()
