"""``/journal week|month`` and the weekly summary: the picture, the same numbers in words, a reflection."""

from __future__ import annotations

from datetime import timedelta

from bot.journal.chart import render_png
from bot.journal.summary import PATTERN_WEEKS, pattern_has_come_back, period_ending, reflection_key, summarize
from bot.journal.words import chart_words, summary_text
from bot.turn import Turn
from storage.journal import JournalReader

# Stored times are whole seconds: a moment journaled in this very second still belongs to "now".
_INCLUSIVE = timedelta(seconds=1)


async def draw_journal(turn: Turn) -> str | None:
    """Summarise the period and render its chart off the loop; "not_enough" under five moments."""
    name = "month" if turn.data.get("period") == "month" else "week"
    period = period_ending(turn.now, turn.tz, name)
    reader = JournalReader(turn.engine.store)
    end = turn.now + _INCLUSIVE
    recent = await reader.between(turn.user_key, min(period.start, turn.now - timedelta(weeks=PATTERN_WEEKS)), end)
    moments = [m for m in recent if m.created_at >= period.start]
    summary = summarize(moments, period)
    turn.data.update(period=name, count=summary.count)
    if not summary.enough:
        return "not_enough"
    i18n = turn.engine.i18n
    turn.pending_image = await render_png(summary, chart_words(i18n, turn.locale, summary))
    turn.data["summary"] = summary_text(i18n, turn.locale, summary)
    turn.data["reflection"] = reflection_key(summary)
    turn.data["weeks"] = pattern_has_come_back(recent, end)
    return None


async def prepare_weekly(turn: Turn) -> str | None:
    """The pump's weekly summary: the week's picture; nothing at all after a week with no moments."""
    turn.data.pop("due", None)
    turn.data.update(period="week", weekly=1)
    period = period_ending(turn.now, turn.tz, "week")
    moments = await JournalReader(turn.engine.store).between(turn.user_key, period.start, turn.now + _INCLUSIVE)
    return None if moments else "end"


async def route_journal_pattern(turn: Turn) -> str:
    """Mention a therapist only when the same worry has led for several weeks in a row (``data["weeks"]``)."""
    if int(turn.data.get("weeks", 0) or 0) > 0:
        return "therapist"
    return await route_weekly_footer(turn)


async def route_weekly_footer(turn: Turn) -> str:
    """A summary the user did not ask for just now says how to stop them."""
    return "footer" if turn.data.get("weekly") else "end"
