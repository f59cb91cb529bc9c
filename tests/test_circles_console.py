"""A support circle played in the terminal: setup, the check-in at its local time, presses by several members."""

from __future__ import annotations

from tests.fakes.console import ConsoleDriver


def t(console: ConsoleDriver, key: str, locale: str = "en", **args: object) -> str:
    return console.app.engine.i18n.text(locale, key, **args)


async def test_a_circle_posts_its_checkin_at_local_time_and_shows_totals_from_three(console: ConsoleDriver) -> None:
    # 10:00 UTC on 2 March is 11:00 in Madrid; the check-in is at 20:00 Madrid = 19:00 UTC.
    setup = await console.send(":circle setup 20:00 Europe/Madrid en")
    assert setup[-1]["kind"] == "settings" and "20:00" in setup[-1]["text"]

    posted = await console.send(":advance 10h")
    [post] = [r for r in posted if r["kind"] == "checkin"]
    assert post["at"] == "2026-03-02T19:00:00Z"
    assert post["text"].startswith(t(console, "circle-post"))
    assert post["choices"][0]["label"] == t(console, "circle-answer-1")

    first = await console.send(":circle press 4", ":circle press 2 as sam")
    assert [r["kind"] for r in first] == ["info", "info"]  # two private answers, no edit before 3
    third = await console.send(":circle press 5 as kim")
    assert third[0]["text"].startswith(t(console, "circle-press-counted"))
    [update] = [r for r in third if r["kind"] == "checkin"]
    assert t(console, "circle-totals", answers=3, a1=0, a2=1, a3=0, a4=1, a5=1) in update["text"]


async def test_a_second_press_changes_the_answer_and_still_counts_once(console: ConsoleDriver) -> None:
    await console.send(":circle setup 09:00 UTC en", ":advance 1d")
    await console.send(":circle press 1 as a", ":circle press 1 as b", ":circle press 1 as c")
    changed = await console.send(":circle press 5 as c")
    assert changed[0]["text"].startswith(t(console, "circle-press-changed"))
    [update] = [r for r in changed if r["kind"] == "checkin"]
    assert t(console, "circle-totals", answers=3, a1=2, a2=0, a3=0, a4=0, a5=1) in update["text"]


async def test_circle_off_ends_it(console: ConsoleDriver) -> None:
    await console.send(":circle setup 09:00 UTC en")
    ended = await console.send(":circle off")
    assert ended[-1]["text"] == t(console, "circle-off-done")
    assert [r for r in await console.send(":advance 2d") if r["kind"] == "checkin"] == []


async def test_bad_circle_input_gets_a_kind_answer(console: ConsoleDriver) -> None:
    replies = await console.send(":circle setup 25:99", ":circle press 3", ":circle dance")
    assert [r["kind"] for r in replies] == ["error", "error", "error"]
    assert replies[0]["text"] == t(console, "circle-setup-unreadable", value="25:99")
