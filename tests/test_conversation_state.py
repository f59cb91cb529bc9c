"""Versioned conversation positions: stale presses, restarts, expiry and typed answers."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from tests.fakes.console import ConsoleDriver, last, open_console


async def test_a_press_from_an_older_question_gets_info_and_the_current_step(console: ConsoleDriver) -> None:
    first = await console.send("he hasn't texted back")
    old_grounding = console.session.last_choices
    await console.send("#done")  # now at the diagnostic question
    console.session.last_choices = old_grounding  # the user scrolls up and taps an old button
    replies = await console.send("#skip")
    assert [r["kind"] for r in replies] == ["info", "diagnostic"]
    assert replies[0]["text"] == "That question has passed. Here is where we are now."
    assert first[-1]["step"] == "grounding"


async def test_a_stale_press_never_repeats_an_action(console: ConsoleDriver) -> None:
    await console.send("he hasn't texted back", "#done", "#my_history", "#next", "#3")
    offer = console.session.last_choices
    await console.send("#1h")
    console.session.last_choices = offer
    again = await console.send("#1h")
    assert [r["kind"] for r in again] == ["info"]
    rows = await console.app.store.connection.execute_fetchall(
        "SELECT count(*) FROM scheduled WHERE status = 'pending'")
    assert next(iter(rows))[0] == 1


async def test_a_press_after_the_conversation_finished_gets_a_short_info(console: ConsoleDriver) -> None:
    await console.send("/forget")
    confirm = console.session.last_choices
    await console.send("#no")
    console.session.last_choices = confirm
    replies = await console.send("#yes")
    assert [r["kind"] for r in replies] == ["info"]
    assert await console.app.store.count_rows_for("console:local") > 0


async def test_the_conversation_resumes_where_it_was_after_a_restart(db_path: Path) -> None:
    before = await open_console(db_path)
    await before.send("she's always on her phone with her ex", "#skip")
    offered = before.session.last_choices
    await before.close()
    after = await open_console(db_path)
    after.session.last_choices = offered  # the button still on screen after the restart
    replies = await after.send("#my_history")
    await after.close()
    assert last(replies)["kind"] == "internal_path"
    assert last(replies)["topic"] == "jealousy"


async def test_an_expired_conversation_is_not_resumed(console: ConsoleDriver) -> None:
    await console.send("he hasn't texted back")
    console.clock.advance(timedelta(hours=7))
    replies = await console.send("#done")
    assert [r["kind"] for r in replies] == ["info"]


async def test_typing_the_number_or_label_of_a_choice_answers_it(console: ConsoleDriver) -> None:
    await console.send("he hasn't texted back")
    assert last(await console.send("1"))["kind"] == "diagnostic"
    assert last(await console.send("probably my history talking"))["kind"] == "internal_path"


async def test_other_text_at_a_question_is_heard_and_the_flow_goes_on(console: ConsoleDriver) -> None:
    await console.send("he hasn't texted back", "#done")
    replies = await console.send("I don't know what to do")
    assert [(r["kind"], r["step"]) for r in replies] == [("info", "diagnostic"), ("diagnostic", "ask_familiar")]


async def test_other_text_at_a_step_that_asks_nothing_gets_a_hint_and_the_step_again(console: ConsoleDriver) -> None:
    await console.send("/communicate", "#anxious", "#talk", "#skip")
    replies = await console.send("what now")
    assert [(r["kind"], r["step"]) for r in replies] == [("info", "tips"), ("communicate", "tips")]


async def test_stop_leaves_the_flow_and_keeps_a_pending_followup_until_asked(console: ConsoleDriver) -> None:
    await console.send("he hasn't texted back", "#done", "#my_history", "#next", "#3", "#3h")
    await console.send("/stop")
    rows = await console.app.store.connection.execute_fetchall("SELECT status FROM scheduled")
    assert [r[0] for r in rows] == ["pending"]
    await console.send("#all_off")
    rows = await console.app.store.connection.execute_fetchall("SELECT status FROM scheduled")
    assert [r[0] for r in rows] == ["cancelled"]


async def test_the_trigger_command_asks_what_happened_then_continues(console: ConsoleDriver) -> None:
    ask = last(await console.send("/trigger"))
    assert ask["step"] == "ask_what" and ask["topic"] is None
    replies = await console.send("I keep checking his location")
    assert replies[0]["topic"] == "monitoring" and last(replies)["kind"] == "grounding"


async def test_a_new_grounding_exercise_is_never_the_previous_one(console: ConsoleDriver) -> None:
    seen = [last(await console.send("/ground"))["text"]]
    for _ in range(12):
        seen.append(last(await console.send("#another"))["text"])
    assert all(a != b for a, b in itertools.pairwise(seen))
    assert len(set(seen)) >= 4


async def test_a_start_link_with_a_payload_opens_that_flow(console: ConsoleDriver) -> None:
    reply = last(await console.send("/start ground"))
    assert (reply["flow"], reply["kind"]) == ("ground", "grounding")


async def test_a_burst_of_events_from_one_user_is_handled_in_order(console: ConsoleDriver) -> None:
    import asyncio

    from bot.events import Chat, ChoiceRef, Inbound, UserKey

    engine, now = console.app.engine, console.clock.now()
    user, chat = UserKey("console", "burst"), Chat("burst")
    first = await engine.handle(Inbound(user=user, chat=chat, received_at=now, text="he hasn't replied"))
    version = first[-1].version
    presses = [Inbound(user=user, chat=chat, received_at=now, choice=ChoiceRef("done", version))
               for _ in range(5)]
    results = await asyncio.gather(*(engine.handle(e) for e in presses))
    advanced = [r for r in results if r[-1].kind == "diagnostic" and r[0].kind == "diagnostic"]
    assert len(advanced) == 1, "exactly one of five identical presses may act"
    assert not engine._locks
