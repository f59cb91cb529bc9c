"""Both tiers of the safety screen as one: phrase lists, then the structured detector and model.

The phrase lists are the deterministic floor and open a path on a match. Then the detector's
rules and the model's probabilities decide together: a clear signal (a plan, means, a time
frame, violence or threats) opens the crisis or abuse path at once, a weaker one asks
directly. Crisis wins over abuse whenever both are present. Short ordinary messages ("ok",
"vale", an emoji) are never asked or opened by this tier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import I18n
from bot.safety import windows
from bot.safety.distance import LAUGH, REAL, Distance, rank
from bot.safety.means import AGAIN, MeansLexicon
from bot.safety.means import CATEGORIES as MEANS_CATEGORIES
from bot.safety.normalize import normalize, variants
from bot.safety.screen import PhraseScreen, SafetySignal
from bot.safety.signals import SignalDetector
from bot.safety.soft import SoftModel, features

# Someone else's death, a story, the user's past; and what still makes it a plan now.
ELSEWHERE = frozenset({"c_elsewhere"})
PLAN_CATEGORIES = frozenset({"c_intent", "c_access", "c_ending", "c_wish", "c_resolve", "c_held", "c_deadline",
                             "c_harm_now"})
ABUSE_CATEGORIES = frozenset({"a_physical", "a_threat", "a_images", "a_monitor", "a_money", "a_isolation",
                              "a_humiliate", "a_fear", "a_sexual", "a_stalk", "a_siege", "a_now",
                              "a_property", "a_armed", "a_pressure", "a_death_idiom", "a_rampage", "a_threat_told",
                              "a_breaking_in", "a_hunted", "a_hid", "a_drunk_violence", "a_threat_brief"})
# With no category of its kind behind it, the model opens a path only this sure (else asks).
MODEL_ALONE_OPEN = 0.8
# A detector rule that would open the abuse path is only asked about when the model reads the
# whole message as this unlikely to be abuse ("she'll kill me if she finds out i forgot our
# anniversary"): the rule sees words, the model sees the sentence they are in.
RULE_ABUSE_CONFIRM = 0.3
# Coercive control alone (the rules ask): the same words can describe a couple's habits, so
# the model opens the abuse path on them only this sure.
CONTROL_ONLY = frozenset({"a_monitor", "a_money", "a_isolation", "a_humiliate", "a_fear", "a_stalk",
                          "a_property", "a_pressure"})
# abuse7: grouped CV (``selection --abuse-open``) finds most of the rows a retrain flips at this
# line, but "he went through my phone while i was asleep" must be asked first (tests pin it): kept.
CONTROL_OPEN = 0.9
# Crisis categories that, next to an abuse signal, leave doubt about whose harm it is.
DOUBT_CATEGORIES = frozenset({"c_selfharm", "c_selfharm_maybe", "c_selfharm_1p", "c_ending", "c_access",
                              "c_hopeless", "c_burden", "c_goodbye", "c_intent", "c_wish", "c_held", "c_deadline",
                              "c_harm_now", "c_without_me"})
# The model's crisis share above which an abuse signal is asked about rather than opened.
CRISIS_DOUBT = 0.25
# "me pegó" (he hit me) and "me pego" (I hit myself) differ only by the accent, which
# normalising drops: when the person typed it, the subject is someone else, so the detector
# reads "él me pegó" (its self-harm words exclude a named actor before "me").
_SOMEONE_ELSE_DID = re.compile(r"(?<!\w)me (?:pegó|golpeó|quemó|lastimó|mordió|ahorcó|estranguló)(?!\w)", re.IGNORECASE)
# open10: "cada vez que peleo con mi novio me corto": the partner is who she fights with, not who cuts; read here,
# not in the detector's a_did_to_me, so the model's features (trained with that category) stay as they were.
_FIGHT_WITH = re.compile(r"(?<!\w)con (?:el|ella|mi (?:pareja|novio|novia|marido|esposo|esposa|mujer|ex|mama|papa"
                         r"|madre|padre)) me (?:\w+ )?(?:corto|quemo|golpeo|pego|lastimo|arano|rasguno|clavo|pellizco)"
                         r"(?!\w)")
# hands11: his blow, then her injury as its consequence ("me sacudió tan fuerte que me golpeé la cabeza"): the first
# person is what his act did to her, not her own act. Read on the raw text: the accent names who did the first verb.
# Only a fall or a knock is read so: "me pegó y me corté las venas" is her self-harm beside his blow (review11).
_HIS_BLOW_THEN_MINE = re.compile(
    r"(?<!\w)me (?:sacudió|empujó|aventó|tiró|jaló|zarandeó|lanzó|estampó|arrojó|pegó|golpeó|pateó|azotó)(?: \w+){0,5}"
    r" (?:que|y) me (?:golpeé|pegué|caí|di|abrí|rompí|raspé)(?!\w)", re.IGNORECASE)
_ACCENTED_HE = re.compile(r"(?<!\w)me \w+ó(?!\w)", re.IGNORECASE)  # "me cortó": typed as his act
# A message this short with no category found is never judged by the model alone.
SHORT_WORDS = 2
# Categories that mean the message is about the user's own life and body: with any of them,
# a signal goes to the crisis path, never the abuse path.
SELF_HARM_CATEGORIES = frozenset({"c_selfharm", "c_access", "c_ending", "c_held", "c_harm_now"})
CRISIS_CATEGORIES = frozenset({"c_intent", "c_means", "c_access", "c_time", "c_ending", "c_hopeless", "c_burden",
                               "c_goodbye", "c_selfharm", "c_selfharm_maybe", "c_act", "c_wish", "c_resolve",
                               "c_held", "c_deadline", "c_harm_now"})
# A time or a place alone ("in the middle of the night", "the highway") says nothing about whose
# harm it is: the model's abuse share still counts against a crisis reading.
CONTEXT_ONLY = frozenset({"c_time", "c_means"})
# A ``lean`` rule (a method named, a wish to die, a goodbye with a day) opens the crisis path
# when the model's crisis share is at least this, and asks otherwise (chosen on dev and the
# crisis side's own held-out rows: 0.4 opens no fewer crisis rows there than 0.35, fewer look-alikes).
LEAN_OPEN = 0.4
# crisis7: the model's crisis share is calibrated alike in both languages (grouped CV on the training
# rows: lean-verdict crisis rows median 0.92 es / 0.93 en), but in Spanish 0.3 opens 4 more of 131
# lean crisis rows and none of the 20 lean benign ones; in English it would open 6 more of 41 benign.
LEAN_OPEN_BY_LOCALE = {"es": 0.3}
# What a plan is made of: with any of these behind a lean rule, laughter does not lower it
# ("lol i've got the rope in the car").
PLAN_PARTS = frozenset({"c_access", "c_act", "c_resolve", "c_time", "c_ending", "c_held", "c_deadline", "c_harm_now"})
MEANS_WHEN = frozenset({"c_means", "c_time"})
# means8: "i have a bottle of advil, how many can i take for my back" is means at hand in a dose question; with
# any of these (a plan, a method, a wish, a date, self-harm) it still opens.
DOSE_KEEPS = frozenset({"c_intent", "c_act", "c_resolve", "c_wish", "c_ending", "c_time", "c_goodbye", "c_hopeless",
                        "c_burden", "c_selfharm", "c_selfharm_1p", "c_held", "c_deadline", "c_harm_now"})
PILLS = frozenset({"c_access", "c_means"})
# calm10: an object named with its everyday use (a rope for the tarp, bleach for the shower, expired pills, knives
# kept from a toddler) and no crisis word beyond the object, its possession and a time: a purpose of care or a chore
# said of it (``s_chore``, narrower than ``means.guard``, which also holds "how many", a move or camping: the cover
# stories of real plans) asks, never opens, whatever the model or a lean rule read. A method, a wish, intent, a
# goodbye or self-harm beside it keeps the opening.
# Not with means held (``c_held``: an object, its possession and a cue such as a quantity or "tonight"): "is it safe to
# take all 30 tonight" is means8's, whose own guards already read chores and pets.
OBJECT_ONLY = frozenset({"c_means", "c_access", "c_time"})
CHORE = "s_chore"
# calm10: a violent relationship that is over (``_left_behind``).
ENDED = "s_ended"
# The merge's quit-a-habit reading (``_everyday_again``).
HABIT = "s_habit"
# hands11: a partner's one look through the phone, and what makes it more than one look (``_one_look``).
ONE_LOOK, LOOK_KEPT = "s_one_look", "s_look_kept"
# means8: the rules read these, the model does not (it was trained without them: a retrain that learnt them
# moved unrelated rows by ±1–3 while adding nothing the rules do not already open).
MEANS = frozenset(MEANS_CATEGORIES)
# Spanish reflexive forms that read both ways once accents are gone ("me quemo": I burn myself;
# "me quemó": he burned me): who did it is settled by these categories (locales/es/safety_signals.yaml).
SELF_HARM_ACT = frozenset({"c_selfharm", "c_selfharm_maybe"})
# An ambiguous Spanish reflexive form told as a habit ("cada vez que…", "ya es costumbre").
SELF_HARM_HABIT = frozenset({"c_selfharm_maybe", "c_selfharm_habit"})
# Harm words that belong to someone else's act against the user: a knife held to the user's
# throat by him, the partner's suicide threat held over the user's leaving. With every crisis
# word inside these spans, it is abuse (open), never the crisis path; a crisis word outside them
# ("... and i want to die too") keeps the usual reading, where crisis wins.
SOMEONE_ELSES = (frozenset({"a_armed"}), frozenset({"a_their_selfharm", "a_if_leave"}),
                 frozenset({"a_their_told", "a_if_leave"}), frozenset({"a_their_told", "a_if_told"}))
# Left outside those spans, these say nothing about the user's own risk.
NOT_OWN_RISK = frozenset({"c_means", "c_time"})
SOMEONE_ELSES_REASONS = frozenset({"rule:abuse-armed", "rule:abuse-their-threat"})
# abuse6: his words or his rampage ("he said i won't make it out of this house alive", "está tomado
# y quebrando todo, estoy encerrada en el cuarto"): crisis-like words inside these spans are his
# threat or the scene, not the user's own risk. Read this way only when such words are present;
# otherwise the usual rule (and its model check) decides, and distance still applies.
REPORTED = ((frozenset({"a_death_idiom"}), "rule:abuse-death-idiom"),
            (frozenset({"a_rampage", "a_now"}), "rule:abuse-rampage-now"),
            (frozenset({"a_rampage", "a_hiding"}), "rule:abuse-rampage-now"),
            # story9: "he texted me: if you leave i will end you": his "i will end" is not her intent.
            (frozenset({"a_threat_told"}), "rule:abuse-threat-told"))
# A death threat in his words opens without the model's say: its wording ("i won't see another
# birthday") is the same as a person's own ending, so the model cannot tell them apart; the frame
# ("he said", not "my mom said" or "i said") does. Distance (a laugh) still lowers it.
REPORTED_ALWAYS = frozenset({"rule:abuse-death-idiom"})
# Insults that quote the user's worth back ("he tells me i'm a burden"): without a crisis word
# outside them, the hopelessness or burden words are his, and the crisis categories are dropped.
THEIR_WORDS = frozenset({"a_humiliate"})
# A partner who threatens to leave ("he threatened to leave if i keep texting my ex") is not a
# threat of harm: with no abuse category, the model alone only asks.
LEAVING_ONLY = "a_leaves"
# The partner's suicide threat said as a joke ("he said he'd kill himself if i left lol"): asked, not opened.
JOKING = "a_joking"
# review6: a death idiom whose speaker is the user ("i finally texted him that i won't wake up tomorrow")
# is her own ending: the words right before it (``distance`` family) say so, and the category is dropped.
DEATH_IDIOM, OWN_FRAME, OTHER_SPEAKER = "a_death_idiom", "b_own_frame", "b_other_speaker"
# review6: "he wasn't joking", "no era broma": the a_joking word is denied, so it lowers nothing.
NOT_JOKING = "b_not_joking"
# review6: the user agreeing with his insult ("...and i agree", "y tiene razón"): its crisis words are hers too.
AGREES = "b_agree"
# precision4: a long message that tells a story (a sister's past attempt, a grandfather's last days, a film,
# the user's own past) to ask about something else. The sentences of the story are set aside and the rest is
# screened again, as the whole-message pass does with ``c_elsewhere``: someone else's story lowers to what
# the rest says; the user's own past keeps a question. ``distance`` families read here only.
STORY_OTHER = ("b_other", "b_media", "b_story")
STORY_OWN = ("b_past",)
# story9: someone else's death by a method, then the user's own present (``_told_then_own``); ``distance`` families
# read only there. Looked for only when the whole message holds one of ``STORY_CUES``.
THEIR_DEATH, BACK, HERE, PUT_AWAY, OTHER_THING = "s_their_death", "s_back", "s_here", "s_put_away", "s_other_thing"
STORY_CUES = frozenset({"c_elsewhere", "c_means", "c_act", "c_held", "c_access", "c_selfharm_maybe",
                        "a_their_selfharm"})
# story9: a threat with an everyday condition (``_everyday_threat``): who says it decides.
THREAT_WORDS = frozenset({"a_threat", "a_if_leave", "a_threat_told"})
# story9: a death threat told in any person or tense opens by the rule alone: the model does not see its category
# (``soft.RULE_ONLY``), so its abuse share says nothing about it; an everyday condition is ``_everyday_threat``'s.
TOLD_REASONS = frozenset({"rule:abuse-threat-told",
                          # open10: the same for the scene under way and brief threats (rule-only categories).
                          "rule:abuse-breaking-in", "rule:abuse-hunted", "rule:abuse-drunk-violence",
                          "rule:abuse-threat-brief"})
EVERYDAY_IF, PARTNER, LIGHT_SPEAKER = "s_everyday_if", "s_partner", "s_light_speaker"
# Who speaks in a sentence: with any of these words the sentence is the user's own (never set aside unless
# it is her own past). Conservative on purpose: "me" or a Spanish first-person verb keeps the sentence.
_FIRST_PERSON = re.compile(
    r"(?<!\w)(i|i'?m|im|i'?ve|ive|i'?ll|ill|i'?d|me|myself|yo|conmigo|quiero|voy|estoy|tengo|siento|pienso|"
    r"puedo|aguanto|necesito|sigo|creo|se me)(?!\w)")
# Accented first-person preterites ("tomé", "corté"), read on the typed text.
_FIRST_PERSON_RAW = re.compile(r"\w+é(?!\w)", re.IGNORECASE)
# A sentence that goes on with the story: its subject is the other person.
_THIRD_PERSON = re.compile(
    r"^(?:(?:and|but|so|then|y|pero|entonces|ahora|hoy|despues) )?(?:he|she|they|his|her|their|"
    r"(?:my|mi|our|nuestra|nuestro|su) (?:\w+ )?(?:sister|brother|mom|mum|mother|dad|father|friend|best friend|cousin|"
    r"aunt|uncle|grandpa|grandma|grandfather|grandmother|son|daughter|hermana|hermano|mama|madre|papa|padre|amiga|amigo|"
    r"prima|primo|tia|tio|abuela|abuelo|hijo|hija)|el|ella|ellos|ellas|estaba|estuvo|era|fue|tenia|decia|dijo|"
    r"se (?:murio|fue|tomo|tiro|corto|mato|quito|salvo|recupero))(?!\w)")


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything both tiers saw in one message, for evaluation and tuning (no user text kept)."""

    signal: SafetySignal | None
    categories: frozenset[str]
    probabilities: dict[str, float]


class TieredScreen:
    """The screen the engine runs on every typed message (``SafetyScreen`` protocol)."""

    def __init__(self, i18n: I18n, model: SoftModel, phrases: PhraseScreen | None = None, *,
                 prefilter: bool = True) -> None:
        self.phrases = phrases or PhraseScreen(i18n, prefilter=prefilter)
        self.phrases.prepare()
        self.detector = SignalDetector(i18n.directory, i18n.locales, prefilter=prefilter)
        self.detector.share_excuses(self.phrases.excuse_spans)
        self.distance = Distance(i18n.directory, i18n.locales)
        self.model = model

    def screen(self, text: str, locale: str) -> SafetySignal | None:
        return self.assess(text, locale).signal

    def assess(self, text: str, locale: str) -> Assessment:
        """Both tiers, lowered where words are used at a distance, raised by the user's own present after a story."""
        first = self._assess(text, locale)
        result = self._lower(text, locale, first)
        return self._told_then_own(text, locale, self._everyday_threat(text, result), first.categories)

    def _lowered(self, text: str, locale: str) -> Assessment:
        """Both tiers, then lowered where the words are used at a distance (``distance.py``)."""
        return self._lower(text, locale, self._assess(text, locale))

    def _lower(self, text: str, locale: str, first: Assessment) -> Assessment:
        """``first`` (both tiers' reading of ``text``) lowered where the words are used at a distance."""
        if first.signal is None:
            return first  # nothing to lower
        # Normalised once, and the distance families read once, for every step below.
        norm = variants(text)[0]
        marks = self.distance.markers(text, norm)
        if first.signal.reason in SOMEONE_ELSES_REASONS:
            # "if i break up with her" is the threat's condition here, not a relationship at a distance.
            if first.signal.reason == "rule:abuse-their-threat" and NOT_JOKING not in marks and (
                    JOKING in first.categories or LAUGH in marks):
                return Assessment(SafetySignal("abuse", first.signal.reason, "ask", "model"),
                                  first.categories, first.probabilities)
            return first
        softened = self.distance.soften(text, first, lambda t: self._assess(t, locale), self._plan,
                                        norm=norm, marks=marks)
        lowered = self._everyday_object(norm, self._dose(norm, self._story(text, locale, first, softened, norm, marks)))
        return self._one_look(norm, self._everyday_again(norm, self._left_behind(norm, lowered)))

    def _everyday_threat(self, text: str, result: Assessment) -> Assessment:
        """A threat whose condition is an everyday thing: a parent's or boss's hyperbole, asked when no one is named.

        "mi mamá dice que si no llego a tiempo para la cena me mata" is quiet; "dijo que si no llego a tiempo me mata"
        is asked; with a partner named, or any other abuse said, it stands (story9).
        """
        signal = result.signal
        if signal is None or signal.kind != "abuse" or signal.tier == "phrases":
            return result
        if result.categories & (ABUSE_CATEGORIES - THREAT_WORDS):
            return result  # violence, control or fear said besides: not a figure of speech
        norm = variants(text)[0]
        if not self._family(EVERYDAY_IF, norm) or self._family(PARTNER, norm):
            return result
        if self._family(LIGHT_SPEAKER, norm):
            return Assessment(None, result.categories, result.probabilities)
        if signal.level != "open":
            return result
        return Assessment(SafetySignal("abuse", signal.reason, "ask", "model"), result.categories, result.probabilities)

    def _told_then_own(self, text: str, locale: str, result: Assessment,
                       whole: frozenset[str] = frozenset()) -> Assessment:
        """Someone else's death by a method, then the user's own present with it: the story does not set it aside.

        "my cousin killed himself with his dad's gun. the gun is in my closet now": the story names the means and
        the next sentence puts it with the user now (means at hand, going there, doing the same), so it opens;
        the sentences after the story are also read alone, and their own crisis words count (story9).
        """
        signal = result.signal
        # A model-only abuse question with no abuse word is the model's guess at the story's "him"
        # (merge of the ninth session): the user's own means still decide.
        if signal is not None and (signal.level == "open"
                                   or (signal.kind == "abuse" and result.categories & ABUSE_CATEGORIES)):
            return result
        # ``whole``: the categories of the whole message. Lowering a question about the whole message keeps only
        # the categories of what is left once the story is set aside ("mi amiga se tiró del puente. esta noche
        # voy a ir yo" keeps the time, not the bridge); the story is read whether or not the model asked first
        # (tenth session: a retrain that made the model ask the whole message had turned this check off).
        if not (result.categories | whole) & STORY_CUES:
            return result
        # Each sentence normalised once: the filter and the story scan below read the same forms.
        sentences = [(s, part) for s in windows.sentences(text) if (part := normalize(s))]
        if len(sentences) < 2:
            return result
        means = self.detector.means
        told, method = -1, False
        for index, (sentence, part) in enumerate(sentences[:-1]):
            mine = bool(_FIRST_PERSON.search(part) or _FIRST_PERSON_RAW.search(sentence))
            if not mine and self._family(THEIR_DEATH, part):
                told, method = index, _names_means(means, part)
                break
        if told < 0:
            return result
        norm = variants(text)[0]
        if self._family(PUT_AWAY, norm) or self._family("s_well", norm):
            return result  # an accident, the object given up or put away, or recovery said
        after = sentences[told + 1:]
        rest = ". ".join(s.strip() for s, _ in after)
        rest_norm = normalize(rest)
        # The story named the means ("with his dad's gun", "del puente"), and the user is with it now or on her way
        # there: a pronoun or the object again points back to it ("the gun is in my closet now", "la tengo yo").
        named = _names_means(means, rest_norm)
        # "i have his guitar now, it's in my room": another thing of his is what the pronoun points to.
        points_back = named or (self._family(BACK, rest_norm) and not self._family(OTHER_THING, rest_norm))
        if method and points_back and self._family(HERE, rest_norm) and not means.guarded(rest_norm):
            return Assessment(SafetySignal("crisis", "rule:story-then-own", tier="model"),
                              result.categories, result.probabilities)
        again = self._lowered(rest, locale)
        if (again.signal is None or again.signal.kind != "crisis" or rank(again) <= rank(result)
                or not again.categories & (CRISIS_CATEGORIES - CONTEXT_ONLY)):
            return result
        return again

    def _dose(self, norm: str, result: Assessment) -> Assessment:
        """A dose question beside pills at hand, with no plan said, is asked about, not opened (means8)."""
        signal = result.signal
        if (signal is None or signal.kind != "crisis" or signal.level != "open" or result.categories & DOSE_KEEPS
                or not result.categories & PILLS or not self.detector.means.dose_question(norm)):
            return result
        return Assessment(SafetySignal("crisis", signal.reason, "ask", "model"), result.categories,
                          result.probabilities)

    def _everyday_object(self, norm: str, result: Assessment) -> Assessment:
        """Means named only as an object in an everyday frame are asked about, not opened (calm10)."""
        signal = result.signal
        if signal is None or signal.kind != "crisis" or signal.level != "open" or signal.tier == "phrases":
            return result
        crisis_words = result.categories & CRISIS_CATEGORIES
        if crisis_words - OBJECT_ONLY or not (crisis_words or signal.reason.startswith("model")):
            return result  # a crisis word beyond the object, or a rule with none: not this
        if not self._family(CHORE, norm) or self.detector.means.dose_harm_said(norm):
            return result
        return Assessment(SafetySignal("crisis", signal.reason, "ask", "model"), result.categories,
                          result.probabilities)

    def _everyday_again(self, norm: str, result: Assessment) -> Assessment:
        """A habit tried before and back again ("i tried in 2019 to quit smoking and lately i'm at it again") is quiet
        when only the model asked: the shape of a past attempt with its pull back (``c_again``) held by its own guard
        (quitting, a diet, an exam), and no crisis word at all. Written at the tenth session's merge, when the retrain
        put that sentence just over the ask line; a rule keeps it from moving with every retrain."""
        signal = result.signal
        if (signal is None or signal.kind != "crisis" or signal.level != "ask" or signal.reason != "model"
                or result.categories & CRISIS_CATEGORIES):
            return result
        pattern, guard = self.detector.means.asks[AGAIN]
        # The guard alone is broad ("job", "exam" anywhere): the habit given up must be named too (review10).
        if pattern is None or guard is None or not pattern.search(norm) or not guard.search(norm) \
                or not self._family(HABIT, norm):
            return result
        return Assessment(None, result.categories, result.probabilities)

    def _left_behind(self, norm: str, result: Assessment) -> Assessment:
        """Violence told of a relationship she left years ago, with a kind partner or recovery now: asked (calm10).

        "mi ex me pegaba, lo dejé hace 4 años y hoy tengo una pareja que me trata bien": the abuse path at once is for
        harm now; a past that is over keeps the question, not the opening. Never with a present ("ayer volvió", "again",
        "últimamente"), a threat or anything of the crisis side.
        """
        signal = result.signal
        if signal is None or signal.kind != "abuse" or signal.level != "open":
            return result
        if result.categories & (CRISIS_CATEGORIES - CONTEXT_ONLY) or result.categories & THREAT_WORDS:
            return result
        if not (self._family(ENDED, norm) and self._family("s_well", norm)) or self._family("s_now", norm):
            return result
        return Assessment(SafetySignal("abuse", signal.reason, "ask", "model"), result.categories, result.probabilities)

    def _one_look(self, norm: str, result: Assessment) -> Assessment:
        """A partner's one look through the phone, with no violence, threat or fear said, is asked, not opened.

        "he went through my phone while i was asleep": the lead's decision (hands11) keeps it a weaker signal, a
        question with both answers offered. The model trained on outside rows reads it as abuse over
        ``CONTROL_OPEN``, so the structure decides, not the margin. A habit, a demand, a device or what was done
        after it ("every night", "made me", "an app", "then questioned me": ``s_look_kept``) keeps the opening.
        """
        signal = result.signal
        if signal is None or signal.kind != "abuse" or signal.level != "open" or signal.tier == "phrases":
            return result
        if result.categories & ABUSE_CATEGORIES != {"a_monitor"} or result.categories & CRISIS_CATEGORIES:
            return result
        if not self._family(ONE_LOOK, norm) or self._family(LOOK_KEPT, norm):
            return result
        return Assessment(SafetySignal("abuse", signal.reason, "ask", "model"), result.categories, result.probabilities)

    def _story(self, text: str, locale: str, first: Assessment, result: Assessment, norm: str,
               marks: frozenset[str]) -> Assessment:
        """A long message's crisis reading without the sentences that tell someone else's story or her past."""
        signal = result.signal
        if signal is None or signal.kind != "crisis" or first.categories & ABUSE_CATEGORIES:
            return result
        if len(norm.split()) < windows.LONG_WORDS or REAL in marks:
            return result
        kept: list[str] = []
        told = own = False
        chain = False
        for sentence in windows.sentences(text):
            part = normalize(sentence)
            if not part:
                continue
            mine = bool(_FIRST_PERSON.search(part) or _FIRST_PERSON_RAW.search(sentence))
            other = any(self._family(name, part) for name in STORY_OTHER)
            past = any(self._family(name, part) for name in STORY_OWN)
            if not (other or past) and "c_elsewhere" in self.detector.found(part, self.phrases.exceptions):
                past, other = mine, not mine
            past = past and mine  # "my sister attempted two years ago": her past, not the user's
            if past or (other and not mine):
                told, own, chain = True, own or past, True
                continue
            if chain and not mine and _THIRD_PERSON.search(part):
                continue  # the story goes on ("she is much better now", "estaba muy enfermo")
            chain = chain and not mine
            kept.append(sentence)
        if not told:
            return result
        rest = ". ".join(s.strip() for s in kept)
        # The rest is read whole when no crisis word is left in it: one part of it alone ("how do i get through
        # this", after a funeral) is the model's guess about a story it no longer sees.
        bare = not self.detector.found(normalize(rest), self.phrases.exceptions) & CRISIS_CATEGORIES
        again = self._assess(rest, locale, by_part=not bare) if rest.strip() else Assessment(None, frozenset(), {})
        if again.signal is not None and again.signal.kind == "crisis":
            again = self.distance.soften(rest, again, lambda t: self._assess(t, locale), self._plan)
        if again.signal is not None and again.signal.kind != "crisis":
            return result
        if own and (again.signal is None or again.signal.level != "open"):
            # Her own past told as past: asked at most, as a short message with ``c_elsewhere`` is.
            again = Assessment(SafetySignal("crisis", "rule:elsewhere", "ask", "model"), again.categories,
                               again.probabilities)
        return again if rank(again) < rank(result) else result

    def _plan(self, found: frozenset[str]) -> bool:
        """A rule that opens, or means, a method, a resolve, an ending or a time frame: a laugh never lowers it."""
        if MEANS_WHEN <= found:
            return True  # "haha i'm taking the pills after work": no rule names it, it is still a plan
        verdict = self.detector.decide(found)
        return verdict is not None and (verdict.level == "open" or bool(found & PLAN_PARTS))

    def _assess(self, text: str, locale: str, by_part: bool = True) -> Assessment:
        hard = self.phrases.screen(text, locale)
        forms = variants(_SOMEONE_ELSE_DID.sub(lambda m: "él " + m.group(0), text))
        norm = forms[0]
        if hard is None and (not norm or self.detector.is_ordinary(norm)
                             or any(self.detector.is_ordinary(f) for f in forms[1:])):
            return Assessment(None, frozenset(), {})
        found = self._found(text, norm)  # once: every branch below reads it
        turned = self._someone_elses(norm, locale, hard, found)
        if turned is not None:
            return turned
        if hard is not None and hard.kind == "abuse":
            # Some abuse phrases read like self-harm without accents ("me quemo": I burn myself,
            # "me quemó": he burned me); self-harm never goes to the abuse path.
            if found & {"c_selfharm", "c_harm_now"} or {"c_selfharm_maybe", "c_selfharm_1p"} <= found:
                return Assessment(SafetySignal("crisis", "rule:crisis-self-harm", tier="model"), found, {})
            verdict = self.detector.decide(found)
            plan = verdict is not None and verdict.kind == "crisis" and verdict.level == "open"
            if plan and "a_did_to_me" not in found:
                # "esta noche me ahorco": a method with a time frame is a plan, whoever the letters
                # could also describe ("me ahorcó": he strangled me) without the accent.
                return Assessment(SafetySignal("crisis", verdict.reason, tier="model"), found, {})  # type: ignore[union-attr]
            probs = self.model.probabilities(features(norm, found - MEANS))
            if _self_harm_doubt(found, probs):
                return Assessment(SafetySignal("crisis", hard.reason, "ask", "model"), found, probs)
            return Assessment(hard, found, probs)
        if hard is not None:
            if found & ELSEWHERE and not found & PLAN_CATEGORIES:
                # "my friend died by suicide", "I used to self-harm": ask, do not assume.
                return Assessment(SafetySignal("crisis", hard.reason, "ask", "model"), found, {})
            return Assessment(hard, found, {})
        if not found and len(norm.split()) <= SHORT_WORDS:
            return Assessment(None, found, {})  # "sorry", "me too": too little for the model to judge
        found = self._their_words(norm, found)
        probs = self.model.probabilities(features(norm, found - MEANS))
        pieces = windows.parts(text, norm) if by_part and not found & ABUSE_CATEGORIES else []
        if pieces:
            # A long message: ordinary chat in front of a risky sentence must not dilute it. Not
            # when someone else's violence or control is told: a raised crisis share would turn
            # the abuse path into a question (``_self_harm_doubt``).
            whole = probs
            seen = found - MEANS
            probs = windows.riskiest(probs, pieces, lambda part: self.model.probabilities(features(part, seen)))
            decided = self._decide(found, probs, locale)
            if (decided is not None and decided.level == "open" and probs is not whole
                    and not found & CRISIS_CATEGORIES and self._decide(found, whole, locale) != decided):
                # precision4: one part of a long message, read by the model alone with no crisis word anywhere
                # ("how do i get through this" after a grandfather's funeral), asks; it does not open.
                decided = SafetySignal("crisis", "model:crisis", "ask", "model")
            return Assessment(decided, found, probs)
        elif found & THEIR_WORDS and found & CRISIS_CATEGORIES - NOT_OWN_RISK:
            # review6: his insult beside her own burden or hopeless words ("he calls me a waste of space. i feel
            # like a burden to everyone"): her words are read without his, which the model takes for abuse alone.
            mine = found - THEIR_WORDS
            rest = self.detector.blank(norm, THEIR_WORDS)
            probs = windows.riskiest(probs, [rest], lambda part: self.model.probabilities(features(part, mine - MEANS)))
        return Assessment(self._decide(found, probs, locale), found, probs)

    def _someone_elses(self, norm: str, locale: str, hard: SafetySignal | None,
                       found: frozenset[str]) -> Assessment | None:
        """Open abuse when ``SOMEONE_ELSES`` spans hold every harm word; else ``None``."""
        if hard is not None and hard.kind == "abuse":
            return None
        group = next((g for g in SOMEONE_ELSES if g <= found), None)
        reason = None
        if group is None:
            doubt = bool(found & CRISIS_CATEGORIES - NOT_OWN_RISK) or hard is not None
            group, reason = next(((g, r) for g, r in REPORTED if g <= found and (doubt or r in REPORTED_ALWAYS)),
                                 (None, None))
        if group is None or found & {"c_selfharm_1p", "c_selfharm"}:
            return None
        rest = self.detector.blank(norm, group)
        left = self.detector.found(rest, self.phrases.exceptions)
        again = self.phrases.screen(rest, locale)
        if left & CRISIS_CATEGORIES - NOT_OWN_RISK or (again is not None and again.kind == "crisis"):
            return None
        if reason is None:
            reason = "rule:abuse-armed" if "a_armed" in group else "rule:abuse-their-threat"  # SOMEONE_ELSES_REASONS
        # Decided by the rule alone (no model call), like the other fixed readings: selection replays it as is.
        if reason in REPORTED_ALWAYS and JOKING in found and not self._family(NOT_JOKING, norm):
            return Assessment(SafetySignal("abuse", reason, "ask", "model"), found, {})  # "...lol": asked
        return Assessment(SafetySignal("abuse", reason, tier="model"), found, {})

    def _their_words(self, norm: str, found: frozenset[str]) -> frozenset[str]:
        """``found`` without its crisis categories when they all sit inside his insults."""
        if not found & THEIR_WORDS or not found & CRISIS_CATEGORIES:
            return found
        if self._family(AGREES, norm):
            return found
        rest = self.detector.blank(norm, THEIR_WORDS)
        if self.detector.found(rest, self.phrases.exceptions) & CRISIS_CATEGORIES - NOT_OWN_RISK:
            return found
        return found - CRISIS_CATEGORIES

    def _found(self, text: str, norm: str) -> frozenset[str]:
        found = self.detector.found_in(text, norm, self.phrases.exceptions) | self.detector.means.found(norm)
        if SELF_HARM_HABIT <= found and "a_did_to_me" not in found:
            # "me quemo con el encendedor, lo hago casi diario": a habit is told in the present,
            # so the ambiguous form is the person's own act, not "me quemó" (he burned me).
            found |= {"c_selfharm"}
        if DEATH_IDIOM in found and self._said_by_user(norm):
            found -= {DEATH_IDIOM}
        if ("a_did_to_me" in found and _FIGHT_WITH.search(norm) and not _ACCENTED_HE.search(text)
                and not self._did_to_me(norm)):
            found -= {"a_did_to_me"}
            if SELF_HARM_HABIT <= found:
                found |= {"c_selfharm"}  # "…me corto, ya es costumbre": her habit
        if "c_selfharm_1p" in found and "a_physical" in found and _HIS_BLOW_THEN_MINE.search(text):
            found = (found - {"c_selfharm_1p"}) | {"a_did_to_me"}  # his blow, her injury: someone else did it
        if "a_did_to_me" in found and "c_selfharm_1p" not in found:
            return found - SELF_HARM_ACT  # "él me quemó": someone else did it
        return found

    def _did_to_me(self, norm: str) -> bool:
        """Whether the partner still does something to her once every "con <partner> me <act>" is blanked.

        Any abuse category left counts, not only "a_did_to_me": "…y el me agarra del cuello" is his act (review10).
        """
        rest = _FIGHT_WITH.sub(lambda m: " " * len(m.group(0)), norm)
        left = self.detector.found(rest, self.phrases.exceptions)
        return "a_did_to_me" in left or bool(left & ABUSE_CATEGORIES)

    def _said_by_user(self, norm: str) -> bool:
        """Whether every death idiom in ``norm`` follows "i ... texted him that" or "mi mamá me"."""
        starts = [m.start() for m in self.detector.joined(DEATH_IDIOM).finditer(norm)]
        return bool(starts) and all(self._family(OWN_FRAME, norm[:start].rstrip())
                                    or self._family(OTHER_SPEAKER, norm[:start].rstrip()) for start in starts)

    def _family(self, name: str, norm: str) -> bool:
        """Whether a ``distance`` family read only here matches ``norm``."""
        pattern = self.distance.families.get(name)
        return pattern is not None and pattern.search(norm) is not None

    def _decide(self, found: frozenset[str], probs: dict[str, float], locale: str = "") -> SafetySignal | None:
        limits = self.model.thresholds
        verdict = self.detector.decide(found)
        if found & ELSEWHERE and not found & PLAN_CATEGORIES:
            crisis_ask = probs["crisis"] + probs["abuse"] >= limits.ask or verdict is not None
            return SafetySignal("crisis", "rule:elsewhere", "ask", "model") if crisis_ask else None
        if verdict is not None and verdict.level == "lean":
            level = "open" if probs["crisis"] >= min(LEAN_OPEN, LEAN_OPEN_BY_LOCALE.get(locale, LEAN_OPEN)) else "ask"
            return SafetySignal("crisis", verdict.reason, level, "model")  # type: ignore[arg-type]
        rule_open = verdict is not None and verdict.level == "open"
        if (rule_open and verdict.kind == "abuse" and probs["abuse"] < RULE_ABUSE_CONFIRM  # type: ignore[union-attr]
                and verdict.reason not in TOLD_REASONS):  # type: ignore[union-attr]
            rule_open = False
        if rule_open and verdict.kind == "crisis":  # type: ignore[union-attr]
            return SafetySignal("crisis", verdict.reason, tier="model")  # type: ignore[union-attr]
        crisis_words = bool(found & CRISIS_CATEGORIES)
        abuse_rule = verdict is not None and verdict.kind == "abuse"
        # The model alone does not send someone describing abuse (and no self-harm) to the crisis path.
        # The model alone opens only when it is very sure or a crisis category backs it up.
        crisis_p = probs["crisis"]
        if found & (CRISIS_CATEGORIES - CONTEXT_ONLY) and not found & ABUSE_CATEGORIES:
            # No abuse category: the model's abuse share is partner words ("he left", "my ex"),
            # not a second reading of the message, so it does not dilute a crisis reading.
            crisis_p = crisis_p / ((crisis_p + probs["benign"]) or 1.0)
        sure = crisis_p >= (limits.open_crisis if crisis_words else MODEL_ALONE_OPEN)
        if sure and (crisis_words or not abuse_rule):
            return SafetySignal("crisis", "model:crisis", tier="model")
        abuse_words = bool(found & ABUSE_CATEGORIES)
        abuse_open_at = limits.open_abuse if abuse_words else MODEL_ALONE_OPEN
        if abuse_words and not found & ABUSE_CATEGORIES - CONTROL_ONLY:
            abuse_open_at = max(abuse_open_at, CONTROL_OPEN)  # monitoring, money...: a habit or abuse
        if LEAVING_ONLY in found and not abuse_words:
            abuse_open_at = 1.01  # leaving is not harm: the model alone asks at most
        if rule_open or probs["abuse"] >= abuse_open_at:
            if found & SELF_HARM_CATEGORIES or _self_harm_doubt(found, probs):
                # Crisis wins when both are there: ask (both answers are offered), never assume abuse.
                return SafetySignal("crisis", "model:crisis", "ask", "model")
            return SafetySignal("abuse", verdict.reason if rule_open else "model:abuse", tier="model")  # type: ignore[union-attr]
        if verdict is not None or probs["crisis"] + probs["abuse"] >= limits.ask:
            crisis = bool(found & SELF_HARM_CATEGORIES) or probs["crisis"] >= probs["abuse"]
            if verdict is not None and not found & SELF_HARM_CATEGORIES:
                crisis = verdict.kind == "crisis"
            return SafetySignal("crisis" if crisis else "abuse", verdict.reason if verdict else "model", "ask", "model")
        return None


def _names_means(means: MeansLexicon, norm: str) -> bool:
    """Whether ``norm`` names an object or a place of the means lexicons (a gun, pills, a bridge)."""
    return any(pattern is not None and pattern.search(norm) is not None for pattern in (means.objects, means.places))


def _self_harm_doubt(found: frozenset[str], probs: dict[str, float]) -> bool:
    """An abuse signal that may be about self-harm: crisis words in it, or the model leaning that way."""
    return bool(found & DOUBT_CATEGORIES) or probs.get("crisis", 0.0) >= CRISIS_DOUBT
