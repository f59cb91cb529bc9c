"""/mydata exports everything stored about the user; /forget deletes all of it, after confirming."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fakes.console import ConsoleDriver, last


async def _walk_a_trigger(console: ConsoleDriver) -> None:
    await console.send("she hasn't replied since lunch", "#done", "#my_history", "#next", "#4", "#1h")


async def test_mydata_returns_a_json_file_with_the_journal_and_schedule(console: ConsoleDriver) -> None:
    await _walk_a_trigger(console)
    reply = next(r for r in await console.send("/mydata") if (r["file"] or "").endswith(".json"))
    assert reply["kind"] == "privacy" and reply["file"]
    export = json.loads(Path(reply["file"]).read_bytes())  # noqa: ASYNC240 - a small local file in a test
    assert export["user_key"] == "console:local"
    [entry] = export["journal"]
    assert (entry["topic"], entry["route"], entry["intensity"], entry["text"]) == (
        "texting", "internal", 4, "she hasn't replied since lunch")
    assert [s["kind"] for s in export["scheduled"]] == ["followup"]
    assert export["user"]["user_key"] == "console:local"


async def test_forget_asks_for_confirmation_before_deleting(console: ConsoleDriver) -> None:
    await _walk_a_trigger(console)
    confirm = last(await console.send("/forget"))
    assert [c["id"] for c in confirm["choices"]] == ["yes", "no"]
    kept = last(await console.send("#no"))
    assert kept["step"] == "kept"
    assert await console.app.store.count_rows_for("console:local") > 0


async def test_forget_deletes_every_row_including_scheduled_items(console: ConsoleDriver) -> None:
    await _walk_a_trigger(console)
    await console.send("/forget")
    done = last(await console.send("#yes"))
    assert done["step"] == "done" and done["kind"] == "privacy"
    assert await console.app.store.count_rows_for("console:local") == 0


async def test_forget_does_not_touch_another_users_data(console: ConsoleDriver) -> None:
    await _walk_a_trigger(console)
    console.session.user = console.session.user.__class__("console", "other")
    console.session.last_choices = None
    await console.send("/forget", "#yes")
    assert await console.app.store.count_rows_for("console:local") > 0
    assert await console.app.store.count_rows_for("console:other") == 0


async def test_writing_after_forget_starts_fresh_in_the_language_we_were_speaking(console: ConsoleDriver) -> None:
    await _walk_a_trigger(console)
    await console.send("/language", "#es")
    await console.send("/forget", "#yes")
    reply = last(await console.send("/help"))
    assert reply["text"].startswith("Cuéntame qué pasó")
    files = [r["file"] for r in await console.send("/mydata") if r["file"]]
    export_file = Path(next(f for f in files if f.endswith(".json")))  # the journal's CSV comes beside it
    exported = json.loads(export_file.read_bytes())  # noqa: ASYNC240 - a small local file in a test
    assert exported["journal"] == []
