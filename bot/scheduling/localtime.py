"""Local wall-clock arithmetic with ``zoneinfo``: parsing settings, DST-safe next times, quiet hours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_HHMM = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_PAUSE = re.compile(r"^(\d{1,2})\s*(d|days?|días?|dias?)?$")
DEFAULT_QUIET = "22:00-08:00"
MAX_PAUSE_DAYS = 30


def parse_hhmm(text: str) -> time | None:
    """``09:00``, ``9:00``, ``21.30`` or ``7h05`` → a time; anything else → None."""
    match = _HHMM.match(text.strip().lower())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def format_hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A nightly window in local time; ``start > end`` means it crosses midnight."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{format_hhmm(self.start)}-{format_hhmm(self.end)}"

    def contains(self, local: time) -> bool:
        local = local.replace(second=0, microsecond=0, tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


def parse_quiet(text: str) -> QuietHours | None:
    """``22:00-08:00`` → QuietHours; equal ends or bad times → None."""
    start, sep, end = text.replace("–", "-").replace(" ", "").partition("-")
    first, second = parse_hhmm(start), parse_hhmm(end)
    if not sep or first is None or second is None or first == second:
        return None
    return QuietHours(first, second)


def quiet_from_settings(settings: dict[str, object]) -> QuietHours | None:
    """The user's quiet hours: the stored window, none if they turned it off, else the default."""
    value = settings.get("quiet", DEFAULT_QUIET)
    if value in (None, "off"):
        return None
    return parse_quiet(str(value)) or parse_quiet(DEFAULT_QUIET)


def parse_pause(text: str) -> int | None:
    """``3d``, ``3``, ``7 days`` → days (1..30); anything else → None."""
    match = _PAUSE.match(text.strip().lower())
    if not match:
        return None
    days = int(match.group(1))
    return days if 1 <= days <= MAX_PAUSE_DAYS else None


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse_zone(text: str) -> str | None:
    """An IANA zone name typed in any letter case (``europe/madrid``) → its canonical spelling."""
    name = _zone_names().get(text.strip().replace(" ", "_").lower())
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``zone`` as UTC; a time skipped by DST becomes the first valid minute after.

    A repeated (autumn) time resolves to its first occurrence (``fold=0``), so it happens once.
    """
    naive = datetime.combine(day, at)
    for minutes in range(0, 24 * 60):
        candidate = naive + timedelta(minutes=minutes)
        aware = candidate.replace(tzinfo=zone, fold=0)
        utc = aware.astimezone(UTC)
        # A wall time inside a spring-forward gap does not survive the round trip.
        if utc.astimezone(zone).replace(tzinfo=None) == candidate:
            return utc
    raise ValueError(f"no valid local time near {naive} in {zone}")  # pragma: no cover


def next_local(after: datetime, at: time, tz: str, *, not_before: datetime | None = None) -> datetime:
    """The first instant strictly after ``after`` (and at or after ``not_before``) at local ``at``."""
    zone = ZoneInfo(tz)
    floor = max(after, not_before) if not_before and not_before > after else after
    day = floor.astimezone(zone).date() - timedelta(days=1)
    for offset in range(0, 4):
        candidate = local_instant(day + timedelta(days=offset), at, zone)
        if candidate > after and (not_before is None or candidate >= not_before):
            return candidate
    raise ValueError("no next local time found")  # pragma: no cover


def defer_past_quiet(when: datetime, tz: str, quiet: QuietHours | None) -> datetime:
    """``when`` itself if outside quiet hours, else the end of that quiet window (local)."""
    if quiet is None:
        return when
    zone = ZoneInfo(tz)
    if not quiet.contains(when.astimezone(zone).time()):
        return when
    return next_local(when, quiet.end, tz)


def utc_offset_label(tz: str, now: datetime) -> str:
    """``UTC+05:30`` for a zone at a given instant."""
    offset = now.astimezone(ZoneInfo(tz)).utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
