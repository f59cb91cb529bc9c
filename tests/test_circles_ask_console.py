"""Asking a circle, played in the terminal: draft, preview, "Post it", answers, the private result, withdrawal."""

from __future__ import annotations

from typing import Any

from bot.circles.draft import draft_ask
from tests.fakes.console import ConsoleDriver

WORDS = "My partner Alex liked an old photo of @sam_x at 2am. Call me on 612 345 678. Would you worry?"


def t(console: ConsoleDriver, key: str, locale: str = "en", **args: object) -> str:
    return console.app.engine.i18n.text(locale, key, **args)


def posts(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in replies if r["kind"] == "checkin" and r["step"] == "ask"]


async def joined(console: ConsoleDriver, lang: str = "en") -> None:
    await console.send(f":circle setup 20:00 Europe/Madrid {lang}", ":circle join")


async def ask(console: ConsoleDriver, words: str = WORDS, command: str = "/circle ask") -> list[dict[str, Any]]:
    await console.send(command)
    return await console.send(words)


async def test_ask_preview_post_answers_private_result_and_the_post_deleted(console: ConsoleDriver) -> None:
    await joined(console)
    (preview,) = await ask(console)
    draft = draft_ask(WORDS).text
    assert preview["step"] == "draft" and f"“{draft}”" in preview["text"]
    assert [c["id"] for c in preview["choices"]] == ["post", "edit", "cancel"]
    assert posts(console.transcript) == []  # nothing goes out before "Post it"

    posted = await console.send("#post")
    (post,) = posts(posted)
    (row,) = await console.app.circles.asks.store.ask_rows()  # type: ignore[union-attr]
    code = row["code"]
    assert post["text"] == t(console, "circle-ask-post", text=draft, code=code)
    assert [c["id"] for c in post["choices"]] == ["worried", "not", "unsure", "report", "join"]
    assert posted[0]["text"] == t(console, "circle-ask-posted", circle=t(console, "circle-ask-untitled", n=1),
                                  code=code)

    answers = await console.send(":circle answer worried as a", ":circle answer not as b",
                                 ":circle answer worried as b", ":circle answer unsure as c")
    assert [r["text"] for r in answers] == [t(console, f"circle-ask-answer-{s}")
                                            for s in ("counted", "counted", "changed", "counted")]
    ended = await console.send(":advance 24h")
    assert [r["step"] for r in ended if r["flow"] == "circle_ask" or r["step"] == "deleted"] == ["deleted", "result"]
    (result,) = [r for r in ended if r["step"] == "result"]
    assert result["text"] == "\n\n".join((
        t(console, "circle-ask-result", code=code, worried=2, **{"not": 0}, unsure=1),
        t(console, "circle-ask-reflect-worried")))
    assert await console.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]


async def test_the_tenth_answer_ends_the_ask_at_once(console: ConsoleDriver) -> None:
    await joined(console)
    await ask(console)
    await console.send("#post")
    out = await console.send(*[f":circle answer not as m{i}" for i in range(10)])
    assert [r["step"] for r in out if r["step"] in ("deleted", "result")] == ["deleted", "result"]
    assert t(console, "circle-ask-reflect-not") in out[-1]["text"]
    late = await console.send(":circle answer not as late")
    assert late[0]["kind"] == "error"  # the post is gone from the circle


async def test_names_handles_phones_emails_and_links_are_taken_out_and_named() -> None:
    draft = draft_ask("Saw Jordan texting @lee_22 and lee@example.com about https://t.co/x, "
                      "then www.dating.example.org and tinder.com; her number is +44 7700 900123. Fine?")
    assert draft.text == ("Saw […] texting […] and […] about […], then […] and […]; "
                          "her number is […]. Fine?")
    assert set(draft.removed) == {"name", "handle", "email", "link", "phone"}
    kept = draft_ask("I waited 3 hours on Friday, from 10:30 to 13:30. I'm scared. Is that OK?")
    assert kept.removed == () and kept.text.startswith("I waited 3 hours on Friday")


def test_a_name_that_opens_a_sentence_is_taken_out_in_either_language() -> None:
    assert draft_ask("Mark hasn't texted me back. Yesterday he said he was busy.").text == \
        "[…] hasn't texted me back. Yesterday he said he was busy."
    assert draft_ask("Carlos no me contesta desde ayer. Siempre hace lo mismo.").text == \
        "[…] no me contesta desde ayer. Siempre hace lo mismo."


def test_a_name_found_once_is_taken_out_everywhere_it_stands() -> None:
    draft = draft_ask("Jordan went out. Then I saw Jordan online at 2am")
    assert draft.text == "[…] went out. Then I saw […] online at 2am"
    assert draft.removed == ("name",)


async def test_the_preview_says_what_was_taken_out_and_editing_shows_a_new_preview(console: ConsoleDriver) -> None:
    await joined(console)
    (preview,) = await ask(console)
    what = ", ".join(t(console, f"circle-ask-removed-{k}") for k in ("handle", "phone", "name"))
    assert t(console, "circle-ask-removed", what=what) in preview["text"]
    (again,) = await console.send("He went out with friends and told me after. Is that odd?")
    assert again["step"] == "draft" and "told me after" in again["text"]
    assert t(console, "circle-ask-removed", what="") not in again["text"]
    (cancelled,) = await console.send("#cancel")
    assert cancelled["text"] == t(console, "circle-ask-cancelled")
    assert posts(console.transcript) == [] and await console.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]


async def test_too_long_is_refused_until_shortened(console: ConsoleDriver) -> None:
    await joined(console)
    (refused,) = await ask(console, "Would you worry? " + "He was late again and said nothing. " * 10)
    assert refused["step"] == "too_long"
    (preview,) = await console.send("He was late again and said nothing. Would you worry?")
    assert preview["step"] == "draft"


async def test_a_crisis_message_is_never_posted_and_gets_the_safety_path(console: ConsoleDriver) -> None:
    await joined(console)
    await console.send("/circle ask")
    replies = await console.send("I want to kill myself tonight, I have the pills ready")
    assert replies[0]["kind"] == "crisis"
    assert posts(console.transcript) == [] and await console.app.circles.asks.store.ask_rows() == []  # type: ignore[union-attr]
    # The same words given with the command are screened as well.
    replies = await console.send("/circle ask I want to kill myself tonight, I have the pills ready")
    assert replies[0]["kind"] == "crisis" and posts(console.transcript) == []


async def test_withdraw_deletes_the_post_and_no_result_follows(console: ConsoleDriver) -> None:
    await joined(console)
    await ask(console)
    await console.send("#post", ":circle answer worried as a")
    confirm = await console.send("/circle withdraw")
    assert confirm[0]["step"] == "withdraw"
    done = await console.send("#yes")
    assert done[0]["text"] == t(console, "circle-ask-withdrawn", count=1)
    assert [r["step"] for r in done if r["step"] == "deleted"] == ["deleted"]
    assert [r for r in await console.send(":advance 2d") if r["step"] == "result"] == []


async def test_forget_withdraws_a_live_post_and_mydata_lists_asks_and_circles(console: ConsoleDriver) -> None:
    await joined(console)
    await ask(console)
    await console.send("#post")
    export = [r for r in await console.send("/mydata") if r["step"] == "export"]
    assert export and export[0]["file"]
    store = console.app.circles.asks.store  # type: ignore[union-attr]
    data = await console.app.store.export_user("console:local")
    assert [m["circle_key"] for m in data["circle_memberships"]] == ["console:circle"]
    (mine,) = await console.app.circles.asks.export("console:local")  # type: ignore[union-attr]
    assert mine["text"] == draft_ask(WORDS).text
    await console.send("/forget")
    gone = await console.send("#yes")
    assert [r["step"] for r in gone if r["step"] == "deleted"] == ["deleted"]
    assert await store.ask_rows() == []
    assert await console.app.store.count_rows_for("console:local") == 0


async def test_one_ask_a_day_per_member_and_a_circle_wide_cap(console: ConsoleDriver) -> None:
    await joined(console)
    await ask(console)
    await console.send("#post")
    await console.send("/circle ask")
    await console.send("Another one: would you worry?")
    (limited,) = await console.send("#post")
    assert limited["text"] == t(console, "circle-ask-limit-user")
    store = console.app.circles.asks.store  # type: ignore[union-attr]
    await store.set_cap("console:circle", 1)
    await console.send(":advance 1d")
    await store.set_cap("console:circle", 0)
    await ask(console)
    (capped,) = await console.send("#post")
    assert capped["text"] == t(console, "circle-ask-limit-circle")


async def test_only_members_are_offered_the_circle_at_the_diagnostic_question(console: ConsoleDriver) -> None:
    async def unsure() -> dict[str, Any]:
        await console.send("He hasn't replied since this morning")
        await console.send("#skip")
        return (await console.send("#unsure"))[-1]

    await console.send(":circle setup 20:00 Europe/Madrid en")
    assert (await unsure())["step"] == "ask_familiar"
    await console.send("/stop", ":circle join")
    offer = await unsure()
    assert offer["step"] == "circle_offer" and offer["text"] == t(console, "circle-offer-unsure")
    (preview,) = await console.send("#circle")
    assert preview["step"] == "draft" and "He hasn't replied since this morning" in preview["text"]
    posted = await console.send("#post", "#done")
    assert posts(posted) and posted[-1]["step"] == "ask_familiar"  # then on with sorting it out


async def test_not_a_member_is_told_how_to_join(console: ConsoleDriver) -> None:
    await console.send(":circle setup 20:00 Europe/Madrid en")
    (reply,) = await console.send("/circle ask")
    assert reply["text"] == t(console, "circle-ask-not-member")
    assert await console.send(":circle ask") == [{**reply, "in": reply["in"] + 1}]  # the console's spelling


async def test_in_spanish(console_es: ConsoleDriver) -> None:
    console = console_es
    await joined(console, "es")
    await console.send("/circulo preguntar")
    (preview,) = await console.send("Mi pareja vio a Lucía ayer y no me lo contó. ¿Te preocuparía?")
    assert preview["text"].startswith(t(console, "circle-ask-preview", "es", circle=t(console, "circle-ask-untitled",
                                                                                     "es", n=1),
                                        draft="", removed="")[:30])
    assert "«Mi pareja vio a […] ayer y no me lo contó. ¿Te preocuparía?»" in preview["text"]
    (post,) = posts(await console.send("#post"))
    assert post["text"].startswith("Alguien de este círculo pregunta")
    assert [c["label"] for c in post["choices"][:3]] == ["A mí también me preocuparía", "A mí no", "No lo sé"]
    await console.send(":circle answer worried as ana")
    (result,) = [r for r in await console.send(":advance 24h") if r["step"] == "result"]
    assert result["text"].startswith("El círculo respondió a tu pregunta")
    assert result["text"].endswith(t(console, "circle-ask-reflect-worried", "es"))


async def test_a_blocked_author_is_told_kindly_and_nothing_is_posted(console: ConsoleDriver) -> None:
    await joined(console)
    asks = console.app.circles.asks  # type: ignore[union-attr]
    author = await asks.author_key("console:circle", "console:local")
    assert author is not None and await asks.store.block_author("console:circle", author, console.clock.now())
    await ask(console)
    (refused,) = await console.send("#post")
    assert refused["text"] == t(console, "circle-ask-blocked")
    assert posts(console.transcript) == []


async def test_circle_off_ends_live_asks_deletes_their_posts_and_tells_the_asker(console: ConsoleDriver) -> None:
    await joined(console)
    await ask(console)
    await console.send("#post", ":circle answer unsure as a")
    ended = await console.send(":circle off")
    assert [r["step"] for r in ended] == ["off", "deleted", "result"]
    assert ended[-1]["text"].endswith(t(console, "circle-ask-reflect-mixed"))


async def test_words_typed_after_posting_start_the_usual_conversation(console: ConsoleDriver) -> None:
    await joined(console)
    await ask(console)
    await console.send("#post")
    replies = await console.send("he still hasn't texted back and I feel sick")
    assert replies[0]["flow"] == "trigger" and posts(replies) == []
