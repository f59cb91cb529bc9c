"""Review of distance (issue #9): real-risk messages that the distance spans used to lower.

Own wording, written for this review. Each one opened (or asked) before distance and must keep
its path after it: distance may lower a reading, never hide a person's own present risk.
"""

from __future__ import annotations

import pytest

from bot.safety.tiers import TieredScreen
from tests.safety_fixtures import path, tiered_screen


@pytest.fixture(scope="module")
def screen() -> TieredScreen:
    return tiered_screen()


@pytest.mark.parametrize(("text", "lang"), [
    ("i'm an embarrassment, i want to die", "en"),
    ("i just want to die, i'm such an embarrassment to my family", "en"),
    ("me quiero morir, soy una vergüenza para mi familia", "es")])
def test_calling_oneself_an_embarrassment_is_not_hyperbole(screen: TieredScreen, text: str, lang: str) -> None:
    assert path(screen, text, lang) == "crisis/open"


@pytest.mark.parametrize("text", ["every song reminds me of him and i want to die",
                                  "this song is on repeat and i wish i was dead"])
def test_a_song_next_to_ones_own_wish_to_die_is_not_media(screen: TieredScreen, text: str) -> None:
    assert path(screen, text, "en") == "crisis/open"


@pytest.mark.parametrize(("text", "lang"), [("thanks for everything. see you on the other side", "en"),
                                            ("gracias por todo, nos vemos en otra vida", "es")])
def test_a_goodbye_to_the_other_side_is_not_everyday(screen: TieredScreen, text: str, lang: str) -> None:
    assert path(screen, text, lang).startswith("crisis/")


def test_pills_then_sleeping_forever_is_not_a_bedtime_routine(screen: TieredScreen) -> None:
    assert path(screen, "me tomé las pastillas y me voy a dormir para siempre", "es") == "crisis/open"


def test_not_knowing_whether_one_wont_self_harm_is_not_a_negation(screen: TieredScreen) -> None:
    assert path(screen, "no sé si no voy a hacerme daño esta noche", "es") == "crisis/open"


@pytest.mark.parametrize(("text", "lang"), [
    ("i burned my arm on the stove. it wasn't really an accident", "en"),
    ("me quemé el brazo con la plancha, no fue realmente sin querer", "es")])
def test_an_accident_that_was_not_really_one_stays_self_harm(screen: TieredScreen, text: str, lang: str) -> None:
    assert path(screen, text, lang) == "crisis/open"


def test_leaving_everything_tonight_is_not_leaving_him(screen: TieredScreen) -> None:
    assert path(screen, "voy a dejarlo todo esta noche, ya no aguanto", "es") == "crisis/open"


def test_distance_never_turns_crisis_into_abuse(screen: TieredScreen) -> None:
    first = screen._assess("i just want to die, i'm such an embarrassment to my family", "en")
    final = screen.assess("i just want to die, i'm such an embarrassment to my family", "en")
    assert first.signal is not None and final.signal is not None
    assert final.signal.kind == first.signal.kind


@pytest.mark.parametrize("text", ["my husband says he's going to kill me lol",
                                  "my boyfriend said he'll kill me if i go out lol",
                                  "he said he'd kill me now if i scream"])
def test_a_partners_reported_threat_is_not_a_joke_or_hyperbole(screen: TieredScreen, text: str) -> None:
    assert path(screen, text, "en") == "abuse/open"


def test_a_laugh_does_not_lower_means_with_a_time_frame(screen: TieredScreen) -> None:
    text = "haha yeah i'm fine. i wrote the letters and i'm taking the pills after work"
    assert path(screen, text, "en") == "crisis/open"


def test_all_the_pills_at_once_is_not_taking_ones_meds(screen: TieredScreen) -> None:
    assert path(screen, "taking my pills before bed, all of them this time", "en") == "crisis/open"


@pytest.mark.parametrize(("text", "lang", "floor"), [("i cut my wrist while cooking", "en", "crisis/open"),
                                                     ("me corté la muñeca cocinando jaja", "es", "crisis/ask")])
def test_a_cut_wrist_is_not_a_kitchen_accident(screen: TieredScreen, text: str, lang: str, floor: str) -> None:
    assert path(screen, text, lang) == floor


@pytest.mark.parametrize(("text", "lang"), [
    ("i'm breaking up with him tonight and then i'm ending my life", "en"),
    ("i'm done with dating. i'm done with everything. tonight's the night", "en"),
    ("i give up on him, and on me. i've decided, this weekend", "en"),
    ("i'm saying goodbye to him forever. and to everyone else. tonight", "en"),
    ("ya no aguanto más esta relación ni mi vida, esta noche lo hago", "es")])
def test_ending_a_relationship_and_more_than_it_still_opens(screen: TieredScreen, text: str, lang: str) -> None:
    assert path(screen, text, lang) == "crisis/open"


def test_not_being_around_tonight_because_of_a_bridge_still_opens(screen: TieredScreen) -> None:
    assert path(screen, "no voy a estar esta noche porque me voy a tirar del puente", "es") == "crisis/open"


@pytest.mark.parametrize(("text", "lang", "before"), [
    ("in the movie she overdoses and honestly i want to do that too", "en", "crisis/open"),
    ("en la serie ella se suicida y yo quiero hacer lo mismo", "es", "crisis/ask")])
def test_wanting_to_do_what_the_story_did_is_not_media(screen: TieredScreen, text: str, lang: str,
                                                       before: str) -> None:
    assert path(screen, text, lang) == before  # what both tiers said before distance


def test_planning_it_is_not_a_negation(screen: TieredScreen) -> None:
    assert path(screen, "i'm not thinking about suicide, i'm planning it", "en") == "crisis/open"


@pytest.mark.parametrize(("text", "lang"), [("me caí por las escaleras... bueno, me tiré", "es"),
                                            ("i fell down the stairs. well, i threw myself", "en")])
def test_a_fall_taken_back_is_not_an_accident(screen: TieredScreen, text: str, lang: str) -> None:
    first = screen._assess(text, lang)
    assert first.signal is not None
    assert path(screen, text, lang) == f"{first.signal.kind}/{first.signal.level}"
