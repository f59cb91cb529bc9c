"""Follow-ups through the console: each option, supersede, cancel, quiet hours, late delivery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.console import START, ConsoleDriver, open_console

pytestmark = pytest.mark.both_backends  # every test runs on SQLite and on PostgreSQL

TRIGGER = ("he hasn't replied in 4 hours", "#done", "#my_history", "#next")


async def _ask_followup(console: ConsoleDriver, option: str, intensity: int = 4) -> list[dict[str, Any]]:
    await console.send(*TRIGGER)
    return await console.send(f"#{intensity}", f"#{option}")


async def _counts(console: ConsoleDriver) -> dict[tuple[str, str], int]:
    return await console.app.store.queue("test").counts()


def _of_kind(replies: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in replies if r["kind"] == kind]


async def _sent_at(console: ConsoleDriver, kind: str) -> list[str]:
    """When the pump delivered each item of ``kind`` (the console prints replies after ``:advance``)."""
    rows = await console.app.store.fetch_all(
        "SELECT done_at FROM scheduled WHERE kind = ? AND status = 'sent' ORDER BY done_at", (kind,))
    return [datetime.fromtimestamp(r[0], UTC).isoformat().replace("+00:00", "Z") for r in rows]


async def _followups_sent_after(console: ConsoleDriver, advance: str) -> list[str]:
    """Advance the clock by ``advance``; asserts each follow-up sent was shown, returns when they were sent."""
    arrived = _of_kind(await console.send(f":advance {advance}"), "followup")
    assert len(arrived) == len(await _sent_at(console, "followup"))  # each one shown
    return await _sent_at(console, "followup")


async def test_followup_1h_arrives_after_an_hour_with_the_earlier_rating(console: ConsoleDriver) -> None:
    await _ask_followup(console, "1h")
    assert _of_kind(await console.send(":advance 59m"), "followup") == []
    arrived = _of_kind(await console.send(":advance 1m"), "followup")
    assert len(arrived) == 1 and await _sent_at(console, "followup") == ["2026-03-02T11:00:00Z"]
    assert "waiting on a message" in arrived[0]["text"]
    assert "hasn't replied" not in arrived[0]["text"]  # never the user's own words
    eased = await console.send("#2")
    assert eased[-1]["kind"] == "reflection" and "4 to 2" in eased[-1]["text"]


async def test_followup_3h_arrives_after_three_hours(console: ConsoleDriver) -> None:
    await _ask_followup(console, "3h")
    assert await _followups_sent_after(console, "1d") == ["2026-03-02T13:00:00Z"]


async def test_followup_tomorrow_arrives_at_nine_local_next_day(db_path: Path) -> None:
    console = await open_console(db_path, tz="America/New_York")  # START is 05:00 in New York
    try:
        await _ask_followup(console, "tomorrow")
        assert await _followups_sent_after(console, "2d") == ["2026-03-03T14:00:00Z"]  # 09:00 EST
    finally:
        await console.close()


async def test_no_followup_schedules_nothing(console: ConsoleDriver) -> None:
    await _ask_followup(console, "no")
    assert _of_kind(await console.send(":advance 2d"), "followup") == []
    assert await _counts(console) == {}


async def test_a_new_trigger_supersedes_the_pending_followup(console: ConsoleDriver) -> None:
    await _ask_followup(console, "3h")
    await console.send(":advance 30m")
    await _ask_followup(console, "1h")
    assert await _followups_sent_after(console, "1d") == ["2026-03-02T11:30:00Z"]
    assert await _counts(console) == {("followup", "superseded"): 1, ("followup", "sent"): 1}


async def test_forget_cancels_every_pending_item(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    await _ask_followup(console, "1h")
    await console.send("/forget", "#yes")
    assert await console.app.store.count_rows_for("console:local") == 0
    assert await console.send(":advance 3d") == []


async def test_stop_then_switching_scheduled_off_cancels_the_followup_and_nudges(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    await _ask_followup(console, "1h")
    offered = await console.send("/stop")
    assert offered[-1]["step"] == "offer"
    stopped = await console.send("#all_off")
    assert "/nudge" in stopped[-1]["text"]
    assert await console.send(":advance 3d") == []
    counts = await _counts(console)
    assert counts == {("followup", "cancelled"): 1, ("nudge", "cancelled"): 1}


async def test_followup_due_in_quiet_hours_waits_until_they_end(db_path: Path) -> None:
    late_evening = START.replace(hour=20, minute=30)  # 21:30 in Madrid; +1h = 22:30, inside 22-08
    console = await open_console(db_path, tz="Europe/Madrid", now=late_evening)
    try:
        await _ask_followup(console, "1h")
        assert await _followups_sent_after(console, "1d") == ["2026-03-03T07:00:00Z"]  # 08:00 CET
    finally:
        await console.close()


async def test_quiet_hours_set_after_scheduling_still_defer_at_send_time(console: ConsoleDriver) -> None:
    await _ask_followup(console, "1h")  # due 11:00 UTC
    await console.send("/quiet 10:30-12:00")
    assert await _followups_sent_after(console, "1d") == ["2026-03-02T12:00:00Z"]


async def _run_pump_at(console: ConsoleDriver, when: datetime) -> list[Any]:
    console.clock.set(when)
    assert console.app.pump is not None
    return await console.app.pump.run_due(when)


async def test_followup_a_few_hours_late_is_sent_with_late_wording(console: ConsoleDriver) -> None:
    await _ask_followup(console, "1h")
    deliveries = await _run_pump_at(console, START + timedelta(hours=6))  # the bot was down for 5 h
    assert len(deliveries) == 1
    assert "later than we planned" in deliveries[0].replies[0].text


async def test_followup_more_than_12h_late_is_dropped_and_recorded(console: ConsoleDriver) -> None:
    await _ask_followup(console, "1h")
    assert await _run_pump_at(console, START + timedelta(hours=14)) == []
    rows = await console.app.store.fetch_all("SELECT status, note FROM scheduled")
    assert [tuple(r) for r in rows] == [("dropped", "stale")]


async def test_still_strong_offers_grounding_or_talking(console: ConsoleDriver) -> None:
    await _ask_followup(console, "1h", intensity=5)
    await console.send(":advance 1h")
    strong = await console.send("#5")
    assert strong[-1]["step"] == "still_strong"
    assert [c["id"] for c in strong[-1]["choices"]] == ["ground", "talk", "later"]
    assert (await console.send("#ground"))[-1]["kind"] == "grounding"


async def test_followup_rerating_is_saved_in_the_journal(console: ConsoleDriver) -> None:
    await _ask_followup(console, "1h")
    await console.send(":advance 1h", "#3")
    rows = await console.app.store.fetch_all("SELECT intensity, intensity_after FROM journal")
    assert [tuple(r) for r in rows] == [(4, 3)]


async def test_followup_in_spanish_uses_spanish_words(console_es: ConsoleDriver) -> None:
    await console_es.send("no me ha contestado en 4 horas", "#done", "#my_history", "#next", "#4", "#1h")
    arrived = _of_kind(await console_es.send(":advance 1h"), "followup")
    assert len(arrived) == 1 and "Antes te pesaba" in arrived[0]["text"]
