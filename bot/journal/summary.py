"""What a week or month of the journal shows, as plain numbers: the one source for picture and words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.scheduling.localtime import local_instant
from storage.journal import Moment

PERIOD_DAYS = {"week": 7, "month": 30}
MIN_MOMENTS = 5
TOPIC_ORDER = ("texting", "comparison", "jealousy", "monitoring", "reassurance", "partner", "other")
ROUTES = ("internal", "relationship", None)
# How many recent weeks are compared when asking "has the same worry come back for weeks?".
PATTERN_WEEKS = 4
PATTERN_MIN_WEEKS = 3
PATTERN_MIN_PER_WEEK = 2
# Every observation ``reflection_key`` may pick; each is a ``journal-reflection-<key>`` text.
REFLECTIONS = ("relationship-events", "relationship", "same-settled", "same", "settled", "mixed")


@dataclass(frozen=True, slots=True)
class Period:
    """The last ``days`` local days ending today, in the user's zone: [start, end)."""

    name: str
    tz: str
    first_day: date
    days: int
    start: datetime
    end: datetime

    def x_of(self, when: datetime) -> float:
        """Days since the first local midnight, by the wall clock (a 23-hour DST day still spans 1.0)."""
        local = when.astimezone(ZoneInfo(self.tz)).replace(tzinfo=None)
        delta = local - datetime.combine(self.first_day, time(0))
        return delta.total_seconds() / 86400


def period_ending(now: datetime, tz: str, name: str) -> Period:
    days = PERIOD_DAYS[name]
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    return Period(name=name, tz=tz, first_day=first, days=days,
                  start=local_instant(first, time(0), zone), end=now)


@dataclass(frozen=True, slots=True)
class Point:
    """One rated moment on the intensity chart (a ``Point``)."""

    x: float
    before: int
    after: int | None
    route: str | None


@dataclass(frozen=True, slots=True)
class Summary:
    """The numbers both the picture and the text summary state (``Summary``)."""

    period: Period
    count: int
    points: tuple[Point, ...]
    topics: tuple[tuple[str, int], ...]  # most frequent first
    routes: dict[str | None, int]
    followed: int
    eased: int
    same: int
    stronger: int
    mean_change: float | None  # after minus before, over followed moments (negative = eased)
    mean_before: float | None
    peak_day: date | None  # the local day with the highest mean rating before
    relationship_after_events: int  # marked "the relationship" and about something the partner did

    @property
    def enough(self) -> bool:
        return self.count >= MIN_MOMENTS

    @property
    def unfollowed(self) -> int:
        return self.count - self.followed


def summarize(moments: Sequence[Moment], period: Period) -> Summary:
    rated = [m for m in moments if m.intensity is not None]
    points = tuple(Point(period.x_of(m.created_at), m.intensity, m.intensity_after, m.route)  # type: ignore[arg-type]
                   for m in rated)
    counts = Counter(m.topic if m.topic in TOPIC_ORDER else "other" for m in moments)
    topics = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], TOPIC_ORDER.index(kv[0]))))
    routes = {r: sum(1 for m in moments if m.route == r) for r in ROUTES}
    followed = [m for m in rated if m.intensity_after is not None]
    changes = [m.intensity_after - m.intensity for m in followed]  # type: ignore[operator]
    by_day: dict[date, list[int]] = {}
    for m in rated:
        day = m.created_at.astimezone(ZoneInfo(period.tz)).date()
        by_day.setdefault(day, []).append(m.intensity)  # type: ignore[arg-type]
    peak = max(by_day, key=lambda d: (sum(by_day[d]) / len(by_day[d]), d)) if by_day else None
    return Summary(
        period=period, count=len(moments), points=points, topics=topics, routes=routes,
        followed=len(followed), eased=sum(1 for c in changes if c < 0), same=sum(1 for c in changes if c == 0),
        stronger=sum(1 for c in changes if c > 0),
        mean_change=round(sum(changes) / len(changes), 1) if changes else None,
        mean_before=round(sum(p.before for p in points) / len(points), 1) if points else None,
        peak_day=peak,
        relationship_after_events=sum(1 for m in moments if m.route == "relationship" and m.topic == "partner"),
    )


def reflection_key(s: Summary) -> str:
    """Which observation fits best; each is an observation about the pattern, never a verdict."""
    internal, relationship = s.routes["internal"], s.routes["relationship"]
    if relationship >= 2 and relationship >= internal:
        return "relationship-events" if s.relationship_after_events >= 2 else "relationship"
    top_topic, top_count = s.topics[0] if s.topics else ("other", 0)
    settled = s.followed > 0 and s.eased * 2 > s.followed
    if top_topic != "other" and top_count * 2 >= s.count >= 3:
        return "same-settled" if settled else "same"
    if s.followed >= 3 and settled:
        return "settled"
    return "mixed"


def repeated_topic_weeks(moments: Sequence[Moment], end: datetime) -> tuple[str | None, int]:
    """The topic that led in each of the most recent weeks, and for how many weeks in a row.

    ``moments`` should cover the ``PATTERN_WEEKS`` weeks before ``end``; a week counts when
    one topic came up at least ``PATTERN_MIN_PER_WEEK`` times and more than any other.
    """
    leaders: list[str | None] = []
    for back in range(PATTERN_WEEKS):
        hi, lo = end - timedelta(days=7 * back), end - timedelta(days=7 * (back + 1))
        counts = Counter(m.topic for m in moments if lo <= m.created_at < hi).most_common(2)
        top = counts[0] if counts else None
        clear = (top is not None and top[0] != "other" and top[1] >= PATTERN_MIN_PER_WEEK
                 and (len(counts) == 1 or counts[1][1] < top[1]))
        leaders.append(top[0] if clear and top else None)
    first = leaders[0]
    if first is None:
        return None, 0
    run = 0
    for leader in leaders:
        if leader != first:
            break
        run += 1
    return first, run


def pattern_has_come_back(moments: Sequence[Moment], end: datetime) -> int:
    """How many weeks in a row the same worry led, when that is enough to mention (else 0)."""
    _topic, weeks = repeated_topic_weeks(moments, end)
    return weeks if weeks >= PATTERN_MIN_WEEKS else 0
