"""Both tiers read every typed message in every flow and step, not only a conversation's first.

The messages here are matched by the structured detector or the model, not by a phrase list
(the first test pins that), so they show the second tier at work in the middle of a flow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import ROOT
from bot.i18n import I18n
from bot.safety.screen import PhraseScreen
from tests.fakes.console import ConsoleDriver, last, open_console

PLAN_TONIGHT = "i've got a bottle of sleeping pills next to me and i'm going to take them tonight"
RAZOR = "i keep a razor in my drawer for bad nights"
WARNING_SIGN = "lying awake feeling like a weight on everyone"  # the model opens on it outside a plan
MONITORED = "he went through my phone while i was asleep"


def test_these_messages_are_beyond_the_phrase_lists() -> None:
    phrases = PhraseScreen(I18n(ROOT / "locales"))
    assert [t for t in (PLAN_TONIGHT, RAZOR, MONITORED, WARNING_SIGN) if phrases.screen(t, "en")] == []


async def test_a_plan_typed_as_the_own_words_answer_opens_the_crisis_path(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#talk")
    replies = await console.send(PLAN_TONIGHT)
    assert replies[0]["kind"] == "crisis" and all(r["flow"] == "crisis" for r in replies)


async def test_a_plan_typed_as_the_first_trigger_answer_opens_the_crisis_path(console: ConsoleDriver) -> None:
    await console.send("/trigger")
    replies = await console.send(PLAN_TONIGHT)
    assert replies[0]["kind"] == "crisis"


async def test_a_plan_typed_as_a_follow_up_reply_opens_the_crisis_path(console: ConsoleDriver) -> None:
    await console.send("/help")  # the user exists
    data = {"journal_id": None, "topic": "texting", "intensity": 4, "option": "1h", "timing": "1h"}
    await console.app.engine.deliver("console:local", "local", "followup:", data, console.clock.now())
    replies = await console.send(RAZOR)
    assert replies[0]["kind"] == "crisis"


async def test_mid_flow_a_weaker_signal_is_asked_not_ignored(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#talk")
    reply = last(await console.send(MONITORED))
    assert (reply["flow"], reply["step"]) == ("safety_check", "ask")


async def test_safe_after_a_mid_flow_question_carries_on_with_their_words(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#talk", MONITORED)
    replies = await console.send("#safe")
    assert replies[0]["step"] == "thanks"
    assert [r["step"] for r in replies[1:3]] == ["draft", "tips"]
    assert all(r["flow"] == "communicate" for r in replies[1:])


async def test_self_harm_typed_inside_the_abuse_path_opens_the_crisis_path(console: ConsoleDriver) -> None:
    await console.send("he pushed me against the wall last night")
    replies = await console.send(RAZOR)
    assert replies[0]["kind"] == "crisis"


async def test_a_safety_plan_answer_is_the_plan_not_a_new_signal(console: ConsoleDriver) -> None:
    await console.send("/safetyplan", "#begin")
    replies = await console.send(WARNING_SIGN)
    assert all(r["flow"] == "safetyplan" for r in replies)
    plan = await console.app.store.safety_plan("console:local")
    assert plan == {"warning_signs": WARNING_SIGN}


async def test_a_button_press_is_not_screened(console: ConsoleDriver) -> None:
    await console.send("/communicate")
    replies = await console.send("#hurt")  # the choice id "hurt" is a feeling, not a signal
    assert replies[0]["flow"] == "communicate"


SHORT_EN = ["ok", "okay", "thanks", "thank you", "yes", "no", "yeah", "lol", "haha", "hmm", "👍", "😭😭😭", "❤️",
            "sorry", "?", "..."]
SHORT_ES = ["ok", "sí", "si", "vale", "ya", "gracias", "jaja", "jajaja", "no", "bueno", "dale", "claro", "listo",
            "👍", "🙏", "perdón", "vale gracias"]


@pytest.mark.parametrize(("lang", "text"), [("en", t) for t in SHORT_EN] + [("es", t) for t in SHORT_ES])
async def test_a_short_ordinary_first_message_is_never_asked(db_path: Path, lang: str, text: str) -> None:
    console = await open_console(db_path, lang=lang)
    try:
        replies = await console.send(text)
        assert not any(r["flow"] in ("safety_check", "crisis", "abuse") for r in replies), (text, replies)
    finally:
        await console.close()


@pytest.mark.parametrize("text", ["ok", "vale", "ya", "sí", "gracias", "👍"])
async def test_a_short_ordinary_answer_mid_flow_is_never_asked(db_path: Path, text: str) -> None:
    console = await open_console(db_path, lang="es")
    try:
        replies = await console.send("/communicate", "#anxious", "#talk", text)
        assert not any(r["flow"] in ("safety_check", "crisis", "abuse") for r in replies), (text, replies)
    finally:
        await console.close()
