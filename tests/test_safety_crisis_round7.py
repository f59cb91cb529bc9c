"""Crisis families of the seventh round (issue #9): each family opens or asks, its everyday twin does not.

Written for these tests in own wording (not rows of tests/safety_eval/): Spanish euphemisms said
alone ("ya no quiero estar", "quiero ya no estar", "me cansé de todo, me voy a ir"), a wish not to
wake up wrapped in a scene, recognising oneself in a song about wanting to die, and two look-alikes
that opened before (a haircut done alone, a last day at work).
"""

from __future__ import annotations

from tests.safety_fixtures import opens_crisis, signal_of


def test_hiding_under_the_duvet_and_never_waking_up_opens_the_crisis_path() -> None:
    assert opens_crisis("i want to hide under my duvet and never wake up", "en")


def test_hiding_under_the_duvet_until_noon_is_not_screened() -> None:
    assert signal_of("i want to hide under my duvet and never wake up before noon on sunday", "en") is None


def test_a_song_about_wanting_to_die_that_is_exactly_me_opens_the_crisis_path() -> None:
    assert opens_crisis("the song is about wanting to die and that's exactly me", "en")


def test_a_song_about_wanting_to_die_with_a_catchy_chorus_is_not_screened() -> None:
    assert signal_of("the song is about wanting to die but the chorus is so catchy", "en") is None


def test_ya_no_quiero_estar_said_alone_opens_the_crisis_path() -> None:
    assert opens_crisis("ya no quiero estar, estoy agotada", "es")


def test_ya_no_quiero_estar_in_a_group_chat_is_not_screened() -> None:
    assert signal_of("ya no quiero estar en ese grupo de la facu", "es") is None


def test_quiero_ya_no_estar_opens_the_crisis_path() -> None:
    assert opens_crisis("quiero ya no estar", "es")


def test_quiero_ya_no_estar_at_a_company_is_not_screened() -> None:
    assert signal_of("quiero ya no estar en esta empresa para marzo", "es") is None


def test_falling_asleep_and_the_day_never_coming_opens_the_crisis_path() -> None:
    assert opens_crisis("me quiero dormir y que no amanezca nunca", "es")


def test_going_to_bed_early_to_wake_up_at_the_beach_is_not_screened() -> None:
    assert signal_of("me quiero dormir temprano, mañana amanezco en la playa", "es") is None


def test_tired_of_everything_and_going_away_opens_the_crisis_path() -> None:
    assert opens_crisis("ya me cansé de todo, me voy a ir", "es")


def test_tired_of_the_traffic_and_walking_instead_is_not_screened() -> None:
    assert signal_of("ya me cansé de todo este tráfico, me voy a ir caminando", "es") is None


def test_a_spanish_song_about_wanting_to_die_that_feels_like_me_is_caught() -> None:
    signal = signal_of("la canción habla de querer morirse y así me siento yo", "es")
    assert signal is not None and signal.kind == "crisis"


def test_a_spanish_song_about_wanting_to_die_with_a_lovely_melody_is_not_screened() -> None:
    assert signal_of("la canción habla de querer morirse pero la melodía es hermosa", "es") is None


def test_cutting_my_own_hair_alone_is_not_screened() -> None:
    assert signal_of("estoy cortándome el pelo yo sola", "es") is None


def test_cutting_myself_again_and_not_stopping_opens_the_crisis_path() -> None:
    assert opens_crisis("estoy cortándome otra vez y no puedo parar", "es")


def test_friday_as_the_last_day_at_a_job_is_not_screened() -> None:
    assert signal_of("friday is my last day at this job", "en") is None


def test_friday_as_the_last_day_with_my_mind_made_up_opens_the_crisis_path() -> None:
    assert opens_crisis("friday is my last day, i've made up my mind and i won't be here after that", "en")
