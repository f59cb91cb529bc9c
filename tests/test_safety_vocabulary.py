"""The product's own words are not newly asked or opened by the safety screen (``bot/safety/vocabulary.py``).

The ninth session's retrain asked or opened words the bot itself puts in people's mouths ("I'm not sure",
"would you worry?", "here it is"); only the care and circle tests found it. The probe screens every string
literal of three words or more in the non-safety tests, every English and Spanish message and button label,
and typical typed answers to the bot's prompts, against the verdicts recorded under the last accepted model.
After a retrain: ``PYTHONPATH=. python -m bot.safety.vocabulary`` names what moved.
"""

from __future__ import annotations

from bot.safety.corpus import training_rows
from bot.safety.vocabulary import (
    LANGS,
    literals_in_tests,
    load_baseline,
    locale_texts,
    moved,
    probes,
    screen_all,
    shipped_screen,
    typed_answers,
)


def test_no_product_string_is_newly_asked_or_opened() -> None:
    # A recorded string may fall quiet, never rise (quiet -> ask -> open); a string not yet recorded (a new
    # test or message) must be quiet, or be recorded on purpose with --record (which keeps recorded verdicts).
    assert moved(load_baseline(), screen_all(shipped_screen(), probes())) == []


def test_the_probe_covers_the_tests_the_locales_and_typed_answers() -> None:
    assert len({text for text, _ in literals_in_tests()}) > 500
    locales = locale_texts()
    assert {lang for _, lang, _ in locales} == set(LANGS) and len(locales) > 1300
    answers = typed_answers()
    assert all(sum(lang == want for _, lang, _ in answers) > 100 for want in LANGS)
    assert len(load_baseline()) > 2500


def test_the_typed_answers_are_not_training_rows() -> None:
    # They measure the model; a training row that copied one would make the check a memory test. One- and
    # two-word answers ("maybe", "no idea") are also everyday training rows, written before this probe.
    trained = {row.text.strip().casefold() for row in training_rows()}
    assert [text for text, _, _ in typed_answers() if len(text.split()) >= 3
            and text.strip().casefold() in trained] == []
