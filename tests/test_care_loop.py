"""Loop awareness with the fake clock: three starts on one topic within 24h offer ride the wave."""

from __future__ import annotations

from datetime import timedelta

from tests.fakes.console import ConsoleDriver, kinds

TEXTING = "he hasn't replied in 4 hours"


async def start(console: ConsoleDriver, text: str = TEXTING) -> list[dict]:
    return await console.send("/stop", text)


async def test_the_third_start_on_one_topic_within_a_day_names_the_pattern(console: ConsoleDriver) -> None:
    assert (await start(console))[-1]["flow"] == "trigger"
    console.clock.advance(timedelta(hours=5))
    assert (await start(console, "she left me on read again"))[-1]["flow"] == "trigger"
    console.clock.advance(timedelta(hours=5))
    replies = await start(console)
    last = replies[-1]
    assert last["flow"] == "ride_wave" and last["kind"] == "reflection"
    assert "3 times" in last["text"] and [c["id"] for c in last["choices"]] == ["ride", "full"]
    assert "diagnostic" not in kinds(replies)


async def test_starts_spread_over_more_than_a_day_are_not_a_loop(console: ConsoleDriver) -> None:
    await start(console)
    console.clock.advance(timedelta(hours=13))
    await start(console)
    console.clock.advance(timedelta(hours=13))
    assert (await start(console))[-1]["flow"] == "trigger"


async def test_different_topics_are_not_one_loop(console: ConsoleDriver) -> None:
    await start(console)
    await start(console, "other couples seem so much happier than us")
    assert (await start(console, "I keep checking his location"))[-1]["flow"] == "trigger"


async def test_a_real_partner_signal_is_never_called_a_loop(console: ConsoleDriver) -> None:
    for _ in range(3):
        replies = await start(console, "he lied to me about where he was")
    assert replies[-1]["flow"] == "trigger"


async def test_the_full_flow_is_still_one_tap_away(console: ConsoleDriver) -> None:
    for _ in range(3):
        await start(console)
    replies = await console.send("#full")
    assert replies[0]["flow"] == "trigger" and replies[0]["topic"] == "texting"
    assert replies[-1]["kind"] == "grounding"
    assert "diagnostic" in kinds(await console.send("#done"))


async def test_riding_the_wave_notices_waits_twenty_minutes_and_re_rates(console: ConsoleDriver) -> None:
    for _ in range(3):
        await start(console)
    notice = await console.send("#ride")
    assert notice[-1]["step"] == "notice"
    wait = await console.send("#4")
    assert wait[-1]["step"] == "wait" and "10:20" in wait[-1]["text"]
    console.clock.advance(timedelta(minutes=21))
    rerate = await console.send("#back")
    assert rerate[-1]["step"] == "rerate"
    result = await console.send("#2")
    assert result[-1]["step"] == "lower" and "4" in result[-1]["text"] and "2" in result[-1]["text"]
    rows = await console.app.store.recent_journal("console:local", console.clock.now() - timedelta(days=1))
    assert (rows[-1]["intensity"], rows[-1]["intensity_after"]) == (4, 2)


async def test_coming_back_early_is_offered_more_time_never_blocked(console: ConsoleDriver) -> None:
    for _ in range(3):
        await start(console)
    await console.send("#ride", "#5")
    console.clock.advance(timedelta(minutes=6))
    early = await console.send("#back")
    assert early[-1]["step"] == "early" and "6 minutes" in early[-1]["text"]
    same = await console.send("#now", "#5")
    assert same[-1]["step"] == "same"
    assert {c["id"] for c in same[-1]["choices"]} == {"ground", "full", "done"}


async def test_after_choosing_the_full_flow_the_pattern_is_not_named_again_for_a_while(console: ConsoleDriver) -> None:
    for _ in range(3):
        await start(console)
    await console.send("#full")
    console.clock.advance(timedelta(hours=1))
    assert (await start(console))[-1]["flow"] == "trigger"
    console.clock.advance(timedelta(hours=6))
    assert (await start(console))[-1]["flow"] == "ride_wave"
