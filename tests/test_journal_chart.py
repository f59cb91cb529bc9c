"""The week and month pictures: the figure's data and words (not its pixels), and the same numbers in text."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from matplotlib.text import Text

from bot.app import ROOT
from bot.i18n import I18n
from bot.journal.chart import ChartWorker, build_figure, png_bytes
from bot.journal.summary import period_ending, summarize
from bot.journal.words import chart_words, summary_text
from storage.journal import Moment
from tests.fakes.console import START, ConsoleDriver, open_console
from tests.journal_fixtures import Entry, week_of_moments, write_journal

USER = "console:local"


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return I18n(ROOT / "locales")


def _moments(entries: list[Entry]) -> list[Moment]:
    return [Moment(f"m{n}", e.at, e.topic, e.route, e.before, e.after) for n, e in enumerate(entries)]


def _figure(i18n: I18n, locale: str, tz: str, entries: list[Entry], now: datetime = START, name: str = "week"):
    summary = summarize(_moments(entries), period_ending(now, tz, name))
    return summary, build_figure(summary, chart_words(i18n, locale, summary))


def _line(ax, gid: str):
    return next(line for line in ax.get_lines() if line.get_gid() == gid)


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize(("locale", "ticks", "legend", "title"), [
    ("en", ["Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 1", "Mon 2"],
     ["my history", "the relationship", "not answered", "after the follow-up"], "Last 7 days (Feb 24 – Mar 2)"),
    ("es", ["mar 24", "mié 25", "jue 26", "vie 27", "sáb 28", "dom 1", "lun 2"],
     ["mi historia", "la relación", "sin respuesta", "después del seguimiento"], "Últimos 7 días (24 feb – 2 mar)"),
])
def test_the_week_chart_has_a_point_per_moment_and_labels_in_the_users_language(
        i18n: I18n, locale: str, ticks: list[str], legend: list[str], title: str) -> None:
    _summary, fig = _figure(i18n, locale, "Europe/Madrid", week_of_moments(START))
    days, topics, settle = fig.axes
    befores = sum(len(line.get_xdata()) for line in days.get_lines() if line.get_gid().startswith("before-"))
    assert befores == 7 and len(_line(days, "after").get_xdata()) == 6
    assert [t.get_text() for t in days.get_xticklabels()] == ticks
    assert [t.get_text() for t in days.get_legend().get_texts()] == legend
    assert fig.get_suptitle() == title
    assert [round(b.get_width()) for b in topics.patches] == [4, 1, 1, 1]
    assert [round(b.get_height()) for b in settle.patches] == [4, 1, 1, 1]  # eased, same, stronger, none


def test_points_sit_on_the_users_local_day_and_hour(i18n: I18n) -> None:
    # 23:30 UTC on Sunday is 00:30 on Monday in Madrid: the last day of the week, just after midnight.
    late = Entry(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), route="relationship")
    entries = [*week_of_moments(START)[:4], late]
    _summary, fig = _figure(i18n, "en", "Europe/Madrid", entries)
    [x] = _line(fig.axes[0], "before-relationship").get_xdata()
    assert x == pytest.approx(6 + 0.5 / 24)
    _summary, fig_utc = _figure(i18n, "en", "UTC", entries)
    [x_utc] = _line(fig_utc.axes[0], "before-relationship").get_xdata()
    assert x_utc == pytest.approx(5 + 23.5 / 24)


def test_a_week_across_the_dst_change_keeps_wall_clock_positions(i18n: I18n) -> None:
    now = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)  # Madrid moved to summer time on Sunday 29 March
    noon_each_day = [Entry(datetime(2026, 3, d, 11 if d >= 29 else 12, tzinfo=UTC)) for d in range(25, 32)]
    _summary, fig = _figure(i18n, "en", "Europe/Madrid", noon_each_day, now=now)
    xs = list(_line(fig.axes[0], "before-internal").get_xdata())
    assert xs == pytest.approx([d + 13 / 24 for d in range(7)])  # 13:00 local every day, before and after


def test_the_month_chart_labels_every_fifth_day(i18n: I18n) -> None:
    _summary, fig = _figure(i18n, "es", "Europe/Madrid", week_of_moments(START), name="month")
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["1 feb", "6 feb", "11 feb", "16 feb", "21 feb", "26 feb"]
    assert fig.get_suptitle() == "Últimos 30 días (1 feb – 2 mar)"


def test_nothing_the_user_wrote_is_in_the_picture(i18n: I18n) -> None:
    _summary, fig = _figure(i18n, "en", "UTC", week_of_moments(START))
    assert not any("replied" in text or "checking" in text for text in _texts(fig))


def test_the_picture_is_a_png_drawn_in_memory(i18n: I18n) -> None:
    _summary, fig = _figure(i18n, "en", "UTC", week_of_moments(START))
    assert png_bytes(fig).startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", ["Last 7 days: 7 hard moments, most often “Waiting for a reply” (4).",
            "Before, the feeling was 3.7 out of 5 on average, strongest on February 28.",
            "You marked 5 as your history and 1 as the relationship; 1 without an answer.",
            "6 had a follow-up: 4 eased, 1 stayed the same, 1 got stronger."]),
    ("es", ["Últimos 7 días: 7 momentos difíciles, sobre todo «Esperar una respuesta» (4).",
            "Al principio, la intensidad fue de 3,7 sobre 5 en promedio, y el día más intenso fue el 28 de febrero.",
            "Marcaste 5 como tu historia y 1 como la relación; sin respuesta: 1.",
            "Con seguimiento, 6: la intensidad bajó en 4, siguió igual en 1 y subió en 1."]),
])
def test_the_summary_states_the_same_numbers_as_the_picture(i18n: I18n, locale: str, expected: list[str]) -> None:
    summary, fig = _figure(i18n, locale, "UTC", week_of_moments(START))
    assert summary_text(i18n, locale, summary).splitlines() == expected
    days, topics, settle = fig.axes
    assert sum(len(line.get_xdata()) for line in days.get_lines() if line.get_gid().startswith("before-")) == 7
    assert round(topics.patches[0].get_width()) == 4
    assert [round(b.get_height()) for b in settle.patches][:3] == [4, 1, 1]


async def test_journal_week_sends_the_picture_with_its_summary_and_a_reflection(db_path: Path) -> None:
    console = await open_console(db_path, lang="es", tz="Europe/Madrid")
    await write_journal(console.app.store, USER, week_of_moments(START))
    chart, reflection = await console.send("/journal week")
    assert chart["kind"] == "chart" and chart["text"].startswith("Últimos 7 días: 7 momentos")
    assert Path(chart["image"]).read_bytes().startswith(b"\x89PNG")  # noqa: ASYNC240 - a small local file
    assert (reflection["kind"], reflection["step"]) == ("journal", "reflection")
    await console.close()


async def test_fewer_than_five_moments_give_no_chart_but_a_kind_line(console: ConsoleDriver) -> None:
    await write_journal(console.app.store, USER, week_of_moments(START)[:4])
    [reply] = await console.send("/journal week")
    assert (reply["step"], reply["image"]) == ("not_enough", None)
    assert reply["text"].startswith("4 moments in the last 7 days")


async def test_moments_older_than_the_week_are_left_out(console: ConsoleDriver) -> None:
    old = [Entry(START - timedelta(days=9, hours=n)) for n in range(6)]
    await write_journal(console.app.store, USER, old)
    assert (await console.send("/journal week"))[-1]["step"] == "not_enough"
    assert (await console.send("/journal month"))[0]["kind"] == "chart"


async def test_an_unknown_journal_argument_gets_the_usage(console: ConsoleDriver) -> None:
    [reply] = await console.send("/journal yesterday")
    assert reply["kind"] == "error" and "/journal week" in reply["text"]


def test_importing_the_bot_and_handling_a_message_does_not_load_matplotlib(tmp_path: Path) -> None:
    script = (
        "import asyncio, sys\n"
        "from tests.fakes.console import open_console\n"
        "async def main():\n"
        f"    c = await open_console({str(tmp_path / 'db.sqlite3')!r})\n"
        "    await c.send('he has not replied in hours and I am spiraling', '/journal', '/mydata')\n"
        "    await c.close()\n"
        "asyncio.run(main())\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_drawn_chart_is_drawn_in_the_chart_process_not_the_bots(tmp_path: Path) -> None:
    script = (
        "import asyncio, sys\n"
        "from tests.fakes.console import START, open_console\n"
        "from tests.journal_fixtures import week_of_moments, write_journal\n"
        "async def main():\n"
        f"    c = await open_console({str(tmp_path / 'db.sqlite3')!r})\n"
        "    await write_journal(c.app.store, 'console:local', week_of_moments(START))\n"
        "    [chart, *_] = await c.send('/journal week')\n"
        "    assert chart['kind'] == 'chart' and chart['image'], chart\n"
        "    await c.close()\n"
        "asyncio.run(main())\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=True)
    assert out.stdout.strip() == "False"


async def test_an_idle_chart_worker_stops_and_the_next_chart_starts_a_new_one(i18n: I18n) -> None:
    summary = summarize(_moments(week_of_moments(START)), period_ending(START, "UTC", "week"))
    words = chart_words(i18n, "en", summary)
    worker = ChartWorker(idle_s=0.05)
    first = await worker.draw(summary, words)
    assert worker.running
    await asyncio.sleep(0.3)
    assert not worker.running  # matplotlib's memory went with the process
    assert await worker.draw(summary, words) == first
    worker.stop()
    assert not worker.running
