"""Help rooms on Telegram (fake Bot API + real python-telegram-bot): a forum topic per room, relayed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.fakes.telegram_harness import buttons, start_bot, with_buttons
from tests.rooms_telegram_fixtures import ANA, CIRCLE, HAL, HELPERS, IVY, Scene, forum_api, scene

__all__ = ["forum_api", "scene"]


async def test_ask_room_claim_backup_close_archive_delete(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    card = scene.card(thread)
    assert code in card["text"] and t("room-card-rules") in card["text"]
    assert buttons(card) == [t("room-claim"), t("room-backup"), t("room-close")]
    assert t("room-card-said", said="We had a fight and I can't stop spiralling") in card["text"]

    assert await scene.press_card(HAL, thread, t("room-claim")) == t("room-press-claimed", number=1)
    assert api.sent(ANA)[-1]["text"] == t("room-helper-joined", number=1)
    assert t("room-card-claimed", helpers=t("room-card-helper", number=1, name="Hal")) in scene.card(thread)["text"]

    relayed = await scene.helper_says(HAL, thread, "I'm here. Take your time.")
    assert relayed["text"] == t("room-from-helper", number=1, text="I'm here. Take your time.")
    posted = await scene.ana_says(thread, "thank you")
    assert posted["text"] == t("room-from-owner", code=code, text="thank you")

    assert await scene.press_card(HAL, thread, t("room-backup")) == t("room-press-backup")
    general = [m for m in api.sent(HELPERS) if "message_thread_id" not in m]
    assert general[-1]["text"] == t("room-ping-backup", code=code)
    assert await scene.press_card(IVY, thread, t("room-claim")) == t("room-press-claimed", number=2)

    okay = with_buttons(api.sent(ANA))
    await scene.bot.tap(api.users[ANA], okay, t("room-okay"))
    assert api.sent(ANA)[-1]["text"] == t("room-owner-closed-owner")
    assert api.topics[(HELPERS, thread)]["closed"] is True
    assert t("room-card-closed") in scene.card(thread)["text"] and not buttons(scene.card(thread))

    await scene.advance(timedelta(days=2, hours=23))
    assert (HELPERS, thread) in api.topics
    await scene.advance(timedelta(hours=2))
    assert (HELPERS, thread) not in api.topics
    rooms = scene.bot.app.rooms
    assert rooms is not None
    assert await rooms.store.get(code) is None
    for table in ("rooms", "room_owners", "room_claims"):
        (count,) = (await scene.bot.app.store.connection.execute_fetchall(f"SELECT count(*) FROM {table}"))[0]
        assert count == 0, table
    assert not [m for m in api.sent(CIRCLE) if code in (m.get("text") or "")]


async def test_unclaimed_room_pings_helpers_and_comforts_the_person_then_archives(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.advance(timedelta(minutes=9))
    assert not [m for m in api.sent(HELPERS) if m["text"] == t("room-ping-waiting", code=code)]
    await scene.advance(timedelta(minutes=1))
    general = [m for m in api.sent(HELPERS) if "message_thread_id" not in m]
    assert general[-1]["text"] == t("room-ping-waiting", code=code)
    waiting = api.sent(ANA)[-1]
    assert waiting["text"].startswith(t("room-owner-waiting", line="@").split("@")[0].strip())
    assert "/ground" in waiting["text"] and buttons(waiting) == [t("room-okay"), t("room-line")]
    await scene.advance(timedelta(minutes=10))  # pinged once, not every run
    assert len([m for m in api.sent(HELPERS) if m["text"] == t("room-ping-waiting", code=code)]) == 1
    await scene.advance(timedelta(hours=24))
    assert api.topics[(HELPERS, thread)]["closed"] is True
    assert api.sent(ANA)[-1]["text"] == t("room-owner-closed-quiet")


async def test_crisis_in_the_form_gets_the_safety_path_first_and_the_room_is_still_offered(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    seen = await scene.ask("I want to kill myself tonight")
    texts = [m["text"] for m in seen]
    crisis_at = next(i for i, text in enumerate(texts) if "findahelpline.com" in text)
    assert texts.index(t("talk-still-here")) > crisis_at
    assert texts[-3] == t("talk-ask-help")
    code = texts[-2].split(t("talk-audience-telegram", code="@").split("@")[1])[0].split()[-1]
    assert texts[-2] == t("talk-audience-telegram", code=code)
    assert texts[-1] == t("talk-confirm", said="I want to kill myself tonight", help=t("talk-help-listen"))
    (opened,) = await scene.bot.tap(api.users[ANA], seen[-1], t("talk-open"))
    ((_, thread),) = api.topics
    assert opened["text"] == t("talk-opened", code=api.topics[(HELPERS, thread)]["name"])
    assert t("room-card-resources") in scene.card(thread)["text"]


async def test_relay_screens_the_persons_words_a_crisis_stays_private(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    before = len(api.sent(ANA))
    posted = await scene.ana_says(thread, "I want to kill myself")
    assert posted["text"] == t("room-resources-shown-crisis", code=code)
    assert not any("kill" in (m.get("text") or "") for m in api.sent(HELPERS))
    private = await api.replies(ANA, before)
    assert any("findahelpline.com" in m["text"] for m in private)
    relayed = await scene.helper_says(HAL, thread, "I'm staying right here with you.")
    assert relayed["text"] == t("room-from-helper", number=1, text="I'm staying right here with you.")


async def test_a_weaker_risk_signal_is_relayed_with_a_prompt_to_helpers_and_the_line_to_the_person(
        scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    before_topic, before_ana = len(api.in_topic(HELPERS, thread)), len(api.sent(ANA))
    said = "i feel like a burden to my friends"  # the screen asks about this one rather than opening a path
    await api.users[ANA].send(said)
    await api.wait(lambda: len(api.in_topic(HELPERS, thread)) >= before_topic + 2)
    relayed, prompt = api.in_topic(HELPERS, thread)[before_topic:before_topic + 2]
    assert relayed["text"] == t("room-from-owner", code=code, text=said)  # a person is there to ask
    assert prompt["text"] == t("room-risk-noticed-crisis", code=code)
    private = await api.replies(ANA, before_ana)
    assert any(m["text"].startswith(t("room-owner-line-crisis", line="").split("\n")[0]) for m in private)
    assert any("findahelpline.com" in m["text"] for m in private)


async def test_forget_closes_and_deletes_a_live_room(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    ana = api.users[ANA]
    export = next(m for m in await scene.bot.say(ana, "/mydata") if m.get("document"))
    mydata = api.uploads[(ANA, export["message_id"])].decode()
    assert code in mydata and "spiralling" in mydata
    (confirm,) = await scene.bot.say(ana, "/forget")
    await scene.bot.tap(ana, confirm, t("forget-yes"))
    await scene.advance(timedelta(seconds=1))
    assert (HELPERS, thread) not in api.topics
    for table in ("rooms", "room_owners", "room_claims", "users"):
        (count,) = (await scene.bot.app.store.connection.execute_fetchall(f"SELECT count(*) FROM {table}"))[0]
        assert count == 0, table


async def test_a_helper_who_leaves_the_helpers_group_is_out_of_the_room(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    before = len(api.sent(ANA))
    await api.leave(HELPERS, api.users[HAL])
    (told,) = await api.replies(ANA, before)
    assert told["text"] == t("room-helper-left", number=1)
    assert api.in_topic(HELPERS, thread)[-1]["text"] == t("room-helper-left-room", number=1)
    assert t("room-card-waiting") in scene.card(thread)["text"]
    rooms = scene.bot.app.rooms
    assert rooms is not None
    assert await rooms.store.claims(code) == []
    room = await rooms.store.get(code)
    assert room is not None and room.state == "open"


async def test_topic_creation_rate_limited_tells_the_person_and_keeps_the_form(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    seen = await scene.ask()
    for _ in range(4):  # PTB's rate limiter waits out three; the fourth reaches us
        api.fail_next("createForumTopic", 429, "Too Many Requests: retry after 1", retry_after=1)
    before = len(api.sent(ANA))
    await api.users[ANA].press(seen[-1], t("talk-open"))
    (busy,) = await api.replies(ANA, before, within=15)
    assert busy["text"] == t("talk-busy", minutes=1)
    assert api.topics == {}
    (opened,) = await scene.bot.tap(api.users[ANA], busy, t("talk-open"))
    (topic,) = api.topics.values()
    assert opened["text"] == t("talk-opened", code=topic["name"])


async def test_a_restart_mid_room_loses_nothing(scene: Scene, db_path: Path) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    await scene.bot.stop()
    scene.bot = await start_bot(api, db_path)  # a new Application and App over the same database
    relayed = await scene.helper_says(HAL, thread, "Still here after the bot restarted.")
    assert relayed["text"] == t("room-from-helper", number=1, text="Still here after the bot restarted.")
    posted = await scene.ana_says(thread, "good, thanks")
    assert posted["text"] == t("room-from-owner", code=code, text="good, thanks")
    assert await scene.press_card(IVY, thread, t("room-claim")) == t("room-press-claimed", number=2)


async def test_after_the_room_a_follow_up_can_be_asked_for(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    _code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    (closed,) = await scene.bot.tap(api.users[ANA], with_buttons(api.sent(ANA)), t("room-okay"))
    assert closed["text"] == t("room-owner-closed-owner")
    assert buttons(closed) == [t("room-followup-offer-yes"), t("room-followup-offer-no")]
    (again,) = await scene.bot.tap(api.users[ANA], with_buttons(api.sent(ANA)[:-1]), t("room-okay"))
    assert again["text"] == t("room-press-closed")  # an older button closes nothing twice
    (agreed,) = await scene.bot.tap(api.users[ANA], closed, t("room-followup-offer-yes"))
    assert agreed["text"] == t("room-followup-yes")
    pump = scene.bot.app.pump
    assert pump is not None
    due = await pump.next_due_at()
    assert due is not None and due - scene.bot.clock.now() < timedelta(days=2)
    scene.bot.clock.set(due)
    before = len(api.sent(ANA))
    await pump.run_due(scene.bot.clock.now())
    (asked,) = await api.replies(ANA, before)
    assert asked["text"] == t("followup-ask-ontime", about=t("followup-about-other"))


async def test_another_command_leaves_the_form_and_later_words_go_to_the_bot(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    ana = api.users[ANA]
    await scene.bot.say(ana, "/talk")
    await scene.bot.say(ana, "/ground")
    rooms = scene.bot.app.rooms
    assert rooms is not None and await rooms.store.live_for(f"telegram:{ANA}") is None
    replies = await scene.bot.say(ana, "he hasn't replied in hours")
    assert all(m["text"] != t("talk-ask-help") for m in replies)


async def test_a_spanish_member_in_an_english_circle_gets_spanish_and_helpers_read_english(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()  # the circle's language is English
    eva = api.user(9200, "Eva", "es")
    api.join(CIRCLE, eva)
    (what,) = await scene.bot.say(eva, "/talk")
    assert what["text"] == t("talk-ask-what", "es")
    (question,) = await scene.bot.say(eva, "Discutimos y no puedo parar de darle vueltas")
    _who, confirm = await scene.bot.tap(eva, question, t("talk-help-listen", "es"), count=2)
    (opened,) = await scene.bot.tap(eva, confirm, t("talk-open", "es"))
    ((_, thread), topic) = next(iter(api.topics.items()))
    code = topic["name"]
    assert opened["text"] == t("talk-opened", "es", code=code)
    card = scene.card(thread)["text"]
    assert card.startswith(t("room-card", code=code, help=t("talk-help-listen")))
    assert t("room-card-rules") in card and t("room-card-rules", "es") not in card
    assert api.in_topic(HELPERS, thread)[1]["text"] == t("room-intro", code=code)
    assert await scene.press_card(HAL, thread, t("room-claim")) == t("room-press-claimed", number=1)
    assert api.sent(9200)[-1]["text"] == t("room-helper-joined", "es", number=1)
    before = len(api.in_topic(HELPERS, thread))
    await eva.send("gracias")
    await api.wait(lambda: len(api.in_topic(HELPERS, thread)) > before)
    assert api.in_topic(HELPERS, thread)[-1]["text"] == t("room-from-owner", code=code, text="gracias")


async def test_pressing_check_in_tomorrow_twice_schedules_one_follow_up(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    _code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    (closed,) = await scene.bot.tap(api.users[ANA], with_buttons(api.sent(ANA)), t("room-okay"))
    (agreed,) = await scene.bot.tap(api.users[ANA], closed, t("room-followup-offer-yes"))
    (again,) = await scene.bot.tap(api.users[ANA], closed, t("room-followup-offer-yes"))
    (changed,) = await scene.bot.tap(api.users[ANA], closed, t("room-followup-offer-no"))
    rows = await scene.bot.app.store.connection.execute_fetchall(
        "SELECT count(*) FROM scheduled WHERE user_key = ? AND kind = 'followup'", (f"telegram:{ANA}",))
    assert rows[0][0] == 1
    assert agreed["text"] == again["text"] == changed["text"] == t("room-followup-yes")  # the first answer holds


async def test_a_helpers_mydata_lists_their_claims_and_forget_takes_them_out_of_the_room(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    code, thread = await scene.open_room()
    await scene.press_card(HAL, thread, t("room-claim"))
    hal = api.users[HAL]
    export = next(m for m in await scene.bot.say(hal, "/mydata") if m.get("document"))
    assert code in api.uploads[(HAL, export["message_id"])].decode()
    (confirm,) = await scene.bot.say(hal, "/forget")
    await scene.bot.tap(hal, confirm, t("forget-yes"))
    rows = await scene.bot.app.store.connection.execute_fetchall(
        "SELECT count(*) FROM room_claims WHERE helper = ?", (f"telegram:{HAL}",))
    assert rows[0][0] == 0
    assert api.sent(ANA)[-1]["text"] == t("room-helper-left", number=1)
    assert t("room-card-waiting") in scene.card(thread)["text"] and "Hal" not in scene.card(thread)["text"]


async def test_a_follow_up_due_while_a_room_is_open_waits_until_the_room_closes(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    _code, thread = await scene.open_room()
    (closed,) = await scene.bot.tap(api.users[ANA], with_buttons(api.sent(ANA)), t("room-okay"))
    await scene.bot.tap(api.users[ANA], closed, t("room-followup-offer-yes"))
    pump = scene.bot.app.pump
    assert pump is not None
    due = await pump.next_due_at()
    assert due is not None
    scene.bot.clock.set(due - timedelta(minutes=5))
    seen = await scene.ask("Another rough night")  # a second room, open when the check-in comes due
    await scene.bot.tap(api.users[ANA], seen[-1], t("talk-open"))
    ((_, thread), topic) = list(api.topics.items())[-1]
    code = topic["name"]
    scene.bot.clock.set(due)
    before = len(api.sent(ANA))
    await pump.run_due(scene.bot.clock.now())
    await api.wait(lambda: True)
    # Its question would take her next words away from the room (or send them there as an answer).
    assert all(m["text"] != t("followup-ask-ontime", about=t("followup-about-other")) for m in api.sent(ANA)[before:])
    posted = await scene.ana_says(thread, "it went okay actually")
    assert posted["text"] == t("room-from-owner", code=code, text="it went okay actually")
    await scene.bot.tap(api.users[ANA], with_buttons(api.sent(ANA)), t("room-okay"))
    scene.bot.clock.set(due + timedelta(hours=1, minutes=1))
    before = len(api.sent(ANA))
    await pump.run_due(scene.bot.clock.now())
    (asked,) = await api.replies(ANA, before)
    assert asked["text"].startswith(t("followup-ask-late", about=t("followup-about-other"))[:20])


async def test_talk_in_the_group_links_to_the_private_form(scene: Scene) -> None:
    api, t = scene.api, scene.t
    await scene.set_up()
    ana = api.users[ANA]
    before = len(api.sent(CIRCLE))
    await ana.send("/talk", chat=api.chats[CIRCLE])
    (pointer,) = await api.replies(CIRCLE, before)
    assert pointer["text"] == t("talk-in-private") and "Anastasia" not in pointer["text"]
    url = pointer["reply_markup"]["inline_keyboard"][0][0]["url"]
    payload = url.split("start=")[1]
    seen = await scene.bot.say(ana, f"/start {payload}")  # what Telegram sends when the link is opened
    assert [m["text"] for m in seen] == [t("talk-ask-what")]
