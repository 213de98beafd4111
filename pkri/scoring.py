"""From scores to results: one set of pure functions, exact and reproducible.

Arithmetic is done with fractions and rounded once, half up, to two decimals, so the same
scores give the same totals on any machine and in any order.

* An indicator's score is the mean of the scores the assessors gave it, rescaled to 0-1
  over its scale ((mean - min) / (max - min)); an indicator nobody scored counts as 0.
* The weighted total is 100 x sum(weight x rescaled) / sum(weight).
* The final total is the desk total, or, for objects interviewed, the desk and interview
  totals mixed by the cycle's interview weight.
* Ranks are per group, highest first; equal totals share a rank (1, 2, 2, 4).
"""
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")
#: (lowest total, category), highest first
CATEGORIES = ((Decimal(85), "Sangat baik"), (Decimal(70), "Baik"), (Decimal(55), "Cukup"), (Decimal(0), "Kurang"))


@dataclass(frozen=True)
class IndicatorSpec:
    id: int
    weight: Decimal
    scale_min: int
    scale_max: int


def to_decimal(value: Fraction) -> Decimal:
    """Round a non-negative fraction half up to two decimals, exactly (no binary or 28-digit
    intermediate)."""
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return (Decimal(hundredths) / 100).quantize(TWO_PLACES)


def _exact_total(indicators, scores):
    total_weight = sum(Fraction(str(i.weight)) for i in indicators)
    if not total_weight:
        return Fraction(0)
    weighted = Fraction(0)
    for indicator in indicators:
        given = scores.get(indicator.id) or []
        if not given:
            continue
        mean = Fraction(sum(given), len(given))
        span = indicator.scale_max - indicator.scale_min
        weighted += Fraction(str(indicator.weight)) * (mean - indicator.scale_min) / span
    return 100 * weighted / total_weight


def weighted_total(indicators: list[IndicatorSpec], scores: dict[int, list[int]]) -> Decimal:
    """Total 0-100 of ``scores`` (indicator id -> the assessors' scores) under ``indicators``."""
    return to_decimal(_exact_total(indicators, scores))


def assessor_totals(indicators, scores_by_assessor: dict[int, dict[int, int]]) -> dict[int, Decimal]:
    """Each assessor's own total (for spotting disagreement)."""
    return {
        assessor: weighted_total(indicators, {k: [v] for k, v in scores.items()})
        for assessor, scores in scores_by_assessor.items()
    }


def disagreement(totals: dict[int, Decimal]) -> Decimal:
    """The spread between the highest and lowest assessor total."""
    return (max(totals.values()) - min(totals.values())) if len(totals) > 1 else Decimal("0.00")


def final_total(desk: Decimal, interview: Decimal | None, interview_weight: Decimal) -> Decimal:
    if interview is None:
        return desk
    w = Fraction(str(interview_weight))
    return to_decimal(Fraction(str(desk)) * (1 - w) + Fraction(str(interview)) * w)


def ranks(totals: dict[int, Decimal]) -> dict[int, int]:
    """Competition ranking, highest total first: equal totals share a rank."""
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    result, previous, rank = {}, None, 0
    for position, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            rank, previous = position, total
        result[key] = rank
    return result


def category(total: Decimal) -> str:
    for lowest, name in CATEGORIES:
        if total >= lowest:
            return name
    return CATEGORIES[-1][1]
