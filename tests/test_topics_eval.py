"""The topic evaluation set: well-formed, split once, and its test part frozen."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.care.evaluate_topics import SIGNALS, TOPICS, load_rows

EVAL = Path(__file__).resolve().parent / "topics_eval"
# The frozen test split: it is only ever reported on, never tuned on. Changing a row changes this.
TEST_SHA256 = "e03be02b7a54f73a95b6922f61c8b28d748e2160bfb04b59db5ab9897aa85a65"


def test_the_test_split_is_frozen() -> None:
    assert hashlib.sha256((EVAL / "test.tsv").read_bytes()).hexdigest() == TEST_SHA256


def test_every_row_has_a_known_topic_signal_and_kind() -> None:
    for split in ("dev", "dev2", "test"):
        for row in load_rows(split):
            assert row.topic in TOPICS and row.signal in SIGNALS, row.id
            assert row.kind in ("statement", "report_of_asking", "direct_question"), row.id
            assert (row.topic == "partner") == (row.signal != "none"), row.id


def test_the_splits_share_no_message() -> None:
    dev, dev2, test = ({r.text.lower() for r in load_rows(s)} for s in ("dev", "dev2", "test"))
    assert not dev & test and not dev2 & test and not dev & dev2


def test_the_set_is_large_and_two_fifths_spanish() -> None:
    rows = load_rows("dev") + load_rows("test")
    assert len(rows) >= 300
    assert sum(r.lang == "es" for r in rows) / len(rows) >= 0.4


def test_the_frozen_split_meets_the_issue_targets_in_both_languages() -> None:
    """Issue #9's bar, not the last measured figures: topic right >= 85%, partner signal right >= 90%."""
    from bot.care.evaluate_topics import evaluate
    from bot.i18n import I18n
    from bot.topics import TopicDetector

    i18n = I18n(EVAL.parents[1] / "locales")
    tallies, _ = evaluate(load_rows("test"), TopicDetector(i18n), i18n)
    for lang in ("en", "es"):
        t = tallies[lang]
        assert t.topic / t.n >= 0.85, (lang, t.topic, t.n)
        assert t.signal / t.n >= 0.90, (lang, t.signal, t.n)
