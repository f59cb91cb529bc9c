"""Property check of the literal prefilter (review): no pattern that matches a text is skipped.

Texts are generated from each pattern's own parse tree (so every branch, optional part and
repeat gets exercised), put next to other words, and kept only when the pattern really
matches them; the index must then offer that pattern. Seeded, so a failure repeats.
"""

from __future__ import annotations

import random
import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

from bot.app import Settings, load_definitions
from bot.safety.literals import LONG_TEXT, LiteralIndex, necessary
from bot.safety.tiers import TieredScreen

# Characters a class may give when it is negated or a category: letters with and without
# accents, digits, spaces and the punctuation normalised texts keep.
POOL = "aeiouéñü' 1zk"
CONTEXTS = (("", ""), ("ok ", ""), ("", " ok"), ("so ", " lol"), ("x", "x"), ("the ", " no"))


class _Gen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.groups: dict[int, str] = {}

    def seq(self, items: list) -> str:  # type: ignore[type-arg]
        return "".join(self.item(op, av) for op, av in items)

    def item(self, op: object, av: object) -> str:
        rng = self.rng
        if op is sre.LITERAL:
            return chr(av)  # type: ignore[arg-type]
        if op is sre.NOT_LITERAL:
            return rng.choice([c for c in POOL if ord(c) != av])
        if op is sre.ANY:
            return rng.choice(POOL)
        if op is sre.IN:
            return self.charset(av)  # type: ignore[arg-type]
        if op is sre.BRANCH:
            return self.seq(list(rng.choice(av[1])))  # type: ignore[index]
        if op is sre.SUBPATTERN:
            group, _add, _del, sub = av  # type: ignore[misc]
            text = self.seq(list(sub))
            if group is not None:
                self.groups[group] = text
            return text
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return self.seq(list(av))  # type: ignore[call-overload]
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av  # type: ignore[misc]
            top = low + 2 if high is sre.MAXREPEAT else min(high, low + 2)
            return "".join(self.seq(list(sub)) for _ in range(rng.randint(low, top)))
        if op is sre.GROUPREF:
            return self.groups.get(av, "")  # type: ignore[call-overload]
        if op is sre.GROUPREF_EXISTS:
            group, yes, no = av  # type: ignore[misc]
            branch = yes if group in self.groups else no
            return self.seq(list(branch)) if branch is not None else ""
        return ""  # AT, ASSERT, ASSERT_NOT: zero-width; the final search decides

    def charset(self, items: list) -> str:  # type: ignore[type-arg]
        choices: list[str] = []
        for op, av in items:
            if op is sre.LITERAL:
                choices.append(chr(av))
            elif op is sre.RANGE:
                choices.append(chr(self.rng.randint(av[0], av[1])))
            else:  # NEGATE or a category: try the pool, the search keeps what really matches
                return self.rng.choice(POOL)
        return self.rng.choice(choices)


def _texts(pattern: re.Pattern[str], rng: random.Random, tries: int) -> list[str]:
    parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
    out = []
    for _ in range(tries):
        core = _Gen(rng).seq(parsed)
        before, after = rng.choice(CONTEXTS)
        text = before + core + after
        if pattern.search(text):
            out.append(text)
    return out


def _all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every (target, pattern) the screen indexes: phrase lists, exceptions, detector, accented."""
    seen: list[tuple[str, re.Pattern[str]]] = []
    original = LiteralIndex.__init__

    def recording(self: LiteralIndex, targets: object) -> None:
        pairs = list(targets)  # type: ignore[call-overload]
        seen.extend((f"{len(seen) + i}:{target}", pattern) for i, (target, pattern) in enumerate(pairs))
        original(self, pairs)

    defs = load_definitions(Settings())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiteralIndex, "__init__", recording)
        TieredScreen(defs.i18n, defs.soft_model)
    return seen


PATTERNS = _all_patterns()


def test_every_repo_pattern_is_offered_for_every_text_it_matches() -> None:
    index = LiteralIndex(PATTERNS)
    rng = random.Random(20261130)
    missed, checked = [], 0
    for name, pattern in PATTERNS:
        for text in _texts(pattern, rng, tries=12):
            checked += 1
            maybe = index.candidates(text)
            if maybe is not None and name not in maybe:
                missed.append((name, text))
    assert checked > 5 * len(PATTERNS)
    assert missed == []


def test_generated_texts_reach_most_repo_patterns() -> None:
    rng = random.Random(7)
    reached = sum(1 for _, p in PATTERNS if _texts(p, rng, tries=12))
    assert reached >= 0.95 * len(PATTERNS)


# Constructs where a derived literal could go wrong; each must keep the prefilter sound.
TRICKY = [
    r"(?i)pills", r"ta(?i:ke) pills", r"(?:really |)hopeless", r"(?=pi)p\w here", r"(?<=the )pills",
    r"(?<!\w)(?:cut)(?!\w)", r"\bcut\b", r"(cut)\1", r"(?:ha){0,3}die", r"(?:ha){0,}die", r"x{0}die",
    r"[^a]ie", r"[a-c]ut", r"[\w]ill", r"(?:a|b|)c", r"(?:kill|)", r"m[eé] corte", r"(?x) k i l l",
    r"(?:(?:i|we)'ll|you) end it", r"(?>atomic) end", r"(a)?(?(1)b|c)d", r"(?:a|bb){2,3}z",
    r"(?:" + "|".join(f"w{i}" for i in range(80)) + r") end", r"\d+ pills", r".{2,}pills", r"(?s).ills",
    r"(?:abcde|abcdf)gh", r"pills(?! no)", r"(?!pills)\w+", r"(?:é|e)xito", r"ü+ber",
]


@pytest.mark.parametrize("source", TRICKY)
def test_a_tricky_construct_is_offered_for_every_text_it_matches(source: str) -> None:
    pattern = re.compile(source)
    index = LiteralIndex([("it", pattern)])
    rng = random.Random(source)
    texts = _texts(pattern, rng, tries=60)
    assert texts, "the generator found no text this pattern matches"
    for text in texts:
        maybe = index.candidates(text)
        assert maybe is None or "it" in maybe, text
        strings = necessary(pattern)
        assert strings is None or any(s in text for s in strings), text


def test_a_long_text_tries_every_pattern() -> None:
    index = LiteralIndex([("it", re.compile("pills"))])
    assert index.candidates("a" * (LONG_TEXT + 1)) is None


def test_a_text_shorter_than_the_literal_offers_nothing_only_when_it_cannot_match() -> None:
    index = LiteralIndex([("it", re.compile("kill myself"))])
    assert index.candidates("kill") == set()
    assert index.candidates("kill myself") == {"it"}
