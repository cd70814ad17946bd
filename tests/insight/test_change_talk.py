"""Change talk and sustain talk counted per visit, and the share of change talk, by hand."""

from __future__ import annotations

from movement_records import answer, refs

from sessionkit.domain import ChangeTalk
from sessionkit.insight.change_talk import per_visit, share


def test_share_is_change_talk_over_all_talk() -> None:
    assert share(2, 1) == 2 / 3
    assert share(3, 0) == 1
    assert share(0, 2) == 0
    assert share(0, 0) is None


def test_counts_per_visit_with_every_category_present() -> None:
    answers = [
        answer(1, "change-talk.need", talk=ChangeTalk.SUSTAIN),
        answer(1, "change-talk.ability", talk=ChangeTalk.SUSTAIN),
        answer(1, "change-talk.need", talk=ChangeTalk.NEED),
        answer(2, "change-talk.desire", talk=ChangeTalk.DESIRE),
        answer(2, "change-talk.desire", talk=ChangeTalk.DESIRE),  # said twice: counted twice
        answer(2, "change-talk.taking-steps", talk=ChangeTalk.TAKING_STEPS),
        answer(2, "scaling.safety", 5),  # not tagged: not counted
    ]
    one, two, three = per_visit(refs(3), answers)
    assert set(one.counts) == set(ChangeTalk)
    assert one.counts[ChangeTalk.SUSTAIN] == 2 and one.counts[ChangeTalk.NEED] == 1
    assert (one.change_talk, one.sustain_talk) == (1, 2)
    assert one.share == 1 / 3
    assert two.counts[ChangeTalk.DESIRE] == 2 and two.counts[ChangeTalk.TAKING_STEPS] == 1
    assert (two.change_talk, two.sustain_talk, two.share) == (3, 0, 1)
    assert sum(three.counts.values()) == 0 and three.share is None
    assert [v.visit.number for v in (one, two, three)] == [1, 2, 3]


def test_answers_from_other_visits_are_left_out() -> None:
    (only,) = per_visit(refs(1), [answer(2, talk=ChangeTalk.DESIRE)])
    assert only.change_talk == 0 and only.share is None
