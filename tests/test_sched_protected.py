"""A follow-up or nudge never interrupts a crisis conversation: it waits until that is over."""

from __future__ import annotations

from tests.fakes.console import ConsoleDriver


async def _plan_followup_then_reach_crisis(console: ConsoleDriver) -> list[dict]:
    await console.send("he hasn't replied", "#done", "#my_history", "#next", "#3", "#1h")
    return await console.send("I want to kill myself")


async def test_a_followup_due_during_the_crisis_path_waits(console: ConsoleDriver) -> None:
    crisis = await _plan_followup_then_reach_crisis(console)
    assert crisis[0]["kind"] == "crisis" and crisis[-1]["choices"], "the crisis path waits for the country"
    delivered = await console.send(":advance 90m")
    assert [r["kind"] for r in delivered] == []
    rows = await console.app.store.connection.execute_fetchall("SELECT status, note FROM scheduled")
    assert [tuple(r) for r in rows] == [("pending", "protected-flow")]


async def test_the_waiting_followup_arrives_once_the_crisis_path_is_over(console: ConsoleDriver) -> None:
    await _plan_followup_then_reach_crisis(console)
    await console.send(":advance 90m", "#us")
    ended = await console.send("#better")
    assert ended[-1]["choices"] == [] or ended[-1]["flow"] != "crisis"
    delivered = await console.send(":advance 2h")
    assert [r["kind"] for r in delivered][:1] == ["followup"]
