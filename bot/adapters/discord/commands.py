"""Slash commands: one list entry per engine command, names and descriptions from locales."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.i18n import DEFAULT_LOCALE, I18n

if TYPE_CHECKING:
    from bot.adapters.discord.handling import DiscordBridge


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One slash command; ``name`` is the engine command it sends.

    ``form_in_server``: in a server, open the private form instead (free text is never read there).
    ``option``: the name of one optional free-text option, sent to the engine as the command's
    args (``/nudge 07:30``); in servers it stands in for the typed answer a DM would allow.
    """

    name: str
    form_in_server: bool = False
    option: str | None = None


# Commands a flow does not (yet) handle are left out, so scheduling commands appear once their
# flows land. Each needs `discord-cmd-<name>` in locales/*/discord.ftl, its name as typed in
# `command-<name>` (locales/*/commands.ftl, shared with the engine), and, with an option,
# `discord-opt-<name>` and `discord-opt-<name>-name`.
COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("help"),
    CommandSpec("trigger", form_in_server=True),
    CommandSpec("ground"),
    CommandSpec("learn"),
    CommandSpec("communicate"),
    CommandSpec("language"),
    CommandSpec("mydata"),
    CommandSpec("forget"),
    CommandSpec("nudge", option="time"),
    CommandSpec("timezone", option="zone"),
    CommandSpec("pause", option="days"),
    CommandSpec("quiet", option="hours"),
    CommandSpec("safetyplan"),
    CommandSpec("country"),
    CommandSpec("journal", option="show"),
    CommandSpec("stop"),
)
ALWAYS_KNOWN = frozenset({"stop"})  # the engine's STOP_COMMANDS; every state understands them
MODAL_TEXT_MAX = 1000


FORM_ID = "gw-trigger-form"
FORM_FIELD = "what"


def trigger_form(i18n: I18n, locale: str) -> discord.ui.Modal:
    """/trigger in a server: a form where the user types what happened, seen only by them and us.

    It is stopped before it is shown, so discord.py does not keep it in its modal store (keyed
    by custom_id alone, which every user's form shares); submissions are routed by
    ``form_text`` from ``on_interaction`` instead, which also works across restarts.
    """
    form = discord.ui.Modal(title=i18n.text(locale, "discord-trigger-modal-title")[:45],
                            custom_id=FORM_ID, timeout=None)
    form.add_item(discord.ui.TextInput(
        label=i18n.text(locale, "discord-trigger-modal-label")[:45], custom_id=FORM_FIELD,
        style=discord.TextStyle.paragraph, max_length=MODAL_TEXT_MAX,
        placeholder=i18n.text(locale, "discord-trigger-modal-placeholder")[:100],
    ))
    form.stop()
    return form


def form_text(interaction: discord.Interaction) -> str | None:
    """The text of a submitted /trigger form, or None for any other interaction."""
    data: Any = interaction.data or {}
    if interaction.type != discord.InteractionType.modal_submit or data.get("custom_id") != FORM_ID:
        return None
    return _find_value(data.get("components", [])) or ""


def _find_value(node: Any) -> str | None:
    # Text inputs arrive in action rows, or in label components on newer clients.
    if isinstance(node, list):
        return next((v for v in map(_find_value, node) if v is not None), None)
    if isinstance(node, dict):
        if node.get("custom_id") == FORM_FIELD and "value" in node:
            return str(node["value"])
        return _find_value([node.get("component"), node.get("components")])
    return None


def available_commands(known: set[str] | frozenset[str]) -> tuple[CommandSpec, ...]:
    """The specs whose command the engine understands (a flow or ``STOP_COMMANDS``)."""
    return tuple(s for s in COMMANDS if s.name in known or s.name in ALWAYS_KNOWN)


def register_commands(tree: app_commands.CommandTree, bridge: DiscordBridge,
                      specs: tuple[CommandSpec, ...]) -> None:
    """Add one slash command per spec to the tree (``CommandTree.add_command``)."""
    i18n = bridge.app.engine.i18n
    for spec in specs:
        tree.add_command(_build(spec, bridge, i18n))


def _build(spec: CommandSpec, bridge: DiscordBridge, i18n: I18n) -> app_commands.Command:
    key = f"discord-cmd-{spec.name}"
    name = locale_str(spec.name, key=f"command-{spec.name}")
    description = locale_str(i18n.text(DEFAULT_LOCALE, key)[:100], key=key)

    async def run(interaction: discord.Interaction, details: str = "") -> None:
        if spec.form_in_server and interaction.guild_id is not None and not details:
            await interaction.response.send_modal(trigger_form(i18n, await bridge.locale_for(interaction)))
            return
        await bridge.on_command(interaction, spec.name, details)

    if spec.option:
        opt = f"discord-opt-{spec.name}"

        @app_commands.rename(details=locale_str(spec.option, key=f"{opt}-name"))
        @app_commands.describe(details=locale_str(i18n.text(DEFAULT_LOCALE, opt)[:100], key=opt))
        async def with_option(interaction: discord.Interaction, details: str = "") -> None:
            await run(interaction, details)
        callback = with_option
    else:
        async def without_option(interaction: discord.Interaction) -> None:
            await run(interaction)
        callback = without_option
    return app_commands.Command(name=name, description=description, callback=callback)
