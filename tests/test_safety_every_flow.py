"""Every flow, in whatever state it waits, gives way to the crisis path; nothing of the flow follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.console import ConsoleDriver, kinds, open_console

CRISIS = "i want to end my life"
ROOT = Path(__file__).resolve().parent.parent
STOP = {"stop", "cancel"}


def command_names() -> list[str]:
    import yaml

    names = []
    for path in sorted((ROOT / "flows").glob("*.yaml")):
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        names += [c for c in flow.get("commands", []) if c not in STOP]
    return names


@pytest.mark.parametrize("command", command_names())
async def test_crisis_interrupts_every_command_flow_where_it_waits(db_path: Path, command: str) -> None:
    console = await open_console(db_path)
    try:
        await console.send(f"/{command}")
        replies = await console.send(CRISIS)
        assert replies and replies[0]["kind"] == "crisis", (command, kinds(replies))
        assert "diagnostic" not in kinds(replies) and all(r["flow"] == "crisis" for r in replies)
    finally:
        await console.close()


@pytest.mark.parametrize("target", ["nudge:", "followup:"])
async def test_crisis_interrupts_a_scheduled_check_in(console: ConsoleDriver, target: str) -> None:
    flow = target.rstrip(":")
    if not (ROOT / "flows" / f"{flow}.yaml").exists():
        pytest.skip(f"flows/{flow}.yaml is not built yet")
    await console.send("/help")  # the user exists
    data = {"journal_id": None, "topic": "texting", "intensity": 4, "option": "1h", "timing": "1h"}
    delivered = await console.app.engine.deliver("console:local", "local", target, data, console.clock.now())
    assert delivered and delivered[-1].choices
    replies = await console.send(CRISIS)
    assert replies[0]["kind"] == "crisis" and all(r["flow"] == "crisis" for r in replies)


async def test_forget_confirmation_is_not_triggered_by_a_crisis_message(console: ConsoleDriver) -> None:
    await console.send("/safetyplan", "#begin", "music", "/forget")
    await console.send(CRISIS)
    assert await console.app.store.safety_plan("console:local") == {"warning_signs": "music"}
