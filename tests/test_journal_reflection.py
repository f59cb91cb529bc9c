"""What the picture says: an observation, never a verdict; a therapist when the same worry keeps coming back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.journal.summary import pattern_has_come_back, period_ending, reflection_key, summarize
from storage.journal import Moment
from tests.fakes.console import START, open_console
from tests.journal_fixtures import Entry, write_journal


def _moments(entries: list[Entry]) -> list[Moment]:
    return [Moment(f"m{n}", e.at, e.topic, e.route, e.before, e.after) for n, e in enumerate(entries)]


def _key(entries: list[Entry]) -> str:
    return reflection_key(summarize(_moments(entries), period_ending(START, "UTC", "week")))


def _day(n: int) -> timedelta:
    return timedelta(days=n, hours=1)


def test_relationship_moments_after_something_the_partner_did_are_taken_seriously() -> None:
    entries = [Entry(START - _day(n), "partner", "relationship", 4, 4) for n in range(3)]
    entries += [Entry(START - _day(4), "texting", "internal", 3, 2), Entry(START - _day(5), "texting", None, 3, 2)]
    assert _key(entries) == "relationship-events"


def test_the_same_worry_that_settles_is_named_as_such() -> None:
    entries = [Entry(START - _day(n), "texting", "internal", 4, 2) for n in range(4)]
    entries.append(Entry(START - _day(5), "jealousy", "internal", 3, 3))
    assert _key(entries) == "same-settled"


def test_a_mix_gets_a_neutral_observation() -> None:
    topics = ["texting", "jealousy", "comparison", "monitoring", "reassurance"]
    entries = [Entry(START - _day(n), t, "internal" if n % 2 else None, 3, 3) for n, t in enumerate(topics)]
    assert _key(entries) == "mixed"


def _weeks_of(topic: str, weeks: int) -> list[Entry]:
    return [Entry(START - timedelta(days=7 * w + d, hours=1), topic) for w in range(weeks) for d in (1, 2)]


def test_the_same_worry_leading_three_weeks_in_a_row_counts_as_a_pattern() -> None:
    assert pattern_has_come_back(_moments(_weeks_of("texting", 3)), START) == 3
    assert pattern_has_come_back(_moments(_weeks_of("texting", 2)), START) == 0
    assert pattern_has_come_back(_moments(_weeks_of("other", 4)), START) == 0  # "something else" is no pattern


async def test_a_pattern_that_keeps_coming_back_mentions_a_therapist_plainly(db_path: Path) -> None:
    console = await open_console(db_path)
    entries = [Entry(START - timedelta(days=7 * w + d, hours=1), "monitoring") for w in range(4) for d in range(1, 6)]
    await write_journal(console.app.store, "console:local", entries)
    out = await console.send("/journal week")
    assert [r["step"] for r in out] == ["picture", "reflection", "therapist"]
    assert "4 weeks in a row" in out[-1]["text"] and "therapist" in out[-1]["text"]
    await console.close()


async def test_no_therapist_line_without_a_repeating_pattern(db_path: Path) -> None:
    console = await open_console(db_path)
    await write_journal(console.app.store, "console:local", [Entry(START - _day(n)) for n in range(5)])
    assert [r["step"] for r in await console.send("/journal week")] == ["picture", "reflection"]
    await console.close()


def test_every_reflection_has_words_in_both_languages() -> None:
    from bot.app import ROOT
    from bot.i18n import I18n
    from bot.journal.summary import REFLECTIONS

    i18n = I18n(ROOT / "locales")
    assert all(i18n.has(loc, f"journal-reflection-{key}") for key in REFLECTIONS for loc in ("en", "es"))


def test_reflection_key_only_ever_picks_a_known_observation() -> None:
    from bot.journal.summary import REFLECTIONS

    for route in ("internal", "relationship", None):
        for topic in ("texting", "partner", "other"):
            entries = [Entry(START - _day(n), topic, route, 4, n % 5 + 1) for n in range(6)]
            assert _key(entries) in REFLECTIONS
