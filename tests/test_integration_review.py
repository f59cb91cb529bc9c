"""Where the merged features meet: what a cold review of the whole bot found, pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.sealing import new_key
from tests.fakes.console import ConsoleDriver, kinds, open_console


async def test_a_spanish_crisis_message_in_an_english_chat_gets_spanish_resources(console: ConsoleDriver) -> None:
    replies = await console.send("quiero morirme")
    assert kinds(replies)[0] == "crisis"
    assert replies[0]["text"].startswith("Me alegra")


async def test_a_crisis_after_a_thanks_is_answered_in_the_language_it_was_written_in(console_es: ConsoleDriver) -> None:
    await console_es.send("thanks")  # settles the chat in English
    replies = await console_es.send("me quiero matar")
    assert kinds(replies)[0] == "crisis"
    assert replies[0]["text"].startswith("Me alegra")


async def test_a_chosen_language_stays_even_in_a_crisis(console: ConsoleDriver) -> None:
    await console.send("/language", "#en")
    replies = await console.send("quiero morirme")
    assert kinds(replies)[0] == "crisis"
    assert not replies[0]["text"].startswith("Me alegra")


@pytest.mark.parametrize("word", ["vale", "sí", "bueno", "de acuerdo"])
async def test_a_spanish_ok_in_an_english_chat_is_small_talk_not_a_worry(console: ConsoleDriver, word: str) -> None:
    replies = await console.send(word)
    assert [r["flow"] for r in replies] == ["smalltalk"]


async def test_stop_does_not_promise_a_weekly_summary_held_after_the_abuse_path(console: ConsoleDriver) -> None:
    await console.send("my boyfriend hits me when he is angry", "#1", "/journal weekly on sunday 19:00")
    replies = await console.send("/stop")
    assert [r["step"] for r in replies] == ["left"]


async def test_the_console_circle_speaks_the_language_the_chat_is_in(console: ConsoleDriver) -> None:
    await console.send("hola")
    replies = await console.send(":circle press 2")
    assert replies[-1]["text"].startswith("Todavía")


async def test_a_conversation_sealed_with_a_key_now_missing_still_reaches_the_safety_screen(
    db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GROUNDWORK_SECRET_KEY", new_key())
    sealed = await open_console(db_path)
    await sealed.send("he hasn't replied all day and I'm anxious")  # leaves a sealed position behind
    await sealed.close()
    monkeypatch.delenv("GROUNDWORK_SECRET_KEY")

    keyless = await open_console(db_path)
    try:
        replies = await keyless.send("I want to kill myself")
        assert kinds(replies)[0] == "crisis"
        assert "error" not in kinds(await keyless.send("/forget", "#yes"))
    finally:
        await keyless.close()
