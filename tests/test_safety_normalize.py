"""Normalisation before matching: typographic, evasive and accented spellings meet one form."""

from __future__ import annotations

import pytest

from bot.safety.normalize import normalize, strip_accents, variants


@pytest.mark.parametrize("apostrophe", ["'", "\u2018", "\u2019", "\u02bc", "\u2032", "`", "\u00b4"])
def test_every_typographic_apostrophe_folds_to_ascii(apostrophe: str) -> None:
    assert normalize(f"I don{apostrophe}t want to live") == "i don't want to live"


def test_nfkc_and_case_folding_flatten_fullwidth_and_capitals() -> None:
    assert normalize("ＫＩＬＬ MYSELF") == "kill myself"


def test_leetspeak_inside_words_is_folded_but_numbers_stay() -> None:
    assert normalize("k1ll mys3lf") == "kill myself"
    assert normalize("su1c1d3") == "suicide"
    assert normalize("he left at 4 and it's 11 now") == "he left at 4 and it's 11 now"


def test_a_bang_inside_a_word_reads_as_i_but_not_at_the_end() -> None:
    assert normalize("k!ll myself!") == "kill myself"


def test_letter_runs_squeeze_to_two_and_the_screen_also_tries_one() -> None:
    assert normalize("sooooo tired") == "soo tired"
    assert "kill myself" in variants("kiiiiill myself")
    assert "kill myself" in variants("killllll myself")


def test_accents_are_optional_in_spanish() -> None:
    assert normalize("No estoy pensando en hacerme DAÑO") == "no estoy pensando en hacerme dano"
    assert strip_accents("¿Cuál?") == "¿Cual?"


def test_spelled_out_letters_join_into_one_word() -> None:
    assert normalize("s.u.i.c.i.d.e") == "suicide"
    assert normalize("s u i c i d e") == "suicide"


def test_zero_width_characters_and_lookalike_letters_cannot_split_a_word() -> None:
    assert normalize("ki\u200bll my\u200dself") == "kill myself"
    assert normalize("kіll myself") == "kill myself"  # Cyrillic і


def test_punctuation_becomes_single_spaces() -> None:
    assert normalize("  what's...the   point?!  ") == "what's the point"


def test_chat_shorthand_is_spelled_out_even_when_stretched() -> None:
    assert normalize("im on the roof") == "i'm on the roof"
    assert normalize("me kiero morir q no") == "me quiero morir que no"
    assert "i'm done" in variants("iiiim done")
