"""The schema of a flow file in ``flows/`` and its loader.

A flow reads like the conversation it describes: named steps, each one reply (kind, text
key, choices) and where each answer leads. Python only supplies named actions and routers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.replies import REPLY_KINDS
from bot.yamlfile import YAMLError, read_yaml


class FlowError(Exception):
    """A flow file is invalid; the message names the file, flow, step and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChoiceDef(_Strict):
    """A button: ``next`` is a step of this flow, ``flow:step``/``flow:`` another flow, or ``end``."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,24}$")
    label: str
    next: str
    action: str | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    # A typed "yes"/"no" in the user's language (locales/<lang>/smalltalk.yaml) presses this choice.
    means: Literal["yes", "no"] | None = None
    # Honoured whenever it is pressed, even after the conversation moved on (e.g. "stop these"
    # under a nudge from yesterday); its id must be unique across all flows.
    anytime: bool = False


class InputDef(_Strict):
    """The step also takes free text: kept under ``save_as`` (or heard and dropped without it),
    acknowledged with the ``say`` key when given, then on to ``next``."""

    save_as: str | None = None
    next: str
    action: str | None = None
    say: str | None = None
    max_chars: int = 1000


class StepDef(_Strict):
    """One step: either a reply (``kind`` + ``text``) or a silent router (``route`` + ``targets``)."""

    kind: str | None = None
    text: str | None = None
    action: str | None = None
    choices: list[ChoiceDef] = Field(default_factory=list)
    input: InputDef | None = None
    next: str | None = None
    route: str | None = None
    targets: list[str] = Field(default_factory=list)
    # Where this step's action may redirect instead of showing the step (checked like targets).
    jumps: list[str] = Field(default_factory=list)
    end: bool = False

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str | None) -> str | None:
        if value is not None and value not in REPLY_KINDS:
            raise ValueError(f"unknown reply kind {value!r}")
        return value


class FlowDef(_Strict):
    """A whole flow as loaded from one YAML file."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    entry: str
    commands: list[str] = Field(default_factory=list)
    group_safe: bool = False
    expires_minutes: int = 360
    # While the user is in this flow, follow-ups and nudges wait instead of replacing it.
    protected: bool = False
    steps: dict[str, StepDef]
    source: str = ""


def load_flow_file(path: Path) -> FlowDef:
    """Parse and schema-check one flow file; errors name the file, flow and step."""
    try:
        raw = read_yaml(path)
    except YAMLError as exc:
        raise FlowError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise FlowError(f"{path}: a flow file must be a mapping with id, entry and steps")
    flow_id = raw.get("id", "?")
    try:
        return FlowDef.model_validate({**raw, "source": str(path)})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = list(err["loc"])
            where = f"flow {flow_id!r}"
            if len(loc) >= 2 and loc[0] == "steps":
                where += f", step {loc[1]!r}"
                loc = loc[2:]
            key = ".".join(str(p) for p in loc)
            problems.append(f"{path}: {where}, key {key!r}: {err['msg']}")
        raise FlowError("\n".join(problems)) from exc


def load_flows(directory: Path) -> dict[str, FlowDef]:
    """Load every ``*.yaml`` flow in a directory (schema only; see ``flowcheck`` for the graph)."""
    flows: dict[str, FlowDef] = {}
    errors: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            flow = load_flow_file(path)
        except FlowError as exc:
            errors.append(str(exc))
            continue
        if flow.id in flows:
            errors.append(f"{path}: flow {flow.id!r} is also defined in {flows[flow.id].source}")
        flows[flow.id] = flow
    if errors:
        raise FlowError("\n".join(errors))
    return flows
