"""The retrain-stability tool's parts (mass9): weight averaging, seeded subsamples and flip counts."""

from __future__ import annotations

import math

from bot.safety.soft import SoftModel, Thresholds
from bot.safety.stability import average, flips, subsample

LIMITS = Thresholds(0.5, 0.6, 0.55)


def _model(weight: float, bias: float) -> SoftModel:
    weights = {"crisis": {7: weight}, "abuse": {}, "benign": {9: -weight}}
    return SoftModel(weights, {"crisis": bias, "abuse": 0.0, "benign": -bias}, LIMITS)


def test_an_averaged_model_reads_the_mean_of_its_members_logits() -> None:
    bagged = average([_model(2.0, 1.0), _model(0.0, -1.0)])
    probs = bagged.probabilities({7: 1.0})
    expected = {"crisis": 1.0, "abuse": 0.0, "benign": 0.0}  # logits: weight mean 1, bias mean 0
    total = sum(math.exp(v) for v in expected.values())
    assert abs(probs["crisis"] - math.exp(1.0) / total) < 1e-9


def test_a_feature_only_one_member_knows_is_weighed_by_the_share_of_members() -> None:
    bagged = average([_model(3.0, 0.0), SoftModel({"crisis": {}, "abuse": {}, "benign": {}},
                                                  {"crisis": 0.0, "abuse": 0.0, "benign": 0.0}, LIMITS)])
    assert bagged.weights["crisis"] == {7: 1.5}


def test_the_same_seed_keeps_the_same_rows_and_another_seed_other_rows() -> None:
    assert subsample(1000, 0.99, 4) == subsample(1000, 0.99, 4)
    assert subsample(1000, 0.99, 4) != subsample(1000, 0.99, 5)
    assert 970 <= len(subsample(1000, 0.99, 4)) <= 1000


def test_a_message_moving_from_asked_to_opened_counts_as_a_flip() -> None:
    before = {"a": "asked", "b": "missed", "c": "opened:abuse"}
    after = {"a": "opened:crisis", "b": "missed", "c": "opened:crisis"}
    assert flips(before, after) == ["a", "c"]
