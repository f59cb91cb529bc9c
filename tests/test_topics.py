"""What a message is about, in both languages; partner-behaviour signals win over topics."""

from __future__ import annotations

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from bot.topics import TopicDetector

CASES = [
    ("he hasn't replied in 4 hours and I'm spiraling", "texting", "none"),
    ("she left me on read since this morning", "texting", "none"),
    ("I keep checking his location", "monitoring", "none"),
    ("I went through her phone last night", "monitoring", "none"),
    ("all the instagram couples look so much happier than us", "comparison", "none"),
    ("I'm so jealous of his coworker", "jealousy", "none"),
    ("does he still love me", "reassurance", "none"),
    ("he lied to me about where he was", "partner", "lying"),
    ("she's warm one day and cold the next", "partner", "hot_cold"),
    ("he says I'm too sensitive whenever I bring it up", "partner", "dismissal"),
    ("found hidden messages with someone", "partner", "hidden_contact"),
    ("I just feel off today", "other", "none"),
    ("no me contesta desde hace 4 horas", "texting", "none"),
    ("me dejó en visto", "texting", "none"),
    ("no puedo dejar de revisar su ubicación", "monitoring", "none"),
    ("me comparo con otras parejas", "comparison", "none"),
    ("tengo celos de su compañera", "jealousy", "none"),
    ("¿todavía me quiere?", "reassurance", "none"),
    ("me mintió otra vez", "partner", "lying"),
    ("dice que soy demasiado sensible", "partner", "dismissal"),
]


@pytest.fixture(scope="module")
def detector() -> TopicDetector:
    return TopicDetector(I18n(ROOT / "locales"))


@pytest.mark.parametrize(("text", "topic", "signal"), CASES)
def test_message_is_read_as_its_topic_and_signal(detector: TopicDetector, text: str, topic: str, signal: str) -> None:
    reading = detector.read(text)
    assert (reading.topic, reading.signal) == (topic, signal)


def test_typographic_apostrophes_read_the_same(detector: TopicDetector) -> None:
    assert detector.read("he hasn\u2019t replied").topic == "texting"
