"""The tenth session's merge: what the cold review (review10) found lowered too far, pinned."""

from __future__ import annotations

from tests.safety_fixtures import path, shipped_screen


def test_a_rope_bought_after_a_past_with_recovery_still_opens() -> None:
    # calm10 carried the past across clauses; recovery said now closes the past it ends.
    assert path(shipped_screen(), "i was suicidal years ago, therapy helped. i bought a rope and tied it in the garage",
                "en") == "crisis/open"


def test_meds_saved_up_after_a_past_overdose_with_recovery_are_not_ignored() -> None:
    text = "i overdosed in 2018, therapy helped me a lot. i stopped taking my meds and i started saving them"
    assert path(shipped_screen(), text, "en").startswith("crisis/")


def test_his_hands_on_her_neck_after_a_fight_named_with_him_is_the_abuse_path() -> None:
    # open10's "con mi novio me corto" (her own act) must not hide what he does in the rest of the message.
    assert path(shipped_screen(), "con mi novio me pego contra la pared y el me agarra del cuello hasta que no respiro",
                "es") == "abuse/open"


def test_his_blow_after_her_own_cut_in_a_fight_is_the_abuse_path() -> None:
    assert path(shipped_screen(), "cuando peleo con mi novio me corto y despues el me pega", "es") == "abuse/open"


def test_a_past_told_over_clauses_and_ended_by_recovery_stays_quiet() -> None:
    assert path(shipped_screen(), "about 4 years ago i was in a dark place, thought about suicide a lot, then therapy "
                "helped and i'm doing great now", "en") == "-"


def test_a_past_attempt_after_losing_a_job_with_its_pull_back_is_still_asked() -> None:
    # The merge's quit-a-habit rule reads c_again's guard, which holds "job" anywhere: the habit must be named too.
    assert path(shipped_screen(), "i tried in 2019 after i got fired from my job and lately that pull is back",
                "en") == "crisis/ask"
