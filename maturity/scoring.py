"""Verified maturity scores: pure functions, exact (fractions, rounded once half up to two
decimals with ``pkri.scoring.to_decimal``).

* A question's value is the score of what counts for it over the best it could score, 0-1:
  single choice, the chosen option's score over the highest option score; multiple choice,
  the sum of the chosen options' scores over the sum of all option scores.
* What counts is the verifier's decision: an accepted answer counts as chosen, a corrected
  one as the verifier corrected it, a rejected or unverified one counts nothing.
* An aspect's score is 100 x sum(weight x value) / sum(weight) over its questions; the total
  is the same over all questions, so an aspect weighs what its questions weigh.
"""
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pkri.scoring import to_decimal


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    aspect: str
    multiple: bool
    weight: Decimal
    option_scores: dict  # option id -> Decimal


def question_value(spec: QuestionSpec, counted) -> Fraction:
    scores = {key: Fraction(str(value)) for key, value in spec.option_scores.items()}
    best = sum(scores.values()) if spec.multiple else max(scores.values(), default=Fraction(0))
    if not best:
        return Fraction(0)
    got = sum(scores.get(option, Fraction(0)) for option in set(counted))
    if not spec.multiple:
        got = max((scores.get(option, Fraction(0)) for option in set(counted)), default=Fraction(0))
    return min(got / best, Fraction(1))


def _score(specs, counted):
    total_weight = sum(Fraction(str(spec.weight)) for spec in specs)
    if not total_weight:
        return None
    return to_decimal(100 * sum(Fraction(str(spec.weight)) * question_value(spec, counted.get(spec.id, ()))
                                for spec in specs) / total_weight)


def scores(specs: list[QuestionSpec], counted: dict) -> dict:
    """{aspect: Decimal or None (no questions), ..., "total": Decimal or None} for ``counted``
    (question id -> the option ids that count)."""
    result = {}
    for aspect in dict.fromkeys(spec.aspect for spec in specs):
        result[aspect] = _score([spec for spec in specs if spec.aspect == aspect], counted)
    result["total"] = _score(specs, counted)
    return result
