"""Daily nudges and their settings: /nudge, /timezone, /pause, /quiet, DST, tips, staleness."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.fakes.console import START, ConsoleDriver, open_console

pytestmark = pytest.mark.both_backends  # every test runs on SQLite and on PostgreSQL


def _nudges(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in replies if r["kind"] == "nudge"]


def _local(at: str, tz: str) -> str:
    return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone(ZoneInfo(tz)).strftime("%m-%d %H:%M")



async def _sent_at(console: ConsoleDriver, kind: str) -> list[str]:
    """When the pump delivered each item of ``kind`` (the console prints replies after ``:advance``)."""
    rows = await console.app.store.fetch_all(
        "SELECT done_at FROM scheduled WHERE kind = ? AND status = 'sent' ORDER BY done_at", (kind,))
    return [datetime.fromtimestamp(r[0], UTC).isoformat().replace("+00:00", "Z") for r in rows]

async def _console(db_path: Path, tz: str, now: datetime = START) -> ConsoleDriver:
    return await open_console(db_path, tz=tz, now=now)


async def test_nudge_command_with_a_time_schedules_a_daily_checkin(console: ConsoleDriver) -> None:
    saved = await console.send("/nudge 09:00")
    assert saved[-1]["kind"] == "settings" and "09:00" in saved[-1]["text"]
    arrived = _nudges(await console.send(":advance 3d"))
    assert await _sent_at(console, "nudge") == ["2026-03-03T09:00:00Z", "2026-03-04T09:00:00Z", "2026-03-05T09:00:00Z"]
    assert [c["id"] for c in arrived[0]["choices"]] == ["1", "2", "3", "4", "5", "stop_nudges"]


async def test_nudge_menu_buttons_and_a_typed_time(console: ConsoleDriver) -> None:
    menu = await console.send("/nudge")
    assert "t0900" in [c["id"] for c in menu[-1]["choices"]]
    await console.send("#other")
    saved = await console.send("18.45")
    assert saved[-1]["step"] == "saved" and "18:45" in saved[-1]["text"]


@pytest.mark.parametrize("value", ["25:99", "noon", "9"])
async def test_invalid_nudge_time_gets_an_error_with_an_example(console: ConsoleDriver, value: str) -> None:
    reply = (await console.send(f"/nudge {value}"))[-1]
    assert reply["kind"] == "error" and "/nudge 09:00" in reply["text"]


async def test_typed_invalid_time_asks_again(console: ConsoleDriver) -> None:
    await console.send("/nudge", "#other")
    out = await console.send("25:99")
    assert [r["kind"] for r in out] == ["error", "settings"] and out[-1]["step"] == "ask_time"


async def test_nudge_time_inside_quiet_hours_is_refused(console: ConsoleDriver) -> None:
    reply = (await console.send("/nudge 23:00"))[-1]
    assert reply["kind"] == "error" and "22:00-08:00" in reply["text"]
    assert await console.app.store.queue("t").counts() == {}


async def test_nudge_off_cancels_the_pending_one(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    off = await console.send("/nudge off")
    assert off[-1]["step"] == "off"
    assert _nudges(await console.send(":advance 3d")) == []


async def test_stop_these_button_ends_daily_nudges(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00", ":advance 1d")
    stopped = await console.send("#stop_nudges")
    assert stopped[-1]["step"] == "stopped"
    assert _nudges(await console.send(":advance 5d")) == []


async def test_stop_these_still_works_after_the_user_talked_to_the_bot_since(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00", ":advance 1d")
    nudge = console.session.last_choices
    await console.send("he hasn't replied since lunch", "#done")
    console.session.last_choices = nudge  # the user scrolls back up to yesterday's nudge
    stopped = await console.send("#stop_nudges")
    assert stopped[-1]["step"] == "stopped"
    assert _nudges(await console.send(":advance 5d")) == []


async def test_checkin_answer_is_kept_and_acknowledged(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00", ":advance 1d")
    thanks = await console.send("#2")
    assert thanks[-1]["kind"] == "checkin" and thanks[-1]["step"] == "thanks"
    snap = await console.app.store.load("console:local", "local")
    assert snap.user is not None and snap.user.settings["checkins"] == [["2026-03-03", 2]]


async def test_tips_are_not_repeated_within_14_days(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    arrived = _nudges(await console.send(":advance 14d"))
    assert len(arrived) == 14
    tips = [r["text"].splitlines()[-1] for r in arrived]
    assert len(set(tips)) == 14


async def test_pause_skips_nudges_for_the_chosen_days(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    paused = await console.send("/pause 3d")
    assert paused[-1]["step"] == "paused"
    arrived = _nudges(await console.send(":advance 5d"))
    assert len(arrived) == len(await _sent_at(console, "nudge"))  # each one shown
    assert await _sent_at(console, "nudge") == ["2026-03-06T09:00:00Z", "2026-03-07T09:00:00Z"]


async def test_pause_buttons_and_resume(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00", "/pause", "#d7")
    resumed = await console.send("/pause off")
    assert resumed[-1]["step"] == "resumed"
    assert len(_nudges(await console.send(":advance 1d"))) == 1


async def test_invalid_pause_gets_an_error(console: ConsoleDriver) -> None:
    reply = (await console.send("/pause forever"))[-1]
    assert reply["kind"] == "error" and "/pause 3d" in reply["text"]


async def test_timezone_typed_directly_moves_the_nudge(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    saved = await console.send("/timezone europe/madrid")
    assert saved[-1]["step"] == "saved" and "Europe/Madrid" in saved[-1]["text"]
    arrived = _nudges(await console.send(":advance 1d"))
    assert len(arrived) == len(await _sent_at(console, "nudge"))  # each one shown
    assert await _sent_at(console, "nudge") == ["2026-03-03T08:00:00Z"]


async def test_unknown_timezone_gets_an_error_with_an_example(console: ConsoleDriver) -> None:
    reply = (await console.send("/timezone Mars/Olympus"))[-1]
    assert reply["kind"] == "error" and "/timezone Europe/Madrid" in reply["text"]


async def test_timezone_picked_from_the_list(console: ConsoleDriver) -> None:
    await console.send("/timezone")
    saved = await console.send("#kolkata")
    assert "Asia/Kolkata" in saved[-1]["text"]


async def test_quiet_hours_set_directly_and_invalid_refused(console: ConsoleDriver) -> None:
    assert "23:00-07:00" in (await console.send("/quiet 23:00-07:00"))[-1]["text"]
    assert (await console.send("/quiet 25:00-07:00"))[-1]["kind"] == "error"
    assert (await console.send("/nudge 22:30"))[-1]["step"] == "saved"  # outside 23-07 now


async def test_stale_nudge_after_downtime_is_skipped_and_the_next_one_kept(console: ConsoleDriver) -> None:
    await console.send("/nudge 09:00")
    late = START.replace(hour=12) + timedelta(days=1)  # 3 h after the 09:00 nudge
    console.clock.set(late)
    assert console.app.pump is not None
    assert await console.app.pump.run_due(late) == []
    counts = await console.app.store.queue("t").counts()
    assert counts == {("nudge", "dropped"): 1, ("nudge", "pending"): 1}
    assert await console.app.pump.next_due_at() == datetime.fromisoformat("2026-03-04T09:00:00+00:00")


# ---- daylight saving time: 09:00 local stays 09:00 local -----------------------------------


@pytest.mark.parametrize("tz,start", [
    ("Europe/Madrid", datetime.fromisoformat("2026-03-25T12:00:00+00:00")),
    ("Europe/Madrid", datetime.fromisoformat("2026-10-22T12:00:00+00:00")),
    ("America/New_York", datetime.fromisoformat("2026-03-05T18:00:00+00:00")),
    ("America/New_York", datetime.fromisoformat("2026-10-29T18:00:00+00:00")),
    ("Australia/Sydney", datetime.fromisoformat("2026-04-01T03:00:00+00:00")),
    ("Australia/Sydney", datetime.fromisoformat("2026-10-01T03:00:00+00:00")),
    ("Asia/Kolkata", datetime.fromisoformat("2026-03-25T12:00:00+00:00")),
])
async def test_nine_oclock_nudge_stays_at_nine_across_dst(db_path: Path, tz: str, start: datetime) -> None:
    console = await _console(db_path, tz, start)
    try:
        await console.send("/nudge 09:00")
        arrived = _nudges(await console.send(":advance 7d"))
        assert len(arrived) == 7
        assert {_local(at, tz)[-5:] for at in await _sent_at(console, "nudge")} == {"09:00"}
    finally:
        await console.close()


async def test_nonexistent_spring_forward_time_is_sent_at_the_first_valid_minute(db_path: Path) -> None:
    console = await _console(db_path, "Europe/Madrid", datetime.fromisoformat("2026-03-27T12:00:00+00:00"))
    try:
        await console.send("/quiet off", "/nudge 02:30")
        arrived = _nudges(await console.send(":advance 3d"))
        assert len(arrived) == len(await _sent_at(console, "nudge"))  # each one shown
        local = [_local(at, "Europe/Madrid") for at in await _sent_at(console, "nudge")]
        assert local == ["03-28 02:30", "03-29 03:00", "03-30 02:30"]
    finally:
        await console.close()


async def test_repeated_autumn_hour_sends_once(db_path: Path) -> None:
    console = await _console(db_path, "America/New_York", datetime.fromisoformat("2026-10-30T12:00:00+00:00"))
    try:
        await console.send("/quiet off", "/nudge 01:30")
        arrived = _nudges(await console.send(":advance 3d"))
        assert len(arrived) == len(await _sent_at(console, "nudge"))  # each one shown
        days = Counter(_local(at, "America/New_York")[:5] for at in await _sent_at(console, "nudge"))
        assert days == Counter({"10-31": 1, "11-01": 1, "11-02": 1})
    finally:
        await console.close()
