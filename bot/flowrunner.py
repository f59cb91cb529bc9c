"""Moving through a flow: entering steps, running their actions and routers, rendering replies."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from operator import attrgetter
from typing import Any

from bot.flowdefs import ChoiceDef, FlowDef, InputDef, StepDef
from bot.i18n import I18n
from bot.replies import Choice, Reply
from bot.turn import Action, Router, Turn

MAX_HOPS = 16
_CHOICE_ID = attrgetter("id")
CHOICE_CACHE_SIZE = 4096  # (locale, step, order) combinations; a bound, not an expected size


class FlowRunner:
    """Runs the steps of the flows in ``flows/`` for one turn; the engine adds events and storage."""

    def __init__(self, *, flows: Mapping[str, FlowDef], i18n: I18n, actions: Mapping[str, Action],
                 routers: Mapping[str, Router]) -> None:
        self.flows = flows
        self.i18n = i18n
        self.actions = actions
        self.routers = routers
        self._answers: dict[str, dict[str, str]] = {}
        # Buttons whose labels are fixed texts are built once per locale, step and order and shared
        # by every reply: fewer new objects per step for the garbage collector to walk (bench/README).
        self._choices: dict[tuple[str, ...], tuple[Choice, ...]] = {}

    async def press(self, turn: Turn, step: StepDef, choice: ChoiceDef) -> None:
        turn.data.pop(CHOICE_ORDER, None)
        turn.data.update(choice.set)
        turn.data["last_choice"] = choice.id
        await self.follow(turn, choice.action, choice.next)

    async def take_words(self, turn: Turn, spec: InputDef, text: str) -> None:
        """Typed words where a step takes them: kept or heard, acknowledged, then onwards."""
        turn.data["typed"] = text[: spec.max_chars]
        if spec.save_as:
            turn.data[spec.save_as] = text[: spec.max_chars]
        if spec.say:
            turn.say(spec.say)
        await self.follow(turn, spec.action, spec.next)
        if spec.save_as != "typed":
            turn.data.pop("typed", None)  # heard, not kept in the conversation row

    async def follow(self, turn: Turn, action: str | None, target: str) -> None:
        if action:
            jump = await self.actions[action](turn)
            target = jump or target
        await self.goto(turn, target)

    # ---- moving through a flow ----------------------------------------------------------

    def current_step(self, turn: Turn) -> StepDef | None:
        if turn.flow is None or turn.step is None:
            return None
        return self.flows[turn.flow].steps.get(turn.step)

    async def goto(self, turn: Turn, target: str, extra: Mapping[str, Any] | None = None) -> None:
        """Enter ``target`` and run steps until one waits for the user or the flow ends.

        ``extra`` is data for the flow being entered, so it is added after the switch of flow
        (which keeps only the carried keys of the flow left behind).
        """
        for _ in range(MAX_HOPS):
            resolved = self.resolve(turn, target)
            if resolved is None:
                turn.flow = turn.step = None
                turn.data = {}
                return
            turn.flow, turn.step = resolved
            if extra:
                turn.data.update(extra)
                extra = None
            step = self.flows[turn.flow].steps[turn.step]
            if step.action:
                jump = await self.actions[step.action](turn)
                if jump:
                    target = jump
                    continue
            if step.route:
                target = await self.routers[step.route](turn)
                continue
            if step.kind:
                self.render(turn, step)
            if step.next:
                target = step.next
                continue
            if step.end or (not step.choices and step.input is None):
                turn.flow = turn.step = None
                turn.data = {}
            return
        raise RuntimeError(f"flow {turn.flow!r} hopped more than {MAX_HOPS} times in one turn")

    def resolve(self, turn: Turn, target: str) -> tuple[str, str] | None:
        if target == "end":
            return None
        if ":" in target:
            flow_id, _, step_id = target.partition(":")
            if flow_id != turn.flow:
                turn.data = {k: v for k, v in turn.data.items() if k in _CARRIED}
            return flow_id, step_id or self.flows[flow_id].entry
        assert turn.flow is not None
        return turn.flow, target

    async def rerender(self, turn: Turn) -> None:
        """Show the current step again without running its action (idempotent)."""
        step = self.current_step(turn)
        if step is not None and step.kind:
            self.render(turn, step)

    def render(self, turn: Turn, step: StepDef) -> None:
        assert turn.flow is not None and turn.step is not None and step.kind and step.text
        key = fill_template(step.text, turn.data)
        # A fixed text (most steps) takes no arguments: they are gathered only if a text uses them.
        args = None if self.i18n.is_plain(turn.locale, key) else _text_args(turn)
        text = self.i18n.text(turn.locale, key, **(args or {}))
        choices = self._rendered_choices(turn, ordered_choices(turn, step), args)
        reply = Reply(
            kind=step.kind,  # type: ignore[arg-type]
            flow=turn.flow, step=turn.step, text=text, choices=choices,
            topic=turn.data.get("topic") if turn.flow in _TOPIC_FLOWS else None,
            file=turn.pending_file, image=turn.pending_image, private=turn.private,
            urgent=step.kind in ("crisis", "abuse"),
        )
        turn.pending_file = turn.pending_image = None
        turn.replies.append(reply)

    def _rendered_choices(self, turn: Turn, defs: list[ChoiceDef],
                          args: Mapping[str, Any] | None) -> tuple[Choice, ...]:
        if not defs:
            return ()
        key = (turn.locale, turn.flow or "", turn.step or "", *map(_CHOICE_ID, defs))
        cached = self._choices.get(key)
        if cached is not None:
            return cached
        if args is None:
            args = _text_args(turn)
        choices = tuple(Choice(c.id, self.i18n.text(turn.locale, c.label, **args)) for c in defs)
        if len(self._choices) < CHOICE_CACHE_SIZE and all(self.i18n.is_plain(turn.locale, c.label) for c in defs):
            self._choices[key] = choices
        return choices

    def match_typed_choice(self, turn: Turn, step: StepDef, text: str) -> ChoiceDef | None:
        """Let people who type answer a question: the choice's number, id or label."""
        wanted = text.strip().lower().rstrip(".!")
        folded = _fold(wanted)
        for index, choice in enumerate(ordered_choices(turn, step), start=1):
            label = self.i18n.text(turn.locale, choice.label).lower()
            if wanted in (str(index), choice.id, label) or folded == _fold(label):
                return choice
        meaning = self.answer_words(turn.locale).get(_fold(wanted))
        return next((c for c in step.choices if meaning and c.means == meaning), None)

    def answer_words(self, locale: str) -> dict[str, str]:
        """Typed words that mean "yes" or "no" in ``locale`` (locales/<lang>/smalltalk.yaml)."""
        cached = self._answers.get(locale)
        if cached is None:
            data = self.i18n.data(locale, "smalltalk") or {}
            cached = {_fold(w): meaning for meaning in ("yes", "no") for w in data.get(meaning) or []}
            self._answers[locale] = cached
        return cached


# A step's action may put its choice ids here, likeliest first (the country picker does); kept
# in the conversation data so a re-shown step and a typed number see the same order.
CHOICE_ORDER = "choice_order"


def _text_args(turn: Turn) -> dict[str, Any]:
    """What a step's text and labels may name: the conversation's plain values, then the turn's own."""
    args = {k: v for k, v in turn.data.items() if isinstance(v, str | int | float)}
    args.update(turn.text_args)
    return args


def ordered_choices(turn: Turn, step: StepDef) -> list[ChoiceDef]:
    """The step's choices in the order its action asked for; unlisted ones keep their place after."""
    order = turn.data.get(CHOICE_ORDER)
    if not isinstance(order, list):
        return list(step.choices)
    rank = {choice_id: i for i, choice_id in enumerate(order)}
    return sorted(step.choices, key=lambda c: rank.get(c.id, len(rank)))


_TOPIC_FLOWS = frozenset({"trigger", "communicate"})
# Data that survives a jump into another flow of the same turn (e.g. trigger -> communicate).
_CARRIED = frozenset({"topic", "signal", "journal_id", "text", "route"})


_TEMPLATE = re.compile(r"\{(\w+)\}")


def _fold(text: str) -> str:
    """Lower case without accents or end punctuation, so "Sí." and "si" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" .!¡¿?")


def fill_template(key: str, data: Mapping[str, Any]) -> str:
    """Resolve a templated text key such as ``card-{card}`` from the conversation data."""
    # ``_TEMPLATE.sub(lambda m: str(data.get(m.group(1), "")), key)``, with the key split once:
    # literal, name, literal, … (the regex engine ran on every rendered step, bench/README, discord).
    parts = _template_parts(key)
    if len(parts) == 1:
        return key  # a plain key (most steps)
    if len(parts) == 3:  # one name, as ``exercise-{exercise}``
        return parts[0] + str(data.get(parts[1], "")) + parts[2]
    return "".join(part if i % 2 == 0 else str(data.get(part, "")) for i, part in enumerate(parts))


@functools.lru_cache(maxsize=1024)  # a flow's text keys: a few hundred in all
def _template_parts(key: str) -> tuple[str, ...]:
    return tuple(_TEMPLATE.split(key))
