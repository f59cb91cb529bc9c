"""Spanish that reads as written in Spanish: no "/a" doublets, no key left in English, no calques
or regional words we have already rewritten once, and helplines worded whole in each language."""

from __future__ import annotations

import re

import pytest
from fluent.syntax import FluentParser, FluentSerializer, ast

from bot.app import ROOT
from bot.i18n import I18n
from bot.safety.resources import describe_line, helplines

# Keys whose Spanish is rightly the same as the English: names, numbers and times.
SAME_IN_BOTH = {
    "language-en": "the name of a language is written in that language",
    "language-es": "the name of a language is written in that language",
    "country-ar": "Argentina is spelled the same",
    "country-co": "Colombia is spelled the same",
    "country-au": "Australia is spelled the same",
    "tz-bogota": "city names with their UTC offset",
    "tz-buenos-aires": "city names with their UTC offset",
    "tz-kolkata": "a country name with its UTC offset",
    "resource-line": "only punctuation around the line's name and how to reach it",
    "journal-line": "only placeables, numbers and punctuation (the words come from other keys)",
    "journal-line-before": "only placeables, numbers and punctuation (the words come from other keys)",
    "journal-line-both": "only placeables, numbers and punctuation (the words come from other keys)",
    "journal-summary": "only placeables, numbers and punctuation (the words come from other keys)",
}
NUMBERS_AND_TIMES = re.compile(r"^[\d\s:.,/+\-−()–]*$")
DOUBLET = re.compile(r"[a-záéíóúñ]/(a|o|as|os|e|es)\b|\([ao]s?\)|[a-z]@[a-z]*\b", re.IGNORECASE)
# Each was found in a review and rewritten; the reason says what to write instead.
CALQUES = {
    r"\bvale[,.]": "'vale' as 'okay' is from Spain: 'de acuerdo'",
    r"\bm[oó]vil\b|\bcelular\b": "'teléfono' reads the same in Spain and Latin America",
    r"\bustedes\b|\bvosotr[oa]s\b": "talk to one person, as tú",
    r"nudo tiene sentido": "calque of 'that knot makes sense': 'es normal sentir ese nudo'",
    r"\bbien hecho por\b": "calque of 'well done for': say what they did",
    r"not[eé] que sent[ií]a": "calque of 'I noticed I felt': 'me sentí', 'me dolió'",
    r"(?<!aquí )\bestoy cuando\b": "'aquí estoy cuando' / 'aquí estaré'",
    r"\bhan pasado un\b": "'ha pasado un minuto'",
    r"\bqué tan\b": "'qué tan' is Latin American: '¿con qué fuerza...?', '¿cuánto...?'",
    r"\bpara nada\b.*\bpara nada\b": "said twice",
}
PLATFORM_ONLY = re.compile(r"^(discord|telegram)-")


def messages(locale: str) -> dict[str, str]:
    """Every message's source (the value with all its variants), by key."""
    found: dict[str, str] = {}
    serializer = FluentSerializer()
    for path in sorted((ROOT / "locales" / locale).glob("*.ftl")):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.value is not None:
                found[entry.id.name] = serializer.serialize_entry(entry).split("=", 1)[1].strip()
    return found


def test_no_spanish_text_uses_a_gender_doublet() -> None:
    offenders = {key: m.group(0) for key, text in messages("es").items() if (m := DOUBLET.search(text))}
    assert not offenders, f"write it so it needs no doublet (e.g. 'no estoy seguro' -> 'no lo sé'): {offenders}"


def test_no_key_is_left_in_english_in_the_spanish_files() -> None:
    en, es = messages("en"), messages("es")
    same = sorted(k for k in en.keys() & es.keys()
                  if en[k] == es[k] and k not in SAME_IN_BOTH and not NUMBERS_AND_TIMES.match(es[k]))
    assert not same, f"these es texts are the English ones: {same}"


def test_the_allow_list_names_only_keys_that_are_really_the_same() -> None:
    en, es = messages("en"), messages("es")
    stale = sorted(k for k in SAME_IN_BOTH if en.get(k) != es.get(k))
    assert not stale, f"no longer identical, drop from SAME_IN_BOTH: {stale}"


@pytest.mark.parametrize(("pattern", "reason"), CALQUES.items())
def test_no_spanish_text_brings_back_a_rewritten_calque(pattern: str, reason: str) -> None:
    offenders = [k for k, text in messages("es").items() if re.search(pattern, text, re.IGNORECASE)]
    assert not offenders, f"{reason}: {offenders}"


@pytest.mark.parametrize("locale", ["en", "es"])
def test_every_helpline_is_worded_whole_in_the_users_language(locale: str) -> None:
    i18n = I18n(ROOT / "locales")
    other = {"en": re.compile(r"\b(llama|escribe|envía|o al|al)\b"),
             "es": re.compile(r"\b(call|text|message|chat at|to|on|or)\b")}[locale]
    for code, entry in helplines(i18n)["countries"].items():
        for kind in ("crisis", "abuse"):
            line = describe_line(i18n, locale, entry[kind])
            how = line.split(": ", 1)[1]  # the line's own name may be in any language
            assert not other.search(how), f"{locale} {code} {kind}: {line}"
            assert "resource-" not in line, line


def test_the_spanish_text_of_a_keyword_line_says_what_to_send_and_where() -> None:
    i18n = I18n(ROOT / "locales")
    line = describe_line(i18n, "es", helplines(i18n)["countries"]["US"]["abuse"])
    assert "envía un SMS con la palabra START al 88788" in line and " to " not in line


THERAPY_NAMES = re.compile(r"\b(EMDR|EFT|CBT|DBT|TCC|TDC)\b")


@pytest.mark.parametrize("locale", ["en", "es"])
def test_a_kind_of_therapy_is_said_in_plain_words_with_its_name_only_in_brackets(locale: str) -> None:
    for key, text in messages(locale).items():
        outside_brackets = re.sub(r"\([^)]*\)", "", text)
        assert not THERAPY_NAMES.search(outside_brackets), f"{locale}/{key}: say what it is first: {text}"
        assert "EFT" not in text, f"{locale}/{key}: EFT is read two ways; name it in full"
