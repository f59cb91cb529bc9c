"""The abuse path: safe to talk first, the country's DV line, no "talk to your partner", /forget."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.console import ConsoleDriver, kinds, open_console

ABUSE = "my boyfriend hits me when he's drunk"


async def test_abuse_first_asks_whether_it_is_safe_to_talk_privately(console: ConsoleDriver) -> None:
    replies = await console.session.handle_line(ABUSE)
    assert [r.kind for r in replies] == ["abuse"]
    assert replies[0].private and replies[0].urgent
    assert [c.id for c in replies[0].choices] == ["safe", "unsafe", "misread"]
    assert "isn't your fault" in replies[0].text


async def test_safe_to_talk_asks_the_country_once_then_gives_the_dv_line_and_forget(console: ConsoleDriver) -> None:
    await console.send(ABUSE)
    ask = await console.send("#safe")
    assert ask[-1]["step"] == "ask_country"
    replies = await console.send("#us")
    assert kinds(replies) == ["abuse", "abuse"]
    assert "1-800-799-7233" in replies[0]["text"] and "START to 88788" in replies[0]["text"]
    assert "/forget" in replies[1]["text"]
    again = await console.send(ABUSE, "#safe")
    assert again[-1]["step"] == "care" and "1-800-799-7233" in again[-2]["text"]


async def test_not_safe_gets_a_short_answer_with_emergency_line_and_forget(console: ConsoleDriver) -> None:
    await console.send("/country", "#au")
    await console.send("he threatened me with a knife")
    replies = await console.send("#unsafe")
    assert kinds(replies) == ["abuse"] and not replies[0]["choices"]
    text = replies[0]["text"]
    assert "000" in text and "1800 737 732" in text and "/forget" in text
    assert len(text) <= 600


async def test_abuse_path_never_suggests_telling_the_partner_how_you_feel(console: ConsoleDriver) -> None:
    await console.send("/country", "#gb", ABUSE)
    replies = await console.send("#safe")
    offered = {c["id"] for r in replies for c in r["choices"]}
    assert "communicate" not in offered
    assert all(r["flow"] == "abuse" for r in replies)
    assert "isn't a safe first step" in replies[-1]["text"]


async def test_abuse_misunderstood_is_accepted_kindly_and_help_still_shows_lines(console: ConsoleDriver) -> None:
    await console.send("I'm scared of him")
    replies = await console.send("#misread")
    assert replies[-1]["step"] == "misread" and "sorry" in replies[-1]["text"].lower()
    help_text = (await console.send("/help"))[0]["text"]
    assert "findahelpline.com" in help_text and "/safetyplan" in help_text and "/country" in help_text


async def test_abuse_path_in_spanish_gives_the_016_line(db_path: Path) -> None:
    driver = await open_console(db_path, lang="es")
    try:
        await driver.send("/country", "#es", "mi novio me pega")
        replies = await driver.send("#safe")
        assert "016" in replies[0]["text"] and "600 000 016" in replies[0]["text"]
        assert "/forget" in replies[1]["text"]
    finally:
        await driver.close()
