"""One rating scale everywhere (1 = calm ... 5 = very strong), said on the buttons, and reflections
that fit what the numbers did; handing a reassurance question back never sends the user off to ask."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import ROOT
from bot.events import ChoiceRef, Inbound
from bot.i18n import I18n
from tests.fakes.console import ConsoleDriver, open_console
from tests.fakes.console import shipped_definitions as definitions

ENDS = {"en": ("1 (calm)", "5 (very strong)"), "es": ("1 (en calma)", "5 (muy fuerte)")}
BUTTON_ENDS = {"en": ("calm", "very strong"), "es": ("en calma", "muy fuerte")}
RATES = [f"rate-{n}" for n in range(1, 6)]
WORRY = {"en": "he hasn't replied in 4 hours", "es": "no me contesta desde hace 4 horas"}


def _rating_steps() -> list[tuple[str, str, str]]:
    return [(f.id, step_id, s.text or "") for f in definitions().flows.values() for step_id, s in f.steps.items()
            if [c.label for c in s.choices][:5] == RATES]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_scale_direction_everywhere(lang: str) -> None:
    i18n = definitions().i18n
    steps = _rating_steps()
    assert {f for f, _, _ in steps} >= {"trigger", "ride_wave", "followup", "nudge"}
    for flow, step, key in steps:
        text = i18n.text(lang, key.replace("{timing}", "ontime"), tip="x", about="x")
        low, high = ENDS[lang]
        assert low in text and high in text and text.index(low) < text.index(high), (flow, step, text)
    assert BUTTON_ENDS[lang][0] in i18n.text(lang, "rate-1") and BUTTON_ENDS[lang][1] in i18n.text(lang, "rate-5")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_text_asks_for_a_rating_the_buttons_cannot_give(lang: str) -> None:
    for path in (ROOT / "locales" / lang).glob("*.ftl"):
        assert not re.search(r"\b1 (to|al|a) 10\b", path.read_text(encoding="utf-8")), path


async def _followup_after(tmp_path: Path, lang: str, before: int, after: int) -> dict:
    console = await open_console(tmp_path / f"{before}{after}.sqlite3", lang=lang)
    try:
        await console.send(WORRY[lang], "#done", "#my_history", "#next", f"#{before}", "#1h", ":advance 1h")
        return (await console.send(f"#{after}"))[-1]
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_followup_reflection_says_whether_the_rating_rose_fell_or_stayed(tmp_path: Path, lang: str) -> None:
    rose = await _followup_after(tmp_path, lang, 2, 4)
    fell = await _followup_after(tmp_path, lang, 4, 2)
    stayed = await _followup_after(tmp_path, lang, 3, 3)
    assert (rose["step"], fell["step"], stayed["step"]) == ("rose", "eased", "same")
    assert "2" in rose["text"] and "4" in rose["text"]
    assert [c["id"] for c in rose["choices"]] == ["ground", "talk", "later"]


async def _wave(console: ConsoleDriver, lang: str, before: int, after: int) -> dict:
    for _ in range(3):
        await console.send("/stop", WORRY[lang])
    await console.send("#ride", f"#{before}")
    console.clock.advance(timedelta(minutes=21))
    return (await console.send("#back", f"#{after}"))[-1]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_ride_the_wave_names_a_rise_as_a_rise(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "w.sqlite3", lang=lang)
    try:
        higher = await _wave(console, lang, 2, 4)
        assert higher["step"] == "higher" and "2" in higher["text"] and "4" in higher["text"]
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_a_calm_daily_checkin_is_a_good_day(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "n.sqlite3", lang=lang)
    try:
        await console.send("/nudge 09:00", ":advance 1d")
        thanks = await console.send("#1")
        assert thanks[-1]["text"] == definitions().i18n.text(lang, "nudge-thanks-high")
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_stale_press_after_finished_flow_says_nothing_is_open(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "s.sqlite3", lang=lang)
    try:
        await console.send(WORRY[lang], "#done", "#my_history", "#next")
        rate = await console.send("#3")
        await console.send("#no")
        stale = await console.app.engine.handle(_press(console, "3", version=1))
        assert [r.text for r in stale] == [definitions().i18n.text(lang, "nothing-open")]
        typed = await console.send("4")
        assert typed[-1]["step"] == "nothing_open" and rate
    finally:
        await console.close()


def _press(console: ConsoleDriver, choice: str, version: int):  # type: ignore[no-untyped-def]
    session = console.session
    return Inbound(user=session.user, chat=session.chat, choice=ChoiceRef(choice, version),
                   received_at=console.clock.now())


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_stale_press_inside_a_flow_shows_where_the_user_is(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "s.sqlite3", lang=lang)
    try:
        await console.send(WORRY[lang])
        await console.send("#done")
        stale = await console.app.engine.handle(_press(console, "another", version=1))
        assert [r.step for r in stale] == ["diagnostic", "diagnostic"]
        assert stale[0].text == definitions().i18n.text(lang, "choice-passed")
    finally:
        await console.close()


ASK_AGAIN = {
    "en": re.compile(r"\bask(ed)? (them|him|her)\b"),
    "es": re.compile(r"pregunt\w* (a él|a ella)|se lo pregunt"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_reflection_never_sends_user_back_to_ask(lang: str) -> None:
    i18n: I18n = definitions().i18n
    keys = [k for k in i18n.keys(lang) if k.startswith("reflection-") and "choice" not in k]
    assert {"reflection-love", "reflection-mind", "reflection-self"} <= set(keys)
    for key in keys:
        text = i18n.text(lang, key)
        assert not ASK_AGAIN[lang].search(text.lower()), (key, text)
        assert text.count("?") <= 1, (key, text)
