"""The results function against hand-computed cases."""
from decimal import Decimal
from fractions import Fraction

import pytest

from pkri.scoring import (
    IndicatorSpec,
    assessor_totals,
    category,
    disagreement,
    final_total,
    ranks,
    to_decimal,
    weighted_total,
)

# three indicators on a 1-5 scale, weights 30 / 50 / 20
INDICATORS = [IndicatorSpec(1, Decimal(30), 1, 5), IndicatorSpec(2, Decimal(50), 1, 5), IndicatorSpec(3, Decimal(20), 1, 5)]


def test_top_and_bottom_of_the_scale():
    assert weighted_total(INDICATORS, {1: [5], 2: [5], 3: [5]}) == Decimal("100.00")
    assert weighted_total(INDICATORS, {1: [1], 2: [1], 3: [1]}) == Decimal("0.00")


def test_hand_computed_mixed_scores():
    # indicator 1: (4-1)/4 = .75 ; 2: mean(3,4)=3.5 -> .625 ; 3: (2-1)/4 = .25
    # 100 x (30x.75 + 50x.625 + 20x.25) / 100 = 22.5 + 31.25 + 5 = 58.75
    assert weighted_total(INDICATORS, {1: [4, 4], 2: [3, 4], 3: [2, 2]}) == Decimal("58.75")


def test_missing_scores_count_as_zero_and_partial_ones_average_who_scored():
    # indicator 3 unscored -> 0; indicator 2 scored by one of two assessors -> its score
    # 30 x .75 + 50 x .5 = 47.5
    assert weighted_total(INDICATORS, {1: [4, 4], 2: [3]}) == Decimal("47.50")
    assert weighted_total(INDICATORS, {}) == Decimal("0.00")


def test_changed_weights_change_the_total():
    heavy_third = [IndicatorSpec(1, Decimal(10), 1, 5), IndicatorSpec(2, Decimal(10), 1, 5), IndicatorSpec(3, Decimal(80), 1, 5)]
    scores = {1: [4], 2: [3], 3: [2]}
    # 10x.75 + 10x.5 + 80x.25 = 7.5 + 5 + 20 = 32.5
    assert weighted_total(heavy_third, scores) == Decimal("32.50")
    # weights need not add up to 100: 1/1/1 -> (0.75+0.5+0.25)/3 = 50
    equal = [IndicatorSpec(i, Decimal(1), 1, 5) for i in (1, 2, 3)]
    assert weighted_total(equal, scores) == Decimal("50.00")


def test_other_scales():
    spec = [IndicatorSpec(1, Decimal(1), 0, 3)]
    assert weighted_total(spec, {1: [2]}) == Decimal("66.67")  # 2/3 rounded half up
    assert weighted_total(spec, {1: [1, 2]}) == Decimal("50.00")


def test_rounding_is_exact_half_up():
    assert to_decimal(Fraction(1, 200)) == Decimal("0.01")          # 0.005 -> 0.01
    assert to_decimal(Fraction(2675, 100000)) == Decimal("0.03")    # 0.02675 -> 0.03
    assert to_decimal(Fraction(1, 3) * 100) == Decimal("33.33")
    assert to_decimal(Fraction(2, 3) * 100) == Decimal("66.67")
    # the same inputs in another order give the same total
    assert weighted_total(list(reversed(INDICATORS)), {3: [2, 2], 2: [4, 3], 1: [4, 4]}) == Decimal("58.75")


def test_disagreement_between_assessors():
    totals = assessor_totals(INDICATORS, {7: {1: 5, 2: 5, 3: 5}, 8: {1: 2, 2: 2, 3: 2}})
    assert totals == {7: Decimal("100.00"), 8: Decimal("25.00")}
    assert disagreement(totals) == Decimal("75.00")
    assert disagreement({7: Decimal(80)}) == Decimal("0.00")


def test_final_total_mixes_the_interview():
    assert final_total(Decimal("80.00"), None, Decimal("0.4")) == Decimal("80.00")
    assert final_total(Decimal("80.00"), Decimal("90.00"), Decimal("0.4")) == Decimal("84.00")
    assert final_total(Decimal("70.55"), Decimal("65.10"), Decimal("0.25")) == Decimal("69.19")  # 52.9125+16.275=69.1875


def test_ranks_share_ties():
    assert ranks({1: Decimal(80), 2: Decimal(90), 3: Decimal(80), 4: Decimal(10)}) == {2: 1, 1: 2, 3: 2, 4: 4}


@pytest.mark.parametrize("total, expected", [("100", "Sangat baik"), ("85.00", "Sangat baik"), ("84.99", "Baik"),
                                             ("70", "Baik"), ("55", "Cukup"), ("54.99", "Kurang"), ("0", "Kurang")])
def test_categories(total, expected):
    assert category(Decimal(total)) == expected
