"""Bad input gets a clear, kind reply or is ignored by design: never a crash or a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.app import ROOT
from tests.fakes.console import ConsoleDriver, last

HOSTILE_LINES = [
    "", "   ", "x" * 5000, "\x00\x01\x02\x1b[31mred\x1b[0m", "\u202eoverride\u202c", "/", "#", "#99", "#0",
    "#-1", "#nope", ":advance", ":advance xx", ":advance -3h", ":advance 99999d", ":advance 3 hours", ":",
    ":quit", "/nope", "/unknown with args", "/start@SomeBot", "🙂" * 300, "\ud800".encode("utf-8", "surrogatepass")
    .decode("utf-8", "replace"), "/trigger " + "y" * 5000, "#1",
]


@pytest.mark.parametrize("line", HOSTILE_LINES, ids=range(len(HOSTILE_LINES)))
async def test_hostile_line_gets_a_reply_that_is_not_a_traceback(console: ConsoleDriver, line: str) -> None:
    replies = await console.send(line)
    for reply in replies:
        assert "Traceback" not in reply["text"] and reply["text"]
        assert len(reply["text"]) <= 600


async def test_an_empty_message_is_answered_kindly(console: ConsoleDriver) -> None:
    assert last(await console.send(" "))["text"].startswith("I didn't catch anything")


async def test_an_unknown_choice_number_is_an_error_that_keeps_the_session(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied")
    error = last(await console.send("#99"))
    assert error["kind"] == "error" and "1 to 3" in error["text"]
    assert last(await console.send("#1"))["kind"] == "diagnostic"


async def test_malformed_advance_is_an_error_with_an_example(console: ConsoleDriver) -> None:
    reply = last(await console.send(":advance soon"))
    assert reply["kind"] == "error" and ":advance 90m" in reply["text"]


async def test_an_unknown_command_points_to_help(console: ConsoleDriver) -> None:
    reply = last(await console.send("/dance"))
    assert reply["kind"] == "error" and "/help" in reply["text"]


async def test_control_characters_are_stripped_from_what_is_stored(console: ConsoleDriver) -> None:
    await console.send("he\x00 hasn't\x1b replied")
    rows = await console.app.store.connection.execute_fetchall("SELECT text FROM journal")
    assert [r[0] for r in rows] == ["he hasn't replied"]


async def test_a_very_long_message_is_kept_bounded(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied " + "a" * 10_000)
    rows = await console.app.store.connection.execute_fetchall("SELECT length(text) FROM journal")
    assert next(iter(rows))[0] <= 4000


def test_the_jsonl_process_survives_every_hostile_line_and_answers_in_json() -> None:
    lines = [line for line in HOSTILE_LINES if "\n" not in line and "\r" not in line]
    script = "\n".join(lines) + "\n/stop\nhe hasn't replied all day\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", "--db", ":memory:"], input=script.encode(),
        capture_output=True, cwd=ROOT, timeout=90,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert out and all(set(r) == {"in", "kind", "flow", "step", "topic", "text", "choices", "image", "file", "at"}
                       for r in out)
    assert out[-1]["in"] == len(lines) + 2 and out[-1]["kind"] == "grounding"
    assert b"Traceback" not in result.stderr
