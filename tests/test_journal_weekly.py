"""The opt-in weekly summary through the pump: its day and hour across DST, off, /stop, pause, caution."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.care.partner import FLAG as PARTNER_UNSAFE
from bot.journal.weekly import next_weekly_at, parse_when
from storage import UnitOfWork
from tests.fakes.console import START, ConsoleDriver, open_console
from tests.journal_fixtures import Entry, write_journal

pytestmark = pytest.mark.both_backends  # every test here runs on SQLite and on PostgreSQL

USER = "console:local"
MADRID = "Europe/Madrid"


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


async def _weekly_rows(console: ConsoleDriver) -> list[tuple[str, str, str | None]]:
    rows = await console.app.store.fetch_all(
        "SELECT due_at, status, note FROM scheduled WHERE kind = 'journal_weekly' ORDER BY due_at, id")
    return [(_iso(datetime.fromtimestamp(r[0], UTC)), r[1], r[2]) for r in rows]


async def _busy_weeks(console: ConsoleDriver, weeks: int) -> None:
    """Five moments in each of the coming weeks, so each summary has a picture to send."""
    entries = [Entry(START + timedelta(days=7 * w + d, hours=2)) for w in range(weeks) for d in range(5)]
    await write_journal(console.app.store, USER, entries)


async def _after_the_abuse_path(console: ConsoleDriver) -> None:
    """What the abuse path remembers (bot/care/partner.py), written as that flow writes it."""
    await console.app.store.apply(UnitOfWork(user_key=USER, chat_id="local", now=console.clock.now(),
                                             settings_patch={PARTNER_UNSAFE: "2026-03-02"}))


async def _madrid(db_path: Path, lang: str | None = None) -> ConsoleDriver:
    return await open_console(db_path, tz=MADRID, lang=lang)


async def test_the_weekly_summary_arrives_on_its_day_and_hour_across_the_dst_change(db_path: Path) -> None:
    console = await _madrid(db_path)
    await _busy_weeks(console, 5)
    saved = (await console.send("/journal weekly on sunday 19:00"))[-1]
    assert saved["step"] == "weekly_on" and "Sunday at 19:00" in saved["text"]
    out = await console.send(":advance 35d")
    charts = [r for r in out if r["kind"] == "chart"]
    # 19:00 in Madrid is 18:00 UTC in winter and 17:00 UTC from 29 March (summer time).
    assert [c["at"] for c in charts] == ["2026-03-08T18:00:00Z", "2026-03-15T18:00:00Z", "2026-03-22T18:00:00Z",
                                         "2026-03-29T17:00:00Z", "2026-04-05T17:00:00Z"]
    assert all(c["text"].startswith("Last 7 days: 5 hard moments") for c in charts)
    assert len({c["image"] for c in charts}) == 5  # five pictures, none written over another
    assert out[-1]["step"] == "footer" and "/journal weekly off" in out[-1]["text"]
    rows = await _weekly_rows(console)
    assert [r[1] for r in rows] == ["sent"] * 5 + ["pending"]  # at most one pending, never a pile-up
    await console.close()


async def test_a_day_and_time_in_spanish(db_path: Path) -> None:
    console = await _madrid(db_path, lang="es")
    saved = (await console.send("/journal weekly on sábado 18:30"))[-1]
    assert "Cada sábado a las 18:30" in saved["text"]
    assert await _weekly_rows(console) == [("2026-03-07T17:30:00Z", "pending", None)]
    await console.close()


async def test_a_new_time_zone_moves_the_pending_summary_to_the_same_local_hour(db_path: Path) -> None:
    console = await _madrid(db_path)
    await console.send("/journal weekly on sunday 19:00", "/timezone America/Mexico_City")
    # Sunday 8 March 19:00 in Mexico City (UTC-6) is 01:00 UTC on Monday.
    assert await _weekly_rows(console) == [("2026-03-08T18:00:00Z", "superseded", None),
                                           ("2026-03-09T01:00:00Z", "pending", None)]
    await console.close()


async def test_weekly_off_cancels_the_pending_summary(db_path: Path) -> None:
    console = await _madrid(db_path)
    await _busy_weeks(console, 2)
    await console.send("/journal weekly on")
    assert (await console.send("/journal weekly off"))[-1]["step"] == "weekly_off"
    assert [r for r in await console.send(":advance 14d") if r["kind"] == "chart"] == []
    assert [r[1] for r in await _weekly_rows(console)] == ["cancelled"]
    await console.close()


async def test_stop_offers_and_switches_the_weekly_summary_off_and_says_so(console: ConsoleDriver) -> None:
    await console.send("/journal weekly on")
    offer = (await console.send("/stop"))[-1]
    assert offer["step"] == "offer" and "weekly journal summary will still come" in offer["text"]
    out = await console.send("#all_off")
    assert any("weekly journal summary off" in r["text"] for r in out)
    state = (await console.send("/journal weekly"))[-1]
    assert state["text"].startswith("Weekly summaries are off.")
    assert [r[1] for r in await _weekly_rows(console)] == ["cancelled"]


async def test_a_pause_skips_that_week_and_keeps_the_next(db_path: Path) -> None:
    console = await _madrid(db_path)
    await _busy_weeks(console, 3)
    await console.send("/journal weekly on sunday 19:00", "/pause 7d")
    charts = [r for r in await console.send(":advance 14d") if r["kind"] == "chart"]
    assert [c["at"] for c in charts] == ["2026-03-15T18:00:00Z"]
    assert (await _weekly_rows(console))[0] == ("2026-03-08T18:00:00Z", "dropped", "paused")
    await console.close()


async def test_after_the_abuse_path_the_picture_is_not_pushed_unasked(db_path: Path) -> None:
    console = await _madrid(db_path)
    await _busy_weeks(console, 2)
    await console.send("/journal weekly on")
    await _after_the_abuse_path(console)
    assert [r for r in await console.send(":advance 7d") if r["kind"] == "chart"] == []
    assert (await _weekly_rows(console))[:2] == [("2026-03-08T18:00:00Z", "dropped", "partner-unsafe"),
                                                 ("2026-03-15T18:00:00Z", "pending", None)]
    asked = await console.send("/journal month")
    assert asked[0]["kind"] == "chart"  # still there whenever the user chooses to look
    await console.close()


async def test_turning_it_on_after_the_abuse_path_says_it_will_wait_to_be_asked(console: ConsoleDriver) -> None:
    await console.send("/journal")
    await _after_the_abuse_path(console)
    out = await console.send("/journal weekly on")
    assert [r["step"] for r in out] == ["weekly_on_held", "held"]


async def test_a_week_without_moments_sends_nothing(db_path: Path) -> None:
    console = await _madrid(db_path)
    await console.send("/journal weekly on")
    assert await console.send(":advance 7d") == []
    assert (await _weekly_rows(console))[0][1] == "sent"
    await console.close()


async def test_a_time_inside_quiet_hours_is_refused(console: ConsoleDriver) -> None:
    [reply] = await console.send("/journal weekly on sunday 23:00")
    assert reply["kind"] == "error" and "22:00-08:00" in reply["text"]
    assert await console.app.store.queue("t").counts() == {}


async def test_an_unreadable_day_gets_an_example(console: ConsoleDriver) -> None:
    [reply] = await console.send("/journal weekly on someday")
    assert reply["kind"] == "error" and "/journal weekly on sunday 19:00" in reply["text"]


def test_day_and_time_may_come_in_either_order_and_default_to_sunday_evening() -> None:
    assert parse_when([]) == (6, parse_when(["19:00"])[1])  # type: ignore[index]
    assert parse_when(["19:30", "Mon"]) == parse_when(["lunes", "19:30"])
    assert parse_when(["mié"]) == parse_when(["wednesday"]) != parse_when(["mon"])
    assert parse_when(["sunday", "sunday"]) is None


def test_next_weekly_at_is_strictly_after_and_none_when_off() -> None:
    settings = {"journal_weekly": {"on": True, "day": 0, "time": "10:00"}}  # Monday 10:00
    assert next_weekly_at(START - timedelta(minutes=1), settings, "UTC") == START
    assert next_weekly_at(START, settings, "UTC") == START + timedelta(days=7)
    assert next_weekly_at(START, {"journal_weekly": {"on": False}}, "UTC") is None
