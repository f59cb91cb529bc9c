"""The country: set with /country, changeable, 'other' clears it, used for every line shown."""

from __future__ import annotations

from tests.fakes.console import ConsoleDriver


async def country_of(console: ConsoleDriver) -> str | None:
    snap = await console.app.store.load("console:local", "local")
    return snap.user.country if snap.user else None


async def test_country_command_sets_and_confirms_the_country(console: ConsoleDriver) -> None:
    ask = await console.send("/country")
    assert "haven't picked" in ask[0]["text"]
    replies = await console.send("#ca")
    assert replies[-1]["step"] == "done" and "Canada" in replies[-1]["text"]
    assert await country_of(console) == "CA"
    again = await console.send("/country")
    assert "Canada" in again[0]["text"]


async def test_country_can_be_changed_and_other_clears_it(console: ConsoleDriver) -> None:
    await console.send("/country", "#co")
    assert await country_of(console) == "CO"
    replies = await console.send("/country", "#other")
    assert replies[-1]["step"] == "done_other" and "findahelpline.com" in replies[-1]["text"]
    assert await country_of(console) is None


async def test_setting_the_country_counts_as_asked(console: ConsoleDriver) -> None:
    await console.send("/country", "#ar")
    replies = await console.send("quiero morirme")
    assert "ask_country" not in [r["step"] for r in replies]
    assert "135" in replies[0]["text"] and "911" in replies[0]["text"]
