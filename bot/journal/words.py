"""The journal's words in the user's language and zone: chart labels, summary numbers, list lines."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from bot.i18n import I18n
from bot.journal.chart import ChartWords
from bot.journal.summary import Summary
from storage.journal import Moment

MONTH_TICK_EVERY = 5


def route_word(i18n: I18n, locale: str, route: str | None) -> str:
    return i18n.text(locale, f"journal-route-{route or 'none'}")


def topic_word(i18n: I18n, locale: str, topic: str) -> str:
    known = i18n.has(locale, f"journal-topic-{topic}")
    return i18n.text(locale, f"journal-topic-{topic if known else 'other'}")


def chart_words(i18n: I18n, locale: str, s: Summary) -> ChartWords:
    p = s.period
    days = [p.first_day + timedelta(days=i) for i in range(p.days)]
    if p.name == "week":
        shown = list(range(p.days))
        labels = [format_date(d, "EEE d", locale=locale) for d in days]
    else:
        shown = list(range(0, p.days, MONTH_TICK_EVERY))
        labels = [format_skeleton("MMMd", days[i], locale=locale) for i in shown]
    change = decimal(abs(s.mean_change), locale) if s.mean_change is not None else None
    return ChartWords(
        title=i18n.text(locale, f"journal-chart-title-{p.name}",
                        first=format_skeleton("MMMd", p.first_day, locale=locale),
                        last=format_skeleton("MMMd", days[-1], locale=locale)),
        intensity_title=i18n.text(locale, "journal-chart-intensity-title"),
        intensity_axis=i18n.text(locale, "journal-chart-intensity-axis"),
        routes={r: route_word(i18n, locale, r) for r in ("internal", "relationship", None)},
        after=i18n.text(locale, "journal-chart-after"),
        day_ticks=tuple(i + 0.5 for i in shown),
        day_labels=tuple(labels),
        topics_title=i18n.text(locale, "journal-chart-topics-title"),
        topic_labels=tuple(topic_word(i18n, locale, t) for t, _n in s.topics),
        settle_title=i18n.text(locale, "journal-chart-settle-title", followed=s.followed,
                               direction=_direction(s), change=change or "0"),
        settle_labels=(i18n.text(locale, "journal-settle-eased"), i18n.text(locale, "journal-settle-same"),
                       i18n.text(locale, "journal-settle-stronger"), i18n.text(locale, "journal-settle-none")),
    )


def _direction(s: Summary) -> str:
    if s.mean_change is None:
        return "none"
    return "down" if s.mean_change < 0 else "up" if s.mean_change > 0 else "flat"


def decimal(value: float, locale: str) -> str:
    return format_decimal(value, format="0.#", locale=locale)


SUMMARY_LINES = ("journal-summary-count", "journal-summary-intensity", "journal-summary-routes",
                 "journal-summary-followup")


def summary_text(i18n: I18n, locale: str, s: Summary) -> str:
    """The picture in words, panel by panel, for screen readers and anyone who prefers words."""
    args = summary_args(i18n, locale, s)
    return "\n".join(i18n.text(locale, key, **args) for key in SUMMARY_LINES)


def summary_args(i18n: I18n, locale: str, s: Summary) -> dict[str, Any]:
    """The numbers the picture shows, for the text that says the same thing in words."""
    top, top_count = s.topics[0] if s.topics else ("other", 0)
    return {
        "period": s.period.name,
        "count": s.count,
        "topic": topic_word(i18n, locale, top),
        "topic_count": top_count,
        "topic_kinds": len(s.topics),
        "internal": s.routes["internal"],
        "relationship": s.routes["relationship"],
        "unanswered": s.routes[None],
        "followed": s.followed,
        "eased": s.eased,
        "same": s.same,
        "stronger": s.stronger,
        "direction": _direction(s),
        "change": decimal(abs(s.mean_change), locale) if s.mean_change is not None else "0",
        "mean_before": decimal(s.mean_before, locale) if s.mean_before is not None else "0",
        "peak_day": format_skeleton("MMMMd", s.peak_day, locale=locale) if s.peak_day else "",
    }


def moment_line(i18n: I18n, locale: str, tz: str, number: int, m: Moment) -> str:
    """One line of /journal: when (local), topic, route, intensity before → after."""
    if m.intensity is None:
        feeling = i18n.text(locale, "journal-line-unrated")
    elif m.intensity_after is None:
        feeling = i18n.text(locale, "journal-line-before", before=m.intensity)
    else:
        feeling = i18n.text(locale, "journal-line-both", before=m.intensity, after=m.intensity_after)
    line = i18n.text(locale, "journal-line", when=when_text(locale, tz, m), topic=topic_word(i18n, locale, m.topic),
                     route=route_word(i18n, locale, m.route), feeling=feeling)
    return f"{number}. {line}"  # the number "delete one" asks for


def when_text(locale: str, tz: str, m: Moment) -> str:
    """``Mar 2, 14:05`` / ``2 mar, 14:05`` in the user's zone."""
    local = m.created_at.astimezone(ZoneInfo(tz))
    return f"{format_skeleton('MMMd', local, locale=locale)}, {local:%H:%M}"
