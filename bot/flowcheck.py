"""Whole-graph validation of flows against each other, the actions, and every locale.

Runs at start-up and in ``python -m bot check``; each problem names file, flow, step and key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.flowdefs import FlowDef, StepDef
from bot.i18n import I18n
from bot.textshape import asks

# Flows whose steps may ask without an ``input``, and why the user's typed words are still heard.
TYPED_WORDS_HEARD_ELSEWHERE = {
    "crisis": "bot/care/stay.py answers any typed words at every step with \"I'm listening\" and the line",
    "abuse": "bot/care/stay.py answers any typed words at every step with \"I'm listening\" and the line",
    "safety_check": "the safety screen's own question (bot/safety): typed words there are the screen's to judge",
}

_TEMPLATE = re.compile(r"\{(\w+)\}")


def _targets(step: StepDef) -> Iterable[tuple[str, str]]:
    if step.next:
        yield "next", step.next
    if step.input:
        yield "input.next", step.input.next
    for i, choice in enumerate(step.choices):
        yield f"choices[{i}].next", choice.next
    for i, target in enumerate(step.targets):
        yield f"targets[{i}]", target
    for i, target in enumerate(step.jumps):
        yield f"jumps[{i}]", target


def _template_values(flows: Mapping[str, FlowDef], var: str) -> set[str]:
    """Every value a flow's choices ``set`` for ``var`` (e.g. the ``card`` ids of /learn)."""
    return {str(c.set[var]) for f in flows.values() for s in f.steps.values() for c in s.choices if var in c.set}


def check_flows(
    flows: Mapping[str, FlowDef], i18n: I18n, actions: Iterable[str], routers: Iterable[str],
) -> list[str]:
    """All problems found; an empty list means the flows may be loaded."""
    actions, routers = set(actions), set(routers)
    problems: list[str] = []
    commands: dict[str, str] = {}
    for flow in flows.values():
        where = f"{flow.source}: flow {flow.id!r}"
        for command in flow.commands:
            if command in commands:
                problems.append(f"{where}: command /{command} is also claimed by flow {commands[command]!r}")
            commands[command] = flow.id
        if flow.entry not in flow.steps:
            problems.append(f"{where}, key 'entry': unknown step {flow.entry!r}")
        reachable: set[str] = set()
        pending = [flow.entry]
        while pending:
            step_id = pending.pop()
            if step_id in reachable or step_id not in flow.steps:
                continue
            reachable.add(step_id)
            for _, target in _targets(flow.steps[step_id]):
                if ":" not in target and target != "end":
                    pending.append(target)
        for step_id, step in flow.steps.items():
            at = f"{where}, step {step_id!r}"
            if step_id not in reachable:
                problems.append(f"{at}: unreachable from entry {flow.entry!r}")
            problems += _check_step(at, step, flow, flows, i18n, actions, routers)
    anytime: dict[str, str] = {}
    for flow in flows.values():
        for step_id, step in flow.steps.items():
            for i, choice in enumerate(step.choices):
                if not choice.anytime:
                    continue
                at = f"{flow.source}: flow {flow.id!r}, step {step_id!r}, key 'choices[{i}].anytime'"
                if choice.id in anytime:
                    problems.append(f"{at}: choice id {choice.id!r} is also an anytime choice in {anytime[choice.id]}")
                anytime[choice.id] = f"flow {flow.id!r}"
    return problems


def _check_step(
    at: str, step: StepDef, flow: FlowDef, flows: Mapping[str, FlowDef], i18n: I18n,
    actions: set[str], routers: set[str],
) -> list[str]:
    problems: list[str] = []
    if step.route is None and step.kind is None and step.action is None:
        problems.append(f"{at}: a step needs a 'kind' and 'text', or a 'route'")
    if step.kind and not step.text:
        problems.append(f"{at}, key 'text': a step with a kind needs a text key")
    if step.route and step.route not in routers:
        problems.append(f"{at}, key 'route': unknown router {step.route!r}")
    if step.route and not step.targets:
        problems.append(f"{at}, key 'targets': a router step lists the targets it may choose")
    for name, action in [("action", step.action), ("input.action", step.input and step.input.action)] + [
        (f"choices[{i}].action", c.action) for i, c in enumerate(step.choices)
    ]:
        if action and action not in actions:
            problems.append(f"{at}, key {name!r}: unknown action {action!r}")
    seen: set[str] = set()
    for i, choice in enumerate(step.choices):
        if choice.id in seen:
            problems.append(f"{at}, key 'choices[{i}].id': choice id {choice.id!r} is used twice in this step")
        seen.add(choice.id)
    for key_name, target in _targets(step):
        problem = _check_target(target, flow, flows)
        if problem:
            problems.append(f"{at}, key {key_name!r}: {problem}")
    # A step that ends or moves on by itself refuses nothing: what is typed next is a new message.
    if step.choices and step.text and step.input is None and flow.id not in TYPED_WORDS_HEARD_ELSEWHERE:
        asking = [loc for loc in i18n.locales
                  if any(asks(i18n, loc, k) for k in _concrete(step.text, flows, i18n, loc))]
        if asking:
            problems.append(f"{at}, key 'input': the text asks a question ({', '.join(asking)}) but typed words "
                            "are refused; add an input that does something kind with them")
    keys = [("text", step.text), ("input.say", step.input and step.input.say)] + [
        (f"choices[{i}].label", c.label) for i, c in enumerate(step.choices)]
    for key_name, key in keys:
        if key:
            problems += [f"{at}, key {key_name!r}: {p}" for p in _check_key(key, flows, i18n)]
    return problems


def _concrete(key: str, flows: Mapping[str, FlowDef], i18n: I18n, locale: str) -> list[str]:
    """The real keys a (possibly templated) text key stands for in ``locale``."""
    match = _TEMPLATE.search(key)
    if match is None:
        return [key]
    values = _template_values(flows, match.group(1))
    if values:
        return [key.replace(match.group(0), v) for v in sorted(values)]
    prefix = key[: match.start()]
    return [k for k in i18n.keys(locale) if k.startswith(prefix)]


def _check_target(target: str, flow: FlowDef, flows: Mapping[str, FlowDef]) -> str | None:
    if target == "end":
        return None
    if ":" in target:
        flow_id, _, step_id = target.partition(":")
        if flow_id not in flows:
            return f"unknown flow {flow_id!r} in target {target!r}"
        if step_id and step_id not in flows[flow_id].steps:
            return f"unknown step {step_id!r} of flow {flow_id!r} in target {target!r}"
        return None
    if target not in flow.steps:
        return f"unknown next step {target!r}"
    return None


def _check_key(key: str, flows: Mapping[str, FlowDef], i18n: I18n) -> list[str]:
    """A plain key must exist in every locale; a templated key (``card-{card}``) for every value."""
    match = _TEMPLATE.search(key)
    problems = []
    if match is None:
        return [f"missing locale key {key!r} in locales/{loc}/" for loc in i18n.locales if not i18n.has(loc, key)]
    var = match.group(1)
    values = _template_values(flows, var)
    if values:
        for value in sorted(values):
            concrete = key.replace(match.group(0), value)
            problems += [f"missing locale key {concrete!r} in locales/{loc}/"
                         for loc in i18n.locales if not i18n.has(loc, concrete)]
        return problems
    prefix = key[: match.start()]
    sets = {loc: {k for k in i18n.keys(loc) if k.startswith(prefix)} for loc in i18n.locales}
    first = i18n.locales[0]
    if not sets[first]:
        problems.append(f"no locale keys start with {prefix!r} in locales/{first}/")
    for loc in i18n.locales[1:]:
        for missing in sorted(sets[first] - sets[loc]):
            problems.append(f"missing locale key {missing!r} in locales/{loc}/")
        for extra in sorted(sets[loc] - sets[first]):
            problems.append(f"locale key {extra!r} in locales/{loc}/ has no counterpart in locales/{first}/")
    return problems


def check_locale_parity(i18n: I18n) -> list[str]:
    """Every key exists in every locale, so no user ever meets a fallback language."""
    problems = []
    all_keys = {loc: set(i18n.keys(loc)) for loc in i18n.locales}
    union = set().union(*all_keys.values())
    for loc, keys in all_keys.items():
        for key in sorted(union - keys):
            problems.append(f"locales/{loc}/: missing key {key!r} (present in another locale)")
    return problems
