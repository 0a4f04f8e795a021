"""Bindings whose descriptions are i18n keys, shown translated, and which are ours."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from companion.i18n import t

OUR_BINDING = "companion:"


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (an i18n key such as `keys.back`) by its text.

    Textual copies the class bindings into each node at construction; we rebuild that
    copy from the class's own keys, so a language switch can translate again. Bindings
    described by one of our keys get an id, which tells them from Textual's built-in ones.
    """
    source = node._merged_bindings or BindingsMap()
    translated = BindingsMap()
    for _key, binding in source:
        if binding.description and t(binding.description) != binding.description:
            group = binding.group
            if group is not None:
                group = replace(group, description=t(group.description))
            binding = replace(
                binding,
                description=t(binding.description),
                group=group,
                id=binding.id or f"{OUR_BINDING}{binding.action}",
            )
        translated._add_binding(binding)
    for _key, binding in node._bindings:
        if binding.key not in translated.key_to_bindings:
            translated._add_binding(binding)
    node._bindings = translated


def our_bindings(screen: Screen[object]) -> list[ActiveBinding]:
    """The active bindings the app itself defines (not those built into Textual's widgets),
    one per action, for the help screen and the command palette."""
    found: list[ActiveBinding] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        ours = (active.binding.id or "").startswith(OUR_BINDING)
        if ours and active.binding.action not in seen:
            seen.add(active.binding.action)
            found.append(active)
    return found
