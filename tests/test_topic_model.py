"""The topic model is code: trained from versioned phrases, fingerprinted, checked at start-up."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import pytest

from bot.app import ROOT, Settings, load_definitions
from bot.care.evaluate_topics import load_rows
from bot.care.train_topics import labelled
from bot.flowdefs import FlowError
from bot.i18n import I18n
from bot.topic_model import MODEL_FILE, TopicModel
from bot.topics import TopicDetector


def _copy(tmp_path: Path) -> Settings:
    shutil.copytree(ROOT / "flows", tmp_path / "flows")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return Settings(db_path=":memory:", flows_dir=tmp_path / "flows", locales_dir=tmp_path / "locales")


def test_the_shipped_model_matches_its_training_phrases() -> None:
    model = TopicModel.load(ROOT / "locales")
    assert model.classify("he hasn't texted me back all day")[0] == "texting"


def test_check_fails_naming_the_model_file_when_it_is_missing(tmp_path: Path) -> None:
    settings = _copy(tmp_path)
    (settings.locales_dir / MODEL_FILE).unlink()
    with pytest.raises(FlowError, match=r"topic_model\.json is missing: run `python -m bot\.care\.train_topics`"):
        load_definitions(settings)


def test_check_fails_naming_the_model_file_when_its_phrases_changed(tmp_path: Path) -> None:
    settings = _copy(tmp_path)
    with (settings.locales_dir / "es" / "topics_train.tsv").open("a", encoding="utf-8") as phrases:
        phrases.write("texting\tno me ha escrito en toda la tarde\n")
    with pytest.raises(FlowError, match=r"topic_model\.json is stale"):
        load_definitions(settings)


def test_no_evaluation_message_is_a_training_phrase() -> None:
    texts, _ = labelled()
    trained = {t.strip().lower() for t in texts}
    held_out = {r.text.strip().lower() for split in ("dev", "dev2", "test") for r in load_rows(split)}
    assert not trained & held_out


def test_reading_a_message_stays_well_under_a_millisecond_typically() -> None:
    detector = TopicDetector(I18n(ROOT / "locales"))
    texts = [r.text for r in load_rows("dev")]
    timings = []
    for text in texts * 3:
        started = time.perf_counter()
        detector.read(text)
        timings.append(time.perf_counter() - started)
    # Typically ~0.3 ms; the bound leaves room for a machine shared with other work.
    assert statistics.median(timings) < 0.003


def test_training_again_reproduces_the_shipped_model() -> None:
    """Same phrases, same seed: the weights in locales/topic_model.json are what training gives."""
    pytest.importorskip("sklearn")
    from bot.care.train_topics import fit
    from bot.topic_model import unpack

    texts, labels = labelled()
    trained = fit(texts, labels)
    shipped = TopicModel.load(ROOT / "locales")
    indices = unpack("I", str(trained["indices"]))
    weights = unpack("f", str(trained["weights"]))
    assert list(indices) == sorted(shipped.rows)
    # Equal up to float rounding, which may differ between BLAS builds.
    assert max(abs(a - b) for a, b in zip(weights, shipped.weights, strict=True)) < 1e-3
