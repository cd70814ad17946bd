"""The Kiresuk-Sherman T-score, worked out by hand.

T = 50 + 10 * sum(w x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2), rho = 0.3.
"""

from __future__ import annotations

import math

import pytest
from movement_records import refs

from sessionkit.insight.gas import gas_level, per_visit, single_goal_t_score, t_score


def test_one_goal_at_the_expected_level_is_50() -> None:
    assert t_score([(0, 1)]) == 50


def test_one_goal_one_level_up_is_60_whatever_its_weight() -> None:
    # One goal: 10 * w * x / sqrt(0.7 w^2 + 0.3 w^2) = 10 * x.
    assert t_score([(1, 1)]) == pytest.approx(60)
    assert t_score([(1, 3)]) == pytest.approx(60)
    assert t_score([(-2, 1)]) == pytest.approx(30)
    assert single_goal_t_score(1) == 60 and single_goal_t_score(-2) == 30


def test_two_goals_up_and_down_unweighted_is_50() -> None:
    assert t_score([(1, 1), (-1, 1)]) == 50


def test_three_goals_unweighted() -> None:
    # Levels 1, 0, 2: sum x = 3; denominator sqrt(0.7 * 3 + 0.3 * 9) = sqrt(4.8) = 2.19089.
    # T = 50 + 30 / 2.19089 = 63.693.
    assert t_score([(1, 1), (0, 1), (2, 1)]) == pytest.approx(63.693, abs=0.001)


def test_two_goals_both_one_level_up() -> None:
    # sum x = 2; sqrt(0.7 * 2 + 0.3 * 4) = sqrt(2.6) = 1.61245; T = 50 + 20 / 1.61245 = 62.403.
    assert t_score([(1, 1), (1, 1)]) == pytest.approx(62.403, abs=0.001)


def test_three_goals_all_much_less_than_expected() -> None:
    # sum x = -6; sqrt(4.8) = 2.19089; T = 50 - 60 / 2.19089 = 22.614.
    assert t_score([(-2, 1), (-2, 1), (-2, 1)]) == pytest.approx(22.614, abs=0.001)


def test_weighted_two_goals() -> None:
    # (level 1, weight 2) and (level -1, weight 1): sum wx = 2 - 1 = 1;
    # sum w^2 = 4 + 1 = 5; (sum w)^2 = 9; sqrt(0.7 * 5 + 0.3 * 9) = sqrt(6.2) = 2.48998.
    # T = 50 + 10 / 2.48998 = 54.016.
    assert t_score([(1, 2), (-1, 1)]) == pytest.approx(54.016, abs=0.001)


def test_weighted_three_goals() -> None:
    # (2, w 3), (0, w 1), (-1, w 2): sum wx = 6 + 0 - 2 = 4; sum w^2 = 9 + 1 + 4 = 14;
    # (sum w)^2 = 36; sqrt(0.7 * 14 + 0.3 * 36) = sqrt(9.8 + 10.8) = sqrt(20.6) = 4.53872.
    # T = 50 + 40 / 4.53872 = 58.813.
    assert t_score([(2, 3), (0, 1), (-1, 2)]) == pytest.approx(58.813, abs=0.001)


def test_a_weight_changes_the_score_of_the_same_levels() -> None:
    # The demo family's first visit: mornings (weight 2) at -2, Maya's goal (weight 1) at -1.
    # sum wx = -4 - 1 = -5; sqrt(6.2) = 2.48998; T = 50 - 50 / 2.48998 = 29.920.
    weighted = t_score([(-2, 2), (-1, 1)])
    # Unweighted: sum x = -3; sqrt(0.7 * 2 + 0.3 * 4) = sqrt(2.6) = 1.61245; T = 31.395.
    unweighted = t_score([(-2, 1), (-1, 1)])
    assert weighted == pytest.approx(29.920, abs=0.001)
    assert unweighted == pytest.approx(31.395, abs=0.001)


def test_rho_can_be_given() -> None:
    # rho 0: two goals at +1, sqrt(2) = 1.41421; T = 50 + 20 / 1.41421 = 64.142.
    assert t_score([(1, 1), (1, 1)], rho=0) == pytest.approx(50 + 20 / math.sqrt(2))
    assert t_score([(1, 1), (1, 1)], rho=0) == pytest.approx(64.142, abs=0.001)


def test_nothing_to_score() -> None:
    assert t_score([]) is None


def test_levels_are_the_five_whole_levels_only() -> None:
    assert [gas_level(v) for v in (-2.0, -1.0, 0.0, 1.0, 2.0)] == [-2, -1, 0, 1, 2]
    assert gas_level(0.5) is None and gas_level(3.0) is None and gas_level(None) is None


def test_per_visit_scores_only_the_goals_with_a_level_that_day() -> None:
    visits = refs(3)
    levels = {
        visits[0].visit_id: [(-1, 1.0), (-1, 2.0)],
        visits[2].visit_id: [(1, 1.0)],
    }
    summaries = per_visit(visits, levels)
    assert [(s.visit.number, s.goals) for s in summaries] == [(1, 2), (3, 1)]
    # Visit 1: sum wx = -3; sqrt(0.7 * 5 + 0.3 * 9) = 2.48998; T = 50 - 30 / 2.48998 = 37.952.
    assert summaries[0].t_score == pytest.approx(37.952, abs=0.001)
    assert summaries[1].t_score == pytest.approx(60)
