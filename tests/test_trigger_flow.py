"""The heart: acknowledgement, grounding, the diagnostic question and the path that fits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.actions.trigger import followup_due
from tests.fakes.console import ConsoleDriver, last


async def test_unsure_with_a_partner_signal_in_the_text_goes_to_the_relationship_path(console: ConsoleDriver) -> None:
    await console.send("he lied to me about where he was last night", "#done")
    reply = last(await console.send("#unsure"))
    assert (reply["kind"], reply["topic"]) == ("relationship_path", "partner")
    assert "lied" in reply["text"] and "too sensitive" in reply["text"]


async def test_unsure_without_a_signal_asks_the_two_discriminators(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied yet", "#done")
    first = last(await console.send("#unsure"))
    second = last(await console.send("#familiar"))
    assert (first["step"], second["step"]) == ("ask_familiar", "ask_partner")


async def test_a_partner_who_has_been_inconsistent_routes_to_the_relationship_path(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied yet", "#done", "#unsure", "#new")
    assert last(await console.send("#yes"))["kind"] == "relationship_path"


async def test_a_familiar_feeling_with_a_steady_partner_routes_to_the_internal_path(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied yet", "#done", "#unsure", "#familiar")
    reply = last(await console.send("#no"))
    assert reply["kind"] == "internal_path" and "45 minutes" in reply["text"]


@pytest.mark.parametrize(("text", "expected"), [
    ("I keep checking her location", "20 minutes"),
    ("I keep needing to hear that we are fine", "friend"),
    ("instagram couples look happier", "three small"),
    ("I'm jealous of his coworker", "fear underneath"),
])
async def test_the_internal_step_matches_the_topic(console: ConsoleDriver, text: str, expected: str) -> None:
    await console.send(text, "#skip")
    assert expected in last(await console.send("#my_history"))["text"]


async def test_others_too_validates_the_signal_and_offers_help_raising_it(console: ConsoleDriver) -> None:
    await console.send("she says I'm too sensitive whenever I ask", "#done")
    reply = last(await console.send("#others_too"))
    assert reply["kind"] == "relationship_path"
    assert "not a flaw in you" in reply["text"] and "/help" in reply["text"]
    assert [c["id"] for c in reply["choices"]] == ["communicate", "next"]


async def test_the_communicate_helper_drafts_from_the_users_own_words(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied all evening", "#done", "#my_history", "#communicate", "#anxious",
                       "#plan")
    draft = (await console.send("you went quiet after dinner"))[0]
    assert draft["kind"] == "communicate"
    assert "When you went quiet after dinner, I felt anxious" in draft["text"]
    assert "old fear" in draft["text"] and "you never" not in draft["text"].lower()
    back = last(await console.send("#next"))
    assert (back["flow"], back["step"]) == ("trigger", "rate")


async def test_the_journal_records_topic_route_intensity_and_text(console: ConsoleDriver) -> None:
    await console.send("I keep checking his location", "#done", "#my_history", "#next", "#2", "#no")
    rows = await console.app.store.connection.execute_fetchall("SELECT topic, route, intensity, text FROM journal")
    assert [tuple(r) for r in rows] == [("monitoring", "internal", 2, "I keep checking his location")]


async def test_choosing_a_followup_records_one_scheduled_row(console: ConsoleDriver) -> None:
    await console.send("he hasn't replied", "#done", "#my_history", "#next", "#4")
    closing = last(await console.send("#3h"))
    rows = await console.app.store.connection.execute_fetchall("SELECT kind, due_at, status FROM scheduled")
    assert [(r[0], r[2]) for r in rows] == [("followup", "pending")]
    assert rows[0][1] == int(console.clock.now().timestamp()) + 3 * 3600
    assert "check in" in closing["text"]


def test_tomorrow_means_nine_in_the_morning_local_time_on_the_next_day() -> None:
    late_evening_in_madrid = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 in Madrid
    due = followup_due("tomorrow", late_evening_in_madrid, "Europe/Madrid")
    assert due is not None and due.astimezone(UTC) == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
