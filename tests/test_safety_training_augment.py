"""Training-time rewrites of the corpus rows (bot/safety/augment.py): deterministic and label-keeping.

A rewrite that changed with the corpus around it, or that only ever touched risky rows, would make
cross-validation measure nothing and teach the model that a filler or a long message is a risk cue.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.safety import augment
from bot.safety.augment import copies
from bot.safety.fingerprint import ROOT, input_files
from bot.safety.normalize import normalize

TEXTS = ["mi novio me revisa el celular todas las noches", "i want to take all my pills tonight",
         "mañana voy con mi novio al cine", "going to grab coffee with my mom",
         "ya no quiero seguir viviendo, estoy harta de todo", "he took my phone and my money again"]
LABELS = ["abuse", "crisis", "benign", "benign", "crisis", "abuse"]
LANGS = ["es", "en", "es", "en", "es", "en"]


@pytest.mark.parametrize("recipe", augment.RECIPES)
def test_the_same_rows_give_the_same_copies_every_time(recipe: str) -> None:
    assert copies(TEXTS, LABELS, LANGS, recipe) == copies(TEXTS, LABELS, LANGS, recipe)


@pytest.mark.parametrize("recipe", ["noise", "swap", "pad"])
def test_a_rows_copy_does_not_depend_on_the_other_rows(recipe: str) -> None:
    alone = copies(TEXTS[1:2], LABELS[1:2], LANGS[1:2], recipe, n=3)
    among = [c for c in copies(TEXTS, LABELS, LANGS, recipe, n=3) if c.source == 1]
    assert [c.text for c in alone] == [c.text for c in among]


def test_benign_rows_are_rewritten_as_often_as_risky_ones() -> None:
    made = copies(TEXTS, LABELS, LANGS, "pad")
    by_label = Counter(LABELS[c.source] for c in made)
    assert by_label["benign"] == 2 and by_label["crisis"] == 2 and by_label["abuse"] == 2


def test_a_regional_swap_keeps_the_word_in_its_family() -> None:
    made = [c.text for c in copies(TEXTS[:1], LABELS[:1], LANGS[:1], "swap", n=8)]
    phones = {"movil", "celu", "cel", "telefono"}
    assert made and all(phones & set(text.split()) for text in made)


def test_a_word_that_is_only_written_in_is_never_replaced() -> None:
    # "man" can be a partner in Colombia, but "man, i'm tired" is not about one.
    assert copies(["man i'm so tired of this week"], ["benign"], ["en"], "swap", n=4) == []


def test_chatter_around_a_row_is_a_benign_row_of_its_language_and_never_itself() -> None:
    made = copies(TEXTS, LABELS, LANGS, "embed", n=3)
    assert made
    for c in made:
        assert c.padding is not None and c.padding != c.source
        assert LABELS[c.padding] == "benign" and LANGS[c.padding] == LANGS[c.source]
        assert normalize(TEXTS[c.padding]) in normalize(c.text)


def test_a_copy_the_model_reads_as_its_row_is_left_out() -> None:
    # Accents and capitals are normalised away before the model reads a message.
    assert all(normalize(c.text) != normalize(TEXTS[c.source]) for c in copies(TEXTS, LABELS, LANGS, "noise", n=5))


def test_an_unknown_recipe_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown recipe"):
        copies(TEXTS, LABELS, LANGS, "paraphrase")


def test_the_models_fingerprint_covers_the_rewrites() -> None:
    assert ROOT / "bot" / "safety" / "augment.py" in input_files()
