"""A report of asking the partner for reassurance is the reassurance topic, in en and es alike.

"I keep asking her whether she still wants me" tells the loop itself: the trigger flow meets
it. "Does she still want me?" asks the bot for a verdict: it is handed back (a reflection).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from bot.topics import TopicDetector
from tests.fakes.console import ConsoleDriver, kinds, open_console

# The same report in both languages, so en and es are held to the same behaviour.
REPORTS = [
    ("en", "I keep asking her whether she still wants me"),
    ("es", "otra vez le pregunté si sigue enamorado de mí"),
    ("en", "I asked him again if he still loves me"),
    ("es", "le he vuelto a preguntar si todavía me quiere"),
    ("en", "i keep asking my boyfriend to promise he won't leave me"),
    ("es", "le pedí otra vez que me prometiera que no me va a dejar"),
    ("en", "I texted her asking if we're okay"),
    ("es", "no paro de preguntarle si estamos bien"),
    # The question quoted right after the act, with no "if"/"si" between them.
    ("en", "i keep asking him does he still love me"),
    ("es", "le pregunto siempre: ¿me quieres?"),
    ("en", "every day i ask her, are you going to leave me?"),
    ("es", "le vivo preguntando ¿me sigues queriendo?"),
]
QUESTIONS = [
    ("en", "does she still want me?"),
    ("es", "¿sigue enamorado de mí?"),
    ("en", "does he still love me?"),
    ("es", "¿todavía me quiere?"),
]


async def past_any_safety_question(driver: ConsoleDriver, text: str) -> list[dict]:
    """Send text; if the safety tier asks "are you safe?" first, answer that the user is safe.

    The second safety tier belongs to the safety screen and may ask about any message; what
    is pinned here is where the words go after it.
    """
    replies = await driver.send(text)
    if replies and replies[0]["flow"] == "safety_check":
        replies = [r for r in await driver.send("#safe") if r["flow"] != "safety_check"]
    return replies


@pytest.fixture(scope="module")
def detector() -> TopicDetector:
    return TopicDetector(I18n(ROOT / "locales"))


@pytest.mark.parametrize(("lang", "text"), REPORTS)
def test_report_of_asking_is_the_reassurance_topic(detector: TopicDetector, lang: str, text: str) -> None:
    reading = detector.read(text)
    assert (reading.topic, reading.signal, reading.asking) == ("reassurance", "none", True)


@pytest.mark.parametrize(("lang", "text"), REPORTS)
async def test_report_of_asking_opens_the_trigger_flow_not_a_reflection(db_path: Path, lang: str, text: str) -> None:
    driver = await open_console(db_path, lang=lang)
    try:
        replies = await past_any_safety_question(driver, text)
        assert "reflection" not in kinds(replies)
        assert replies[0]["flow"] == "trigger" and replies[0]["topic"] == "reassurance"
        assert replies[-1]["kind"] == "grounding"
    finally:
        await driver.close()


@pytest.mark.parametrize(("lang", "text"), QUESTIONS)
async def test_a_direct_reassurance_question_still_gets_a_reflection(db_path: Path, lang: str, text: str) -> None:
    driver = await open_console(db_path, lang=lang)
    try:
        assert kinds(await driver.send(text)) == ["reflection"]
    finally:
        await driver.close()


def test_asking_about_plans_is_not_reassurance(detector: TopicDetector) -> None:
    assert not detector.read("I asked him if he's coming to dinner on Friday").asking
    assert not detector.read("le pregunté si viene a cenar el viernes").asking
    assert not detector.read("I asked him are you coming to dinner").asking
    assert not detector.read("le pregunté ¿me pasas la sal?").asking


def test_a_partner_signal_still_wins_over_a_report_of_asking(detector: TopicDetector) -> None:
    reading = detector.read("I keep asking him if he loves me and he says I'm too sensitive")
    assert (reading.topic, reading.signal) == ("partner", "dismissal")
