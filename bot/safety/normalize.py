"""Text normalisation before phrase matching, so evasive or typographic spellings still match."""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and quotes people's phones insert, folded to ASCII.
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
})
# Digits and symbols used as letters ("k1ll mys3lf"); applied only inside words.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_WORD = re.compile(r"\b(?=[\w@$]*[a-z])[\w@$]+\b")
_REPEATS = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"[^\w']+")


def strip_accents(text: str) -> str:
    """Remove combining accents (``daño`` → ``dano``) so accents are optional when matching."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize(text: str) -> str:
    """NFKC, case-fold, ASCII quotes, de-leet words, squeeze letter runs, strip accents, one space."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = _REPEATS.sub(r"\1\1", text)
    text = strip_accents(text)
    return " ".join(_SPACES.sub(" ", text).split())
