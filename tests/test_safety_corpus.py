"""The labeled corpus: 100% recall on crisis and abuse, under 5% false positives, per locale."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.i18n import I18n
from bot.safety.screen import PhraseScreen

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "safety_corpus"
MAX_FALSE_POSITIVE_RATE = 0.05


@pytest.fixture(scope="module")
def screen() -> PhraseScreen:
    return PhraseScreen(I18n(ROOT / "locales"))


def load(locale: str) -> dict[str, list[str]]:
    return yaml.safe_load((CORPUS / f"{locale}.yaml").read_text(encoding="utf-8"))


def evasive_variants(text: str) -> list[str]:
    """Spellings people's phones and fingers produce: curly quotes, capitals, stretched letters."""
    out = [text.replace("'", "\u2019"), text.replace("'", "\u02bc"), text.upper(), f"  {text}!!! "]
    stretched = next((text.replace(ch, ch * 4, 1) for ch in "aeiou" if ch in text), None)
    if stretched:
        out.append(stretched)
    return out


@pytest.mark.parametrize("locale", ["en", "es"])
def test_corpus_has_at_least_150_phrases_in_every_category(locale: str) -> None:
    data = load(locale)
    assert sum(len(v) for v in data.values()) >= 150
    assert all(len(data[k]) >= 25 for k in ("crisis", "abuse", "benign", "ordinary"))


@pytest.mark.parametrize("locale", ["en", "es"])
def test_recall_is_total_and_false_positives_stay_under_five_percent(screen: PhraseScreen, locale: str) -> None:
    data = load(locale)
    missed: list[str] = []
    signals = 0
    for kind in ("crisis", "abuse"):
        for phrase in data[kind]:
            for variant in [phrase, *evasive_variants(phrase)]:
                signals += 1
                found = screen.screen(variant, locale)
                if found is None or found.kind != kind:
                    missed.append(f"{kind}: {variant!r} -> {found}")
    quiet = data["benign"] + data["ordinary"]
    flagged = [f"{p!r} -> {screen.screen(p, locale)}" for p in quiet if screen.screen(p, locale) is not None]
    recall = 1 - len(missed) / signals
    fp_rate = len(flagged) / len(quiet)
    figures = (f"safety corpus {locale}: recall={recall:.1%} over {signals} crisis/abuse phrases and variants, "
               f"false positives={fp_rate:.1%} ({len(flagged)}/{len(quiet)} benign and ordinary)")
    print(figures)
    assert not missed, f"{figures}; missed: {missed}"
    assert fp_rate < MAX_FALSE_POSITIVE_RATE, f"{figures}; flagged: {flagged}"


def test_a_spanish_crisis_message_is_caught_in_an_english_chat(screen: PhraseScreen) -> None:
    found = screen.screen("ya no quiero vivir", "en")
    assert found is not None and found.kind == "crisis"


def test_intensity_alone_is_never_a_signal(screen: PhraseScreen) -> None:
    for text in ("5", "my anxiety is 10/10", "I'm panicking, 5 out of 5", "estoy en pánico, 10 de 10",
                 "worst I've ever felt about us", "I'm so scared he'll leave"):
        assert screen.screen(text, "en") is None, text


def test_a_signal_carries_the_phrase_id_never_the_users_words(screen: PhraseScreen) -> None:
    found = screen.screen("everyone would be better off without me", "en")
    assert found is not None
    assert "without me" not in found.reason and found.reason.startswith("locales/en/safety.yaml crisis#")


def test_a_negation_does_not_hide_a_second_worrying_phrase(screen: PhraseScreen) -> None:
    found = screen.screen("I'm not going to hurt myself, but I want to die", "en")
    assert found is not None and found.kind == "crisis"


def test_crisis_wins_when_a_message_describes_both(screen: PhraseScreen) -> None:
    found = screen.screen("he hits me and I want to kill myself", "en")
    assert found is not None and found.kind == "crisis"
