"""The abuse families of the ninth round (issue #9), each next to its everyday twin.

Violence told as small ("am i overreacting?"), trackers and spy apps, reproductive coercion, work
forbidden and papers held, threats of outing, deportation or custody, gaslighting, strangulation told
indirectly, stalking after the separation, sex given under guilt and fear of his reaction reach the
abuse path; a flight tracked to pick her up, an airtag in the luggage, a baby planned together and a
husband waiting to take her to dinner do not open it. Own wording, never from tests/safety_eval/.
"""

from __future__ import annotations

import pytest

from tests.safety_fixtures import signal_of


def _kind_level(lang: str, text: str) -> tuple[str, str] | None:
    signal = signal_of(text, lang)
    return None if signal is None else (signal.kind, signal.level)


REACHES_ABUSE = [
    # violence told as small, asking for reassurance
    ("en", "it was just one slap, he's not a bad guy, is it really that serious"),
    ("es", "solo fue un empujón, seguro estoy exagerando, ¿no?"),
    ("es", "fue nomás un bofetón, ya me pidió perdón, ¿soy una exagerada?"),
    # digital abuse
    ("en", "there was a tracker stuck inside my car bumper and my ex is the only one who'd do that"),
    ("en", "he reads all my messages through the ipad because my account is still logged in there"),
    ("es", "me instaló una aplicación espía en el celular"),
    ("es", "si desactivo la ubicación compartida me reclama y me acusa de andar con otro"),
    # economic abuse
    ("en", "he forbids me from working"),
    ("es", "me tiene guardado el pasaporte y no me lo devuelve"),
    # threats of outing, deportation or custody
    ("en", "he says he'll call immigration on me if i report him"),
    ("en", "she says she'll tell everyone i'm trans if i don't do what she says"),
    ("es", "me amenaza con llamar a migración si voy a la policía"),
    ("es", "dice que le va a decir al juez que estoy loca y se queda con los nenes si me separo"),
    # gaslighting, sexual coercion by guilt, fear of his reaction
    ("en", "he hides my stuff then says i'm losing it and need help"),
    ("en", "he keeps asking until i just give in, i don't really want to"),
    ("es", "si no me acuesto con él se enoja y me hace la ley del hielo"),
    ("en", "i'm scared of how he'll react when he gets home"),
    ("es", "me da miedo su reacción cuando llegue a casa"),
    ("es", "tengo miedo de cómo se ponga cuando vea que gasté"),
    # stalking after the separation
    ("en", "since we broke up he shows up at my work every day"),
    ("es", "mi ex se para afuera de mi laburo a esperarme"),
]


@pytest.mark.parametrize(("lang", "text"), REACHES_ABUSE)
def test_each_new_family_reaches_the_abuse_path(lang: str, text: str) -> None:
    found = _kind_level(lang, text)
    assert found is not None and found[0] == "abuse", found


@pytest.mark.parametrize(("lang", "text"), [
    # contraception sabotaged, pregnancy forced: sexual abuse, opened
    ("en", "he flushed my pills down the toilet because he wants me pregnant"),
    ("en", "i keep finding my birth control pills in the trash, he says it's time for a kid"),
    ("es", "me escondió las pastillas anticonceptivas porque quiere que me embarace"),
    ("es", "encontré mis anticonceptivos en la basura, dice que ya es hora de ser papá"),
    # stated threats
    ("en", "he has my papers and says he'll get me deported"),
    ("es", "me amenaza con contarle a mis papás que soy gay si lo dejo"),
    # strangulation told indirectly
    ("en", "he put his hands on my neck last night"),
    ("es", "me apretó el cuello hasta que vi todo negro"),
    # violence now and brief death threats in new wording
    ("es", "ya rompió la puerta a patadas y sigue pateándola, estoy encerrada en el baño"),
    ("es", "me dijo que no llego viva a fin de mes"),
    ("es", "me viene siguiendo con la camioneta ahorita mismo"),
    ("en", "he told me i won't make it to the court date alive"),
])
def test_sabotage_threats_and_strangulation_open_the_abuse_path(lang: str, text: str) -> None:
    assert _kind_level(lang, text) == ("abuse", "open")


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "cuando le digo que me quiero ir dice que se va a matar y que será mi culpa"),
    ("en", "whenever i say i want to go he threatens to overdose and says it'll be on me"),
])
def test_his_suicide_threat_over_her_leaving_is_abuse_not_crisis(lang: str, text: str) -> None:
    assert _kind_level(lang, text) == ("abuse", "open")


def test_her_own_wish_to_die_beside_his_threat_still_reaches_crisis() -> None:
    found = _kind_level("en", "he says he'll kill himself if i leave and honestly i want to die too")
    assert found is not None and found[0] == "crisis", found


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "he tracks my flight so he can pick me up"),
    ("en", "i put an airtag in my luggage before the trip"),
    ("en", "my husband checks the weather app every morning"),
    ("en", "i took out a student loan in my name"),
    ("en", "my husband waits outside work to pick me up, so sweet"),
    ("en", "we agreed on joint custody and it's working fine"),
    ("en", "i'm scared of how my boss will react to the mistake"),
    ("es", "mi esposo sigue mi vuelo para recogerme en el aeropuerto"),
    ("es", "mi novio me espera afuera del trabajo para ir a cenar"),
    ("es", "mi ginecóloga me cambió el anticonceptivo"),
    ("es", "dejé las pastillas porque queremos buscar un bebé"),
    ("es", "con mi ex tenemos la custodia compartida y funciona bien"),
    ("es", "me insiste en ver su serie y al final cedo jaja"),
])
def test_everyday_twins_are_not_opened(lang: str, text: str) -> None:
    found = _kind_level(lang, text)
    assert found is None or found[1] == "ask", found


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "i put an airtag in my luggage before the trip"),
    ("es", "mi novio me espera afuera del trabajo para ir a cenar"),
    ("es", "mi ginecóloga me cambió el anticonceptivo"),
    ("es", "con mi ex tenemos la custodia compartida y funciona bien"),
])
def test_look_alike_exceptions_leave_the_twin_unscreened(lang: str, text: str) -> None:
    assert _kind_level(lang, text) is None
