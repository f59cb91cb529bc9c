"""The safety evaluation set (tests/safety_eval/): frozen, well-formed, and independent of the corpus.

No thresholds live here on purpose: what the detector must reach is pinned by its own tests.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import cache
from pathlib import Path

import pytest
import yaml

from bot.safety.evaluate import EVAL_DIR, LABELS, LANGS, assign_split, load_rows

FROZEN_TEST_SHA256 = "b81b82a42f0df5e4f234be98c493ccfa4782746630ec44f2a3d26528631016b6"
CORPUS_DIR = Path(__file__).parent / "safety_corpus"
NEAR = 0.75  # character-trigram Jaccard at or above this counts as a near-duplicate

SUBCLASSES = {
    "crisis": {"plan", "means", "time_frame", "self_harm_act", "self_harm_habit", "hopelessness", "burden",
               "disappear", "goodbye", "passive_wish", "method_search", "past_attempt", "ideation"},
    "abuse": {"physical_scene", "strangulation", "death_threat_brief", "threat_to_children", "threat_to_pets",
              "threat_family", "threat_self_if_leave", "intimate_images", "coercive_control_phone", "money",
              "isolation", "humiliation_insult", "stalking", "sexual_coercion", "fear", "destroys_property"},
    "benign": {"breakup", "figure_of_speech", "light_kill_die", "everyday_worry", "texting_worry", "jealousy",
               "comparison", "reassurance_question", "dark_humour", "media_news", "past_recovered", "negated",
               "trust_lying", "argument", "sadness", "stress"},
}
# The subclasses whose every row states a plan, means or a time frame: these must open the path.
ALWAYS_MUST_OPEN = {"plan", "means", "time_frame"}

DEV = load_rows(EVAL_DIR / "dev.yaml")
TEST = load_rows(EVAL_DIR / "test.yaml")
ALL = DEV + TEST
SHORT = load_rows(EVAL_DIR / "short_ordinary.yaml")


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def trigrams(text: str) -> frozenset[str]:
    padded = f" {normalised(text)} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.yaml")):
        for items in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).values():
            lines += [str(item) for item in items or []]
    return lines


def test_the_frozen_test_split_is_unchanged() -> None:
    digest = hashlib.sha256((EVAL_DIR / "test.yaml").read_bytes()).hexdigest()
    assert digest == FROZEN_TEST_SHA256, (
        "tests/safety_eval/test.yaml changed: the frozen split may only change with a new hash here "
        "and a reason in tests/safety_eval/README.md"
    )


def test_the_readme_records_the_frozen_hash() -> None:
    assert FROZEN_TEST_SHA256 in (EVAL_DIR / "README.md").read_text(encoding="utf-8")


@cache
def corpus_index() -> tuple[list[tuple[frozenset[str], str]], list[int], frozenset[str]]:
    corpus = sorted(((trigrams(line), line) for line in corpus_lines()), key=lambda item: len(item[0]))
    return corpus, [len(grams) for grams, _ in corpus], frozenset(normalised(line) for _, line in corpus)


def corpus_matches(text: str) -> list[str]:
    """Corpus lines equal to ``text`` once normalised, or within trigram Jaccard ``NEAR`` of it."""
    corpus, sizes, exact = corpus_index()
    mine = trigrams(text)
    found = [text] if normalised(text) in exact else []
    # Jaccard can only reach NEAR between sets whose sizes are within a factor NEAR of each other.
    low, high = bisect_left(sizes, NEAR * len(mine)), bisect_right(sizes, len(mine) / NEAR)
    for theirs, line in corpus[low:high]:
        shared = len(mine & theirs)
        if shared >= NEAR * (len(mine) + len(theirs) - shared):
            found.append(line)
    return found


def test_no_row_copies_or_nearly_copies_the_safety_corpus() -> None:
    assert len(corpus_index()[0]) > 1000
    matches = {row.id: corpus_matches(row.text) for row in ALL}
    assert {row_id: lines for row_id, lines in matches.items() if lines} == {}


def test_the_overlap_check_catches_a_lightly_reworded_corpus_line() -> None:
    line = corpus_lines()[0]
    assert corpus_matches(line.upper() + "!!")
    assert corpus_matches(line.replace(" ", "  ", 1) + " tbh")


def test_no_row_appears_twice() -> None:
    texts = [normalised(r.text) for r in ALL]
    assert len(texts) == len(set(texts))
    ids = [r.id for r in [*ALL, *SHORT]]
    assert len(ids) == len(set(ids))


def test_there_are_at_least_500_rows() -> None:
    assert len(ALL) >= 500


def test_at_least_35_percent_are_spanish() -> None:
    assert sum(r.lang == "es" for r in ALL) / len(ALL) >= 0.35


def test_at_least_35_percent_are_benign() -> None:
    assert sum(r.label == "benign" for r in ALL) / len(ALL) >= 0.35


@pytest.mark.parametrize("row", ALL, ids=lambda r: r.id)
def test_every_row_is_well_formed(row) -> None:
    assert re.fullmatch(r"(en|es)-\d{4}", row.id)
    assert row.lang in LANGS and row.id.startswith(row.lang)
    assert row.label in LABELS
    assert row.subclass in SUBCLASSES[row.label]
    assert re.fullmatch(r"https?://\S+\.\S+", row.source)
    assert row.text.strip() == row.text and row.text


def test_must_open_is_only_on_crisis_and_abuse_rows() -> None:
    assert [r.id for r in ALL if r.must_open and r.label == "benign"] == []


def test_every_stated_plan_means_or_time_frame_must_open() -> None:
    assert [r.id for r in ALL if r.subclass in ALWAYS_MUST_OPEN and not r.must_open] == []


def test_the_files_hold_exactly_the_split_the_hash_deals() -> None:
    dev, test = assign_split(ALL)
    assert {r.id for r in dev} == {r.id for r in DEV}
    assert {r.id for r in test} == {r.id for r in TEST}


def test_the_split_is_stratified_about_45_to_55() -> None:
    for lang in LANGS:
        for label in LABELS:
            n_dev = sum(r.lang == lang and r.label == label for r in DEV)
            n_all = sum(r.lang == lang and r.label == label for r in ALL)
            assert abs(n_dev - 0.45 * n_all) <= 1, (lang, label, n_dev, n_all)


def test_the_short_ordinary_list_holds_the_messages_the_issue_names() -> None:
    texts = {r.text for r in SHORT}
    assert {"ok", "sí", "vale", "ya", "thanks", "gracias", "hi", "hola", "jaja", "👍", "😭😭😭", "no", "bueno",
            "dale", "sale", "k", "?"} <= texts
    assert all(r.label == "benign" and not r.must_open for r in SHORT)
