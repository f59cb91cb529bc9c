"""Text normalisation before phrase matching, so evasive or typographic spellings still match."""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and quotes people's phones insert, folded to ASCII.
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "`": "'", "\u201b": "'",
    "\uff07": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
})
# Cyrillic and Greek letters that look Latin, used to slip past filters ("kіll" with a Cyrillic і).
_HOMOGLYPHS = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "ο": "o", "α": "a", "ε": "e",
    "ι": "i", "κ": "k", "ν": "v", "τ": "t",
})
# Digits and symbols used as letters ("k1ll mys3lf"); applied only inside words with a letter.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_WORD = re.compile(r"(?<![\w@$])(?=[\w@$]*[a-z])[\w@$]+")
_BANG_IN_WORD = re.compile(r"(?<=[a-z])[!|](?=[a-z])")
_RUN3 = re.compile(r"(\w)\1{2,}")
_RUN2 = re.compile(r"([a-z])\1+")
_SPACES = re.compile(r"[^\w']+")
# Chat spellings that drop apostrophes or letters, restored so one pattern covers both
# ("im on the roof", "me kiero morir"); only words that are not ordinary words themselves.
_SHORTHAND = {
    "im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't",
    "doesnt": "doesn't", "isnt": "isn't", "wouldnt": "wouldn't", "couldnt": "couldn't", "wasnt": "wasn't",
    "werent": "weren't", "shouldnt": "shouldn't", "thats": "that's", "whats": "what's", "theres": "there's",
    "theyd": "they'd", "theyll": "they'll", "youll": "you'll", "itll": "it'll", "ur": "your", "u": "you",
    "kiero": "quiero", "qiero": "quiero", "kero": "quiero", "quero": "quiero", "q": "que", "ke": "que",
    "xq": "porque", "pq": "porque", "porq": "porque", "nadien": "nadie",
}
_WORD = re.compile(r"[\w']+")
# "s u i c i d e" or "s.u.i.c.i.d.e": four or more single letters in a row are one word.
_SPELLED = re.compile(r"\b(?:[a-z] ){3,}[a-z]\b")


def strip_accents(text: str) -> str:
    """Remove combining accents (``daño`` → ``dano``) so accents are optional when matching."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed  # no ASCII character is a combining mark: most chat text ends here
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _base(text: str) -> str:
    # Quotes first: NFKC would split U+00B4 into a space and a combining accent.
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES))
    # Zero-width and other format characters split words invisibly.
    if not text.isascii():  # no ASCII character is a format character
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.casefold().translate(_QUOTES).translate(_HOMOGLYPHS)
    text = _BANG_IN_WORD.sub("i", text)
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = strip_accents(text)
    text = " ".join(_SPACES.sub(" ", text).split())
    return _SPELLED.sub(lambda m: m.group(0).replace(" ", ""), text)


def _expand_shorthand(text: str) -> str:
    # After squeezing, so "iiiim" and "kiiiero" are restored too.
    return _WORD.sub(lambda m: _SHORTHAND.get(m.group(0), m.group(0)), text)


def normalize(text: str) -> str:
    """NFKC, case-fold, ASCII quotes, de-leet, strip accents, squeeze letter runs to two, one space.

    Chat shorthand ("im", "dont", "kiero") is spelled out afterwards.
    """
    return variants(text)[0]


def variants(text: str) -> tuple[str, ...]:
    """The normalised text, plus a spelling with letter runs of three or more squeezed to one.

    "kiiiill" squeezes to "kill" only in the second form and "killll" only in the first, so
    the screen tries both.
    """
    # One typed message is normalised by the phrase lists, the detector and the topic reader in
    # turn: the last few texts' forms are kept so that it is done once (a pure function of the text).
    forms = _RECENT.get(text)
    if forms is None:
        base = _base(text)
        two = _expand_shorthand(_RUN3.sub(r"\1\1", base))
        one = _expand_shorthand(_RUN3.sub(r"\1", base))
        forms = (two,) if one == two else (two, one)
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.clear()  # atomic, so safe should another thread screen at the same time
        _RECENT[text] = forms
    return forms


_RECENT: dict[str, tuple[str, ...]] = {}
_RECENT_SIZE = 8


def squeeze_all(text: str) -> str:
    """Every doubled letter squeezed to one; used only to compare spellings in tests."""
    return _RUN2.sub(r"\1", text)
