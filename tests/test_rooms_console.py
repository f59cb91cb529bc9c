"""A help room played in the terminal: you ask, and you play the helpers with ``:room`` commands."""

from __future__ import annotations

from tests.fakes.console import ConsoleDriver


def t(console: ConsoleDriver, key: str, **args: object) -> str:
    return console.app.engine.i18n.text("en", key, **args)


async def test_a_room_in_the_terminal_from_asking_to_closing(console: ConsoleDriver) -> None:
    await console.send(":circle setup 20:00 UTC en", ":room setup")
    (what,) = await console.send("/talk")
    assert what["text"] == t(console, "talk-ask-what")
    (question,) = await console.send("I keep checking his phone and I hate it")
    assert question["text"] == t(console, "talk-ask-help")
    who, confirm = await console.send("#listen")
    code = who["text"].split(t(console, "talk-audience-console", code="@").split("@")[1])[0].split()[-1]
    assert who["text"] == t(console, "talk-audience-console", code=code)
    assert confirm["text"] == t(console, "talk-confirm", said="I keep checking his phone and I hate it",
                                help=t(console, "talk-help-listen"))
    opened = await console.send("#open")
    assert opened[0]["flow"] == "room" and opened[0]["step"] == "helpers"  # the helpers' card
    assert opened[-1]["text"] == t(console, "talk-opened", code=code)

    claimed = await console.send(":room claim as hal")
    assert t(console, "room-helper-joined", number=1) in [r["text"] for r in claimed]
    (said,) = await console.send(":room say hal I'm here with you")
    assert said["text"] == t(console, "room-from-helper", number=1, text="I'm here with you")
    (relayed,) = await console.send("thanks, that helps")
    assert relayed["text"] == t(console, "console-room-helpers-see",
                                text=t(console, "room-from-owner", code=code, text="thanks, that helps"))
    closed = await console.send(f"#{'okay'}")
    assert closed[-1]["text"] == t(console, "room-owner-closed-owner")
    await console.send(":advance 4d")  # the room's days are over: deleted with its mapping
    rows = await console.app.store.connection.execute_fetchall("SELECT count(*) FROM rooms")
    assert rows[0][0] == 0


async def test_a_failing_circle_pump_does_not_stop_the_rooms_timers(console: ConsoleDriver) -> None:
    await console.send(":circle setup 20:00 UTC en", ":room setup")
    await console.send("/talk", "I keep checking his phone and I hate it", "#listen")
    opened = await console.send("#open")
    assert opened[-1]["flow"] is not None
    # The circle asks' table fails every read (a broken migration, a row no key here opens, ...):
    # that one feature's timers stop, not the others after it in the chain.
    await console.app.store.connection.execute("ALTER TABLE circle_asks RENAME TO circle_asks_broken")
    shown = await console.send(":advance 10m")
    assert t(console, "room-owner-waiting", line="@").split("@")[0] in "\n".join(r["text"] for r in shown)
