"""Every command flow walked to every end, in both locales, through the console protocol.

The walk replays paths from a fresh user each time and keeps going until every choice of
every step it can reach has been pressed at least once, so every end is reached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.replies import REPLY_KINDS, TOPICS
from tests.fakes.console import open_console

ENTRY_COMMANDS = ["/start", "/help", "/trigger", "/ground", "/learn", "/communicate", "/language",
                  "/mydata", "/forget"]
# What a person might type when a step waits for words.
TYPED = {"trigger": "he hasn't replied in 4 hours and I'm spiraling", "communicate": "you didn't text back all day"}


async def _walk(db: Path, lang: str, entry: str) -> tuple[set[tuple[str, str, str]], list[list[dict[str, Any]]]]:
    driver = await open_console(db, lang=lang)
    covered: set[tuple[str, str, str]] = set()
    ends: list[list[dict[str, Any]]] = []
    pending: list[list[str]] = [[entry]]
    runs = 0
    try:
        while pending:
            path = pending.pop()
            runs += 1
            replies = await driver.replay_as(f"walker{runs}", path)
            assert replies, f"{lang} {path}: no reply"
            for reply in replies:
                assert reply["kind"] in REPLY_KINDS
                assert reply["topic"] in (None, *TOPICS)
                assert reply["text"] and "{" not in reply["text"], reply
            last = replies[-1]
            if last["kind"] == "error":
                raise AssertionError(f"{lang} {path}: error reply {last['text']}")
            choices = last["choices"]
            if not choices and _waits_for_words(last):
                if len(path) < 25:
                    pending.append([*path, TYPED.get(last["flow"], "I keep checking his location")])
                continue
            if not choices:
                ends.append(replies)
                continue
            for choice in choices:
                key = (last["flow"], last["step"], choice["id"])
                if key not in covered and len(path) < 25:
                    covered.add(key)
                    pending.append([*path, f"#{choice['id']}"])
    finally:
        await driver.close()
    return covered, ends


def _waits_for_words(reply: dict[str, Any]) -> bool:
    return (reply["flow"], reply["step"]) in {("trigger", "ask_what"), ("communicate", "words")}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("entry", ENTRY_COMMANDS)
async def test_every_choice_of_the_flow_is_pressed_and_every_end_reached(
    tmp_path: Path, lang: str, entry: str
) -> None:
    covered, ends = await _walk(tmp_path / "walk.sqlite3", lang, entry)
    assert ends, f"{entry} in {lang} never reached an end"
    engine_flows = {flow for flow, _, _ in covered}
    if entry == "/trigger":
        assert {"trigger", "communicate"} <= engine_flows
        steps = {step for _, step, _ in covered}
        assert {"grounding", "diagnostic", "ask_familiar", "ask_partner", "internal_path",
                "relationship_path", "rate", "followup_offer"} <= steps


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_trigger_flow_in_order_from_free_text(tmp_path: Path, lang: str) -> None:
    driver = await open_console(tmp_path / "t.sqlite3", lang=lang)
    text = "he hasn't replied in 4 hours and I'm spiraling" if lang == "en" else "no me contesta desde hace 4 horas"
    first = await driver.send(text)
    assert [(r["kind"], r["step"]) for r in first] == [("info", "acknowledge"), ("grounding", "grounding")]
    assert {r["topic"] for r in first} == {"texting"}
    assert [c["id"] for c in first[-1]["choices"]] == ["done", "another", "skip"]
    diagnostic = await driver.send("#done")
    assert diagnostic[-1]["kind"] == "diagnostic"
    assert [c["id"] for c in diagnostic[-1]["choices"]] == ["others_too", "my_history", "unsure"]
    internal = await driver.send("#my_history")
    assert internal[-1]["kind"] == "internal_path"
    assert "communicate" in [c["id"] for c in internal[-1]["choices"]]
    rate = await driver.send("#next")
    assert rate[-1]["kind"] == "checkin" and [c["id"] for c in rate[-1]["choices"]] == ["1", "2", "3", "4", "5"]
    offer = await driver.send("#2")
    assert offer[-1]["kind"] == "followup_offer"
    assert [c["id"] for c in offer[-1]["choices"]] == ["1h", "3h", "tomorrow", "no"]
    closing = await driver.send("#no")
    assert closing[-1]["flow"] == "trigger" and closing[-1]["choices"] == []
    await driver.close()
