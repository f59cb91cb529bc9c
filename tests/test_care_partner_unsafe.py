"""After the abuse path, the bot never coaches the user to talk things through with that partner."""

from __future__ import annotations

from tests.fakes.console import ConsoleDriver, last


async def _through_the_abuse_path(console: ConsoleDriver) -> None:
    replies = await console.send("my boyfriend hit me last night")
    assert replies[0]["kind"] == "abuse"
    await console.send("#safe")


async def test_a_later_trigger_offers_safety_instead_of_the_communicate_helper(console: ConsoleDriver) -> None:
    await _through_the_abuse_path(console)
    await console.send("/stop", "he hasn't replied all day", "#done")
    reply = last(await console.send("#my_history"))
    assert reply["step"] == "partner_unsafe"
    assert "communicate" not in [c["id"] for c in reply["choices"]]
    assert "isn't a safe first step" in reply["text"]


async def test_the_communicate_command_does_not_script_a_talk_after_the_abuse_path(console: ConsoleDriver) -> None:
    await _through_the_abuse_path(console)
    await console.send("/stop")
    reply = last(await console.send("/communicate"))
    assert (reply["flow"], reply["step"]) == ("communicate", "unsafe")


async def test_saying_the_bot_misunderstood_brings_the_helper_back(console: ConsoleDriver) -> None:
    await _through_the_abuse_path(console)
    await console.send("/stop", "/communicate")
    reply = last(await console.send("#misread"))
    assert (reply["flow"], reply["step"]) == ("communicate", "feeling")


async def test_without_the_abuse_path_the_communicate_helper_is_offered(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied all day", "#done")
    reply = last(await console.send("#my_history"))
    assert "communicate" in [c["id"] for c in reply["choices"]]


async def test_the_flag_is_erased_by_forget(console: ConsoleDriver) -> None:
    await _through_the_abuse_path(console)
    await console.send("/forget", "#yes", "he hasn't replied all day", "#done")
    assert last(await console.send("#my_history"))["step"] == "internal_path"
