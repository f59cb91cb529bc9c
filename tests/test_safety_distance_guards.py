"""Distance spans guarded against words after them are found as their one alternation found them."""

from __future__ import annotations

import pytest

from bot.safety.distance import _compiled, _Family

PATTERNS = [
    (r"(?!.*\b(die|dead)\b)my (mom|boss) is going to kill me", "guarded"),
    (r"dying to (see|meet) (him|her|you)", "plain"),
    (r"(?!.*\b(tonight)\b)(the )?(film|movie) where (he|she) dies", "guarded, second"),
    (r"my (mom|boss) is going", "plain, shorter span at the same start"),
]
TEXTS = [
    "my mom is going to kill me when she sees the car",
    "my mom is going to kill me and i want to die",
    "i want to die. my mom is going to kill me",
    "the film where he dies made me cry, then my boss is going to kill me",
    "the movie where she dies, i watch it tonight",
    "dying to meet her and my boss is going to kill me",
    "nothing here",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_guarded_family_finds_the_spans_its_alternation_finds(text: str) -> None:
    joined, family = _compiled(PATTERNS), _Family(PATTERNS)
    assert [m.span() for m in family.finditer(text)] == [m.span() for m in joined.finditer(text)]
    assert bool(family.search(text)) == bool(joined.search(text))


def test_a_guard_word_after_the_span_keeps_it_from_counting() -> None:
    family = _Family(PATTERNS[:1])
    assert family.search("my mom is going to kill me, she says i could die laughing") is None
    assert family.search("i could die laughing, my mom is going to kill me") is not None


def test_a_bad_guard_is_named_with_its_file() -> None:
    with pytest.raises(ValueError, match=r"locales/en/x\.yaml"):
        _Family([(r"(?!.*\b(die)\b)(unclosed", "locales/en/x.yaml distance b_x")])
