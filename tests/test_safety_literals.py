"""The screen's literal prefilter: strings every match must contain, read from the pattern itself."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import I18n
from bot.safety.literals import LiteralIndex, necessary
from bot.topics import TopicDetector

ROOT = Path(__file__).resolve().parent.parent


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


def test_a_fixed_phrase_needs_the_whole_phrase() -> None:
    assert necessary(_bounded("kill myself")) == {"kill myself"}


def test_alternatives_next_to_fixed_words_are_spelled_out_whole() -> None:
    assert necessary(_bounded("(?:i|we)'ll end it")) == {"i'll end it", "we'll end it"}


def test_an_optional_part_is_not_required() -> None:
    assert necessary(_bounded("(?:really )?hopeless")) == {"hopeless", "really hopeless"}


def test_a_pattern_with_no_fixed_characters_has_no_literal_and_is_always_tried() -> None:
    pattern = _bounded(r"\w+")
    index = LiteralIndex([("any word", pattern)])
    assert necessary(pattern) is None
    assert index.candidates("nothing in common") == {"any word"}


def test_a_case_insensitive_pattern_is_always_tried() -> None:
    assert necessary(re.compile("(?i)pills")) is None


def test_a_pattern_is_a_candidate_only_when_one_of_its_strings_is_in_the_text() -> None:
    index = LiteralIndex([("pills", _bounded("(?:pills|tablets) here")), ("rope", _bounded("a rope"))])
    assert index.candidates("i have the tablets here") == {"pills"}
    assert index.candidates("see you tomorrow") == set()


def test_a_topic_reading_taken_before_the_model_loaded_is_not_reused_after() -> None:
    i18n = I18n(ROOT / "locales")
    text = "she left me on read since this morning and i can't stop checking"
    waiting = TopicDetector(i18n, load_model=False)
    waiting.read(text)
    loaded = TopicDetector(i18n)
    waiting.model = loaded.model
    assert waiting.read(text) == TopicDetector(i18n).read(text)
    assert waiting.read(text).confidence != 1.0
