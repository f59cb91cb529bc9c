"""The safety plan: guided and skippable, stored per user, shown on demand, exported and erased."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fakes.console import ConsoleDriver, kinds

ANSWERS = ["racing thoughts, checking his phone", "a long walk with music", "the climbing gym",
           "my sister Ana, 600 111 222", "my GP, Samaritans", "stay at Ana's when it's bad"]


def read_export(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


async def fill_plan(console: ConsoleDriver) -> list[dict]:
    await console.send("/safetyplan", "#begin")
    replies: list[dict] = []
    for answer in ANSWERS:
        replies = await console.send(answer)
    return replies


async def test_a_new_plan_starts_with_a_gentle_offer(console: ConsoleDriver) -> None:
    replies = await console.send("/safetyplan")
    assert kinds(replies) == ["safety_plan"]
    assert [c["id"] for c in replies[0]["choices"]] == ["begin", "later"]


async def test_the_six_sections_are_asked_in_stanley_brown_order_and_saved(console: ConsoleDriver) -> None:
    await console.send("/safetyplan", "#begin")
    steps = []
    for answer in ANSWERS:
        steps.append(console.transcript[-1]["step"])
        await console.send(answer)
    assert steps == ["warning_signs", "coping", "places", "people", "professionals", "safer"]
    plan = await console.app.store.safety_plan("console:local")
    assert plan == dict(zip(steps, ANSWERS, strict=True))


async def test_finishing_shows_the_plan_back_under_600_characters_a_message(console: ConsoleDriver) -> None:
    replies = await fill_plan(console)
    assert kinds(replies)[-1] == "safety_plan" and "/forget" in replies[-1]["text"]
    shown = "\n".join(r["text"] for r in replies)
    assert "my sister Ana, 600 111 222" in shown and "the climbing gym" in shown
    assert all(len(r["text"]) <= 600 for r in replies)


async def test_every_section_can_be_skipped(console: ConsoleDriver) -> None:
    await console.send("/safetyplan", "#begin")
    replies = await console.send("#skip", "#skip", "#skip", "#skip", "#skip", "#skip")
    assert replies[-1]["step"] == "nothing"
    assert await console.app.store.safety_plan("console:local") == {}


async def test_the_professionals_step_suggests_the_line_for_the_users_country(console: ConsoleDriver) -> None:
    await console.send("/country", "#mx", "/safetyplan", "#begin", "#skip", "#skip", "#skip")
    replies = await console.send("#skip")
    assert replies[-1]["step"] == "professionals" and "800 911 2000" in replies[-1]["text"]


async def test_on_demand_the_plan_is_shown_and_can_be_edited_keeping_other_answers(console: ConsoleDriver) -> None:
    await fill_plan(console)
    shown = await console.send("/safetyplan")
    assert shown[-1]["step"] == "show" and "a long walk with music" in shown[0]["text"]
    first = await console.send("#edit")
    assert "racing thoughts" in first[-1]["text"]  # the current answer is shown when editing
    await console.send("#skip", "a hot shower", "#skip", "#skip", "#skip", "#skip")
    plan = await console.app.store.safety_plan("console:local")
    assert plan["coping"] == "a hot shower" and plan["warning_signs"] == ANSWERS[0]


async def test_the_plan_can_be_deleted_after_confirming(console: ConsoleDriver) -> None:
    await fill_plan(console)
    await console.send("/safetyplan", "#delete")
    replies = await console.send("#yes")
    assert replies[-1]["step"] == "deleted"
    assert (await console.send("/safetyplan"))[-1]["step"] == "intro"


async def test_mydata_exports_the_plan_and_forget_erases_it(console: ConsoleDriver) -> None:
    await fill_plan(console)
    export = await console.send("/mydata")
    path = next(r["file"] for r in export if r["file"])
    data = json.loads(read_export(path))
    assert data["safety_plan"]["data"]["people"] == "my sister Ana, 600 111 222"
    await console.send("/forget", "#yes")
    assert await console.app.store.safety_plan("console:local") == {}
    assert await console.app.store.count_rows_for("console:local") == 0


async def test_one_users_plan_is_never_shown_to_another(db_path: Path, console: ConsoleDriver) -> None:
    from tests.fakes.console import open_console

    await fill_plan(console)
    other = await open_console(db_path, user="bo")
    try:
        replies = await other.send("/safetyplan")
        assert replies[-1]["step"] == "intro"
        assert "Ana" not in json.dumps(replies)
    finally:
        await other.close()


async def test_a_long_plan_is_split_into_messages_of_at_most_600_characters(console: ConsoleDriver) -> None:
    await console.send("/safetyplan", "#begin")
    replies: list[dict] = []
    for section in range(6):
        replies = await console.send(f"section {section}: " + "a long careful answer " * 14)
    plan_messages = [r for r in replies if r["step"] == "saved"][:-1]
    assert len(plan_messages) >= 2
    assert all(len(r["text"]) <= 600 for r in replies)
    assert all(f"section {n}" in "\n".join(r["text"] for r in plan_messages) for n in range(6))
