"""``draft_ask``: what may be posted from a user's words, with what identifies anyone taken out.

Links, e-mail addresses, @handles and phone numbers are found by their shape. Names are
capitalised words inside a sentence that are not ordinary capitalised words (``I``, days,
months), a word that opens a sentence when it is not a word people write in lower case (the
project's own en and es texts and training phrases are that vocabulary), and every other
place a word found as a name stands. The vocabulary is a heuristic, not a name list: a name
that is also a common word ("Will", "Hope") is kept, which is why the user sees the exact
post, and what was taken out, before anything is posted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAX_POST_CHARS = 300
PLACEHOLDER = "[…]"
# Order matters: an e-mail address holds an "@handle" and a domain, a link may hold digits.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("link", re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|me|es|co|uk|"
                        r"info|app|ly|gg|link|xyz|mx|ar|cl|de|fr)\b(?:/\S*)?")),
    ("handle", re.compile(r"(?<![\w@])@\w{2,}")),
    ("phone", re.compile(r"(?<!\w)\+?\d(?:[\d\s().-]{5,}\d)(?!\w)")),
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?¡¿…:;\"“”«»()\n]\s*$")
# Capitalised inside a sentence without being a name.
_ORDINARY = frozenset("""
i i'm i'd i've i'll i’m i’d i’ve i’ll ok okay
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december christmas easter whatsapp instagram facebook tiktok snapchat
""".split())


@dataclass(frozen=True, slots=True)
class Draft:
    """The text that would be posted and the kinds of thing taken out (``name``, ``link``…), in order."""

    text: str
    removed: tuple[str, ...]

    @property
    def too_long(self) -> bool:
        return len(self.text) > MAX_POST_CHARS


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def draft_ask(words: str) -> Draft:
    """Take out links, e-mails, @handles, phone numbers and names; tidy the spaces."""
    text = " ".join(words.split())
    removed: list[str] = []
    for kind, pattern in _PATTERNS:
        def swap(match: re.Match[str], kind: str = kind) -> str:
            if kind == "phone" and _digits(match.group(0)) < 7:
                return match.group(0)  # a time, a date or a count, not a phone number
            removed.append(kind)
            # A link's pattern takes everything up to a space: give back the punctuation ending the sentence.
            trailing = re.search(r"[.,;:!?)»”\"']+$", match.group(0)) if kind == "link" else None
            return PLACEHOLDER + (trailing.group(0) if trailing else "")
        text = pattern.sub(swap, text)
    text = _strip_names(text, removed)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text).strip()
    return Draft(text, tuple(dict.fromkeys(removed)))


_ROOT = Path(__file__).resolve().parent.parent.parent


@cache
def known_words() -> frozenset[str]:
    """Words people write in lower case, from the project's en/es texts and training phrases."""
    # No word-frequency library is among the dependencies; these files already hold some 6,700
    # chat-style words of this domain, in both languages (on the eval's dev split, 4 of 305
    # sentence-opening words were outside it).
    sources = [*(_ROOT / "locales").glob("*/*.ftl"), *(_ROOT / "locales").glob("*/topics_train.tsv"),
               *(_ROOT / "bot" / "safety" / "training").glob("*.yaml")]
    return frozenset(w.lower() for path in sources for w in _WORD.findall(path.read_text(encoding="utf-8")))


def _strip_names(text: str, removed: list[str]) -> str:
    words = list(_WORD.finditer(text))
    names = set()
    for match in words:
        word = match.group(0)
        before = text[:match.start()]
        starts_sentence = not before.strip() or bool(_SENTENCE_END.search(before))
        if not word[0].isupper() or word.lower() in _ORDINARY or (word.isupper() and len(word) <= 3):
            continue
        after = text[match.end():]
        # A one-word sentence ("Odd?") reads as a remark, not as someone doing something.
        alone = not _WORD.match(after.lstrip(" ,"))
        if not starts_sentence or (word.lower() not in known_words() and not alone):
            names.add(word)
    out: list[str] = []
    last = 0
    for match in words:
        word = match.group(0)
        if word in names:
            out.append(text[last:match.start()])
            out.append(PLACEHOLDER)
            last = match.end()
            removed.append("name")
    out.append(text[last:])
    return "".join(out)
