"""A follow-up or nudge never interrupts a crisis conversation: it waits until that is over."""

from __future__ import annotations

import pytest

from tests.fakes.console import ConsoleDriver

pytestmark = pytest.mark.both_backends  # every test runs on SQLite and on PostgreSQL


async def _plan_followup_then_reach_crisis(console: ConsoleDriver) -> list[dict]:
    await console.send("he hasn't replied", "#done", "#my_history", "#next", "#3", "#1h")
    return await console.send("I want to kill myself")


async def test_a_followup_due_during_the_crisis_path_waits(console: ConsoleDriver) -> None:
    crisis = await _plan_followup_then_reach_crisis(console)
    assert crisis[0]["kind"] == "crisis" and crisis[-1]["choices"], "the crisis path waits for the country"
    delivered = await console.send(":advance 90m")
    assert [r["kind"] for r in delivered] == []
    rows = await console.app.store.fetch_all("SELECT status, note FROM scheduled")
    assert [tuple(r) for r in rows] == [("pending", "protected-flow")]


async def test_the_waiting_followup_arrives_once_the_crisis_path_is_over(console: ConsoleDriver) -> None:
    await _plan_followup_then_reach_crisis(console)
    await console.send(":advance 90m", "#us")
    ended = await console.send("#better")
    assert ended[-1]["choices"] == [] or ended[-1]["flow"] != "crisis"
    delivered = await console.send(":advance 2h")
    assert [r["kind"] for r in delivered][:1] == ["followup"]


async def test_a_followup_waits_while_the_user_is_answering_another_question(console: ConsoleDriver) -> None:
    from datetime import timedelta

    await console.send("he hasn't replied", "#done", "#my_history", "#next", "#3", "#1h")
    console.clock.advance(timedelta(minutes=55))
    await console.send("/ground")  # five minutes before it is due, the user starts something else
    assert [r["kind"] for r in await console.send(":advance 10m")] == []
    rows = await console.app.store.fetch_all("SELECT status, note FROM scheduled")
    assert [tuple(r) for r in rows] == [("pending", "mid-conversation")]
    later = await console.send(":advance 30m")
    assert [r["kind"] for r in later][:1] == ["followup"]


async def test_a_followup_replaces_a_conversation_left_long_ago(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied", "#done", "#my_history", "#next", "#3", "#3h")
    await console.send("/ground")  # started, then the user put the phone down
    delivered = await console.send(":advance 3h")
    assert [r["kind"] for r in delivered][:1] == ["followup"]
