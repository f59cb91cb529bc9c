"""Circle moderation played in the terminal: the session is the moderators' place too."""

from __future__ import annotations

from tests.fakes.console import ConsoleDriver

WORDS = "She stopped texting good night this week and I can't stop checking my phone."


def t(console: ConsoleDriver, key: str, locale: str = "en", **args: object) -> str:
    return console.app.engine.i18n.text(locale, key, **args)


async def posted_and_reported(console: ConsoleDriver) -> tuple[str, list[dict[str, object]]]:
    await console.send(":circle setup 20:00 Europe/Madrid en", ":circle moderators", ":circle join")
    await console.send("/circle ask")
    await console.send(WORDS)
    await console.send("#post")
    (row,) = await console.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    return str(row["code"]), await console.send(":circle report as sam")


async def test_a_report_shows_the_post_and_its_code_then_remove_tells_the_asker(console: ConsoleDriver) -> None:
    code, reported = await posted_and_reported(console)
    thanks, note = reported
    assert thanks["text"] == t(console, "circle-report-thanks")
    assert note["step"] == "report" and note["text"].startswith(t(console, "circle-mod-report", code=code, reports=1))
    assert [c["id"] for c in note["choices"]] == ["remove", "block"]
    removed = await console.send(f":circle remove {code}")
    assert removed[0]["text"] == t(console, "circle-mod-removed", code=code)
    assert [r["text"] for r in removed if r["step"] == "moderated"] == [t(console, "circle-removed-note")]
    assert any(r["step"] == "deleted" for r in removed)


async def test_block_by_code_in_the_terminal(console: ConsoleDriver) -> None:
    code, _ = await posted_and_reported(console)
    blocked = await console.send(f":circle block {code}")
    assert blocked[0]["text"] == t(console, "circle-mod-blocked", code=code)
    assert [r["text"] for r in blocked if r["step"] == "moderated"] == [t(console, "circle-blocked-note")]
    await console.send("/circle ask", "Another question about the same thing, later that week.")
    refused = await console.send("#post")
    assert refused[-1]["text"] == t(console, "circle-ask-blocked")
    unknown = await console.send(":circle block ZZZZZ")
    assert unknown[0]["text"] == t(console, "circle-mod-unknown")


async def test_block_after_remove_tells_nobody_at_once_and_the_author_hears_at_their_next_try(
        console: ConsoleDriver) -> None:
    code, _ = await posted_and_reported(console)
    await console.send(f":circle remove {code}")
    blocked = await console.send(f":circle block {code}")
    assert blocked[0]["text"] == t(console, "circle-mod-blocked", code=code)
    assert [r for r in blocked if r["step"] == "moderated"] == []  # the post had gone, and who wrote it with it
    await console.send("/circle ask", "Another question about the same thing, later that week.")
    refused = await console.send("#post")
    assert refused[-1]["text"] == t(console, "circle-ask-blocked")
