"""Local-time rules of the scheduler: parsing settings, DST-safe next times, quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.localtime import (
    QuietHours,
    defer_past_quiet,
    next_local,
    parse_hhmm,
    parse_pause,
    parse_quiet,
    parse_zone,
)


def _local(when: datetime, tz: str) -> str:
    return when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize("text,expected", [("09:00", time(9)), ("9:05", time(9, 5)), ("21.30", time(21, 30)),
                                           ("7h05", time(7, 5)), ("23:59", time(23, 59))])
def test_valid_times_parse(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize("text", ["25:99", "24:00", "9", "nine", "", "12:60", "-1:00"])
def test_invalid_times_are_refused(text: str) -> None:
    assert parse_hhmm(text) is None


def test_zone_names_are_matched_case_insensitively_and_unknown_ones_refused() -> None:
    assert parse_zone("europe/madrid") == "Europe/Madrid"
    assert parse_zone("America/New York") == "America/New_York"
    assert parse_zone("Mars/Olympus") is None


def test_pause_takes_days_up_to_a_month() -> None:
    assert [parse_pause(v) for v in ("1d", "3", "7 days", "0d", "31d", "soon")] == [1, 3, 7, None, None, None]


def test_quiet_window_across_midnight_contains_the_night_only() -> None:
    quiet = parse_quiet("22:00-08:00")
    assert quiet == QuietHours(time(22), time(8))
    assert quiet.contains(time(23, 30)) and quiet.contains(time(7, 59))
    assert not quiet.contains(time(8)) and not quiet.contains(time(21, 59))
    assert parse_quiet("08:00-08:00") is None and parse_quiet("22:00") is None


def test_a_time_inside_quiet_hours_is_deferred_to_their_end_in_local_time() -> None:
    due = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 in Madrid
    deferred = defer_past_quiet(due, "Europe/Madrid", parse_quiet("22:00-08:00"))
    assert _local(deferred, "Europe/Madrid") == "2026-03-03 08:00 CET"
    assert defer_past_quiet(due, "Europe/Madrid", None) == due


@pytest.mark.parametrize("tz,start,expected", [
    # Spring forward: 02:30 does not exist that night; the first valid minute after it is 03:00.
    ("Europe/Madrid", datetime(2026, 3, 28, 12, tzinfo=UTC), "2026-03-29 03:00 CEST"),
    ("America/New_York", datetime(2026, 3, 7, 12, tzinfo=UTC), "2026-03-08 03:00 EDT"),
    ("Australia/Sydney", datetime(2026, 10, 3, 0, tzinfo=UTC), "2026-10-04 03:00 AEDT"),
])
def test_nonexistent_spring_forward_time_becomes_first_valid_minute_after(
        tz: str, start: datetime, expected: str) -> None:
    assert _local(next_local(start, time(2, 30), tz), tz) == expected


@pytest.mark.parametrize("tz,start", [
    ("Europe/Madrid", datetime(2026, 10, 24, 12, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 10, 31, 12, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2026, 4, 4, 0, tzinfo=UTC)),
])
def test_repeated_autumn_time_happens_once(tz: str, start: datetime) -> None:
    at = time(1, 30) if tz == "America/New_York" else time(2, 30)
    first = next_local(start, at, tz)
    second = next_local(first, at, tz)
    assert first.astimezone(ZoneInfo(tz)).fold == 0
    # The next occurrence is a day later, not the repeat of the same wall time an hour on.
    assert second - first >= timedelta(hours=24)


@pytest.mark.parametrize("tz", ["Europe/Madrid", "America/New_York", "Australia/Sydney", "Asia/Kolkata"])
def test_nine_oclock_stays_nine_oclock_local_for_a_whole_year(tz: str) -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    for _ in range(366):
        when = next_local(when, time(9), tz)
        assert when.astimezone(ZoneInfo(tz)).strftime("%H:%M") == "09:00"


def test_not_before_skips_to_the_first_occurrence_after_a_pause() -> None:
    start = datetime(2026, 3, 2, 10, tzinfo=UTC)
    until = start + timedelta(days=3)
    after_pause = next_local(start, time(9), "Asia/Kolkata", not_before=until)
    assert _local(after_pause, "Asia/Kolkata") == "2026-03-06 09:00 IST"
