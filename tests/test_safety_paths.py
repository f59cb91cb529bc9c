"""The crisis path interrupts every state of every flow, privately, and stays with the user."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.console import ConsoleDriver, kinds, open_console

CRISIS = "honestly everyone would be better off without me"
FLOWS = Path(__file__).resolve().parent.parent / "flows"


def assert_crisis_turn(replies: list[dict]) -> None:
    """A crisis turn opens with the crisis reply and never contains a diagnostic question."""
    assert replies and replies[0]["kind"] == "crisis" and replies[0]["flow"] == "crisis"
    assert "diagnostic" not in kinds(replies)
    assert all(r["flow"] == "crisis" for r in replies)
    assert all(len(r["text"]) <= 600 for r in replies)


async def test_crisis_reply_is_private_and_urgent_with_the_line_emergency_and_directory(
        console: ConsoleDriver) -> None:
    await console.send("/country", "#us")
    replies = await console.session.handle_line("I want to kill myself")
    first = replies[0]
    assert first.kind == "crisis" and first.private and first.urgent
    assert "988" in first.text and "911" in first.text and "findahelpline.com" in first.text
    assert all(r.private for r in replies)


async def test_first_crisis_asks_the_country_once_then_gives_that_line_and_grounding(console: ConsoleDriver) -> None:
    replies = await console.send(CRISIS)
    assert_crisis_turn(replies)
    assert replies[-1]["step"] == "ask_country"
    assert [c["id"] for c in replies[-1]["choices"]] == ["us", "gb", "ie", "ca", "au", "es", "mx", "ar", "co", "other"]
    after = await console.send("#gb")
    assert kinds(after) == ["crisis", "grounding", "crisis"]
    assert "116 123" in after[0]["text"] and "999" in after[0]["text"]
    again = await console.send(CRISIS)
    assert "116 123" in again[0]["text"]
    assert "ask_country" not in [r["step"] for r in again]


async def test_choosing_other_country_is_remembered_and_never_asked_again(console: ConsoleDriver) -> None:
    await console.send(CRISIS)
    await console.send("#other")
    again = await console.send(CRISIS)
    assert "ask_country" not in [r["step"] for r in again]
    assert "findahelpline.com" in again[0]["text"]


async def test_crisis_shows_the_users_own_safety_plan_after_grounding(console: ConsoleDriver) -> None:
    await console.send("/country", "#ie", "/safetyplan", "#begin", "racing thoughts at night")
    await console.send("#skip", "#skip", "call my sister Ana", "#skip", "#skip")
    replies = await console.send(CRISIS)
    assert kinds(replies) == ["crisis", "grounding", "safety_plan", "safety_plan"]
    assert "call my sister Ana" in replies[2]["text"]
    assert "116 123" in replies[0]["text"]


async def test_the_user_can_say_the_bot_misunderstood_and_carry_on(console: ConsoleDriver) -> None:
    await console.send(CRISIS, "#other")
    replies = await console.send("#misread")
    assert replies[-1]["step"] == "misread" and "/help" in replies[-1]["text"]
    follow = await console.send("he hasn't replied in 4 hours")
    assert follow[0]["flow"] == "trigger"


async def test_crisis_interrupts_mid_grounding(console: ConsoleDriver) -> None:
    replies = await console.send("he hasn't replied in 4 hours")
    assert replies[-1]["kind"] == "grounding"
    assert_crisis_turn(await console.send(CRISIS))


async def test_crisis_interrupts_mid_diagnostic_question(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied in 4 hours")
    replies = await console.send("#done")
    assert replies[-1]["kind"] == "diagnostic"
    assert_crisis_turn(await console.send("i want to d1e"))


async def test_crisis_interrupts_mid_communicate_text_input(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious")
    replies = await console.send("#talk")
    assert replies[-1]["step"] == "words"
    assert_crisis_turn(await console.send("I don’t want to be alive anymore"))


async def test_crisis_interrupts_mid_safety_plan_answer(console: ConsoleDriver) -> None:
    await console.send("/safetyplan")
    replies = await console.send("#begin")
    assert replies[-1]["step"] == "warning_signs"
    assert_crisis_turn(await console.send("I'm going to take all my pills tonight"))


async def test_a_plan_answer_that_trips_the_screen_opens_the_crisis_path_and_is_kept(console: ConsoleDriver) -> None:
    await console.send("/safetyplan", "#begin")
    replies = await console.send("thinking everyone would be better off without me")
    assert_crisis_turn(replies)
    plan = await console.app.store.safety_plan("console:local")
    assert plan == {"warning_signs": "thinking everyone would be better off without me"}
    after = await console.send("#other")
    assert "safety_plan" in kinds(after)  # and it is part of what the crisis path shows


async def test_crisis_interrupts_mid_reflection_and_ride_the_wave(console: ConsoleDriver) -> None:
    await console.send("am I overreacting?")
    assert_crisis_turn(await console.send("kms"))
    await console.send("#other")
    for _ in range(3):
        replies = await console.send("/stop", "he hasn't replied in hours, no reply at all")
    assert replies[-1]["flow"] == "ride_wave"
    assert_crisis_turn(await console.send("what's the point of living"))


async def test_words_typed_after_the_crisis_reply_are_heard_not_refused(console: ConsoleDriver) -> None:
    await console.send(CRISIS)
    replies = await console.send("I'm in a small town, it's late")
    assert kinds(replies) == ["crisis"] and replies[0]["step"] == "heard"
    assert "tap one of the options" not in replies[0]["text"].lower()
    more = await console.send("#more", "nobody picks up when I call")
    assert more[-1]["step"] == "heard"
    snap = await console.app.store.load("console:local", "local")
    assert snap.conversation is not None
    assert "nobody picks up" not in str(snap.conversation.data) and "small town" not in str(snap.conversation.data)


async def test_crisis_interrupts_mid_country_question(console: ConsoleDriver) -> None:
    await console.send("/country")
    assert_crisis_turn(await console.send("I want to end my life"))


async def test_crisis_in_a_command_argument_is_caught(console: ConsoleDriver) -> None:
    assert_crisis_turn(await console.send("/trigger I want to end my life"))


@pytest.mark.skipif(not (FLOWS / "nudges.yaml").exists(), reason="the /nudge flow is not built yet")
async def test_crisis_interrupts_mid_nudge_setup(console: ConsoleDriver) -> None:
    replies = await console.send("/nudge")
    assert replies[-1]["choices"]
    assert_crisis_turn(await console.send("i wanna kill myself"))
    await console.send("/nudge")
    ask = await console.send("#other")
    assert ask[-1]["step"] == "ask_time"
    assert_crisis_turn(await console.send("i wanna kill myself"))


async def test_a_high_anxiety_rating_is_not_a_crisis(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied in 4 hours", "#skip", "#my_history", "#next")
    replies = await console.send("#5")
    assert "crisis" not in kinds(replies)


async def test_crisis_path_in_spanish_gives_the_spanish_line(db_path: Path) -> None:
    driver = await open_console(db_path, lang="es")
    try:
        await driver.send("/country", "#es")
        replies = await driver.send("ya no quiero vivir")
        assert_crisis_turn(replies)
        assert "024" in replies[0]["text"] and "112" in replies[0]["text"]
        assert "Me alegra" in replies[0]["text"]
    finally:
        await driver.close()
