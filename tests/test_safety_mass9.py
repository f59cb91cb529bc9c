"""An abuse question asked on the model alone needs a broad risk word, or a surer model (mass9).

The model reads some everyday complaints as abuse by their shape alone; with no detector verdict and no
risk word at all (a body, a method, a fear, a threat, control, a goodbye) it asks about abuse only above
``MODEL_BARE_ASK``. A crisis-leaning question keeps the ordinary line. These tests hold the model's
answer fixed, so they pin the rule, not the weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from bot.safety.evidence import RiskWords
from bot.safety.normalize import normalize
from bot.safety.soft import Thresholds
from bot.safety.tiers import MODEL_BARE_ASK, TieredScreen


@dataclass
class FixedModel:
    """A model whose crisis and abuse shares are the same for every message."""

    crisis: float
    abuse: float
    thresholds: Thresholds = field(default_factory=lambda: Thresholds(0.5, 0.6, 0.55))

    def probabilities(self, feats: dict[int, float]) -> dict[str, float]:
        return {"crisis": self.crisis, "abuse": self.abuse, "benign": 1.0 - self.crisis - self.abuse}


def _screen(crisis: float, abuse: float) -> TieredScreen:
    return TieredScreen(I18n(ROOT / "locales"), FixedModel(crisis, abuse))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def words() -> RiskWords:
    return RiskWords(ROOT / "locales", ["en", "es"])


BARE = [
    ("es", "cuando cancelaste la cena sin avisarme, me sentí muy poco importante"),
    ("en", "when you cancelled dinner without telling me i felt like i didn't matter"),
]


def test_an_everyday_complaint_with_no_risk_word_is_not_asked_on_thin_model_mass() -> None:
    screen = _screen(0.05, 0.53)
    assert [screen.screen(text, lang) for lang, text in BARE] == [None, None]


def test_the_same_complaint_is_asked_when_the_model_is_surer_than_the_bare_line() -> None:
    screen = _screen(0.05, MODEL_BARE_ASK + 0.05)
    signals = [screen.screen(text, lang) for lang, text in BARE]
    assert [(s.kind, s.level) for s in signals if s is not None] == [("abuse", "ask")] * 2


def test_a_risk_word_keeps_the_ordinary_ask_line_on_the_same_model_mass() -> None:
    screen = _screen(0.05, 0.53)
    signal = screen.screen("cuando cancelaste la cena me agarraste del brazo delante de todos", "es")
    assert signal is not None and signal.level == "ask"


def test_a_crisis_leaning_question_keeps_the_ordinary_line_with_no_risk_word() -> None:
    screen = _screen(0.5, 0.08)
    signals = [screen.screen(text, lang) for lang, text in BARE]
    assert [(s.kind, s.level) for s in signals if s is not None] == [("crisis", "ask")] * 2


def test_the_bare_line_is_never_below_the_model_files_ask_line() -> None:
    assert MODEL_BARE_ASK >= 0.55


@pytest.mark.parametrize("lang,text", [
    ("en", "he grabbed me by the neck"), ("en", "i gave away my guitar and my books this week"),
    ("en", "he checks my phone every night"), ("es", "me da miedo cuando llega tomado"),
    ("es", "ya dejé todo en orden para mis hijos"), ("es", "no me deja ver a mis amigas"),
])
def test_risk_words_are_found_in_both_languages(words: RiskWords, lang: str, text: str) -> None:
    assert words.found(normalize(text))


@pytest.mark.parametrize("text", ["he cancelled dinner again", "me dejó en visto toda la tarde",
                                  "she forgot our anniversary", "salió con sus amigos y no me escribió"])
def test_ordinary_complaints_hold_no_risk_word(words: RiskWords, text: str) -> None:
    assert not words.found(normalize(text))
