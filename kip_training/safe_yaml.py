"""YAML read as data only: PyYAML's safe loader, refusing aliases.

Aliases (``*name``) let a few hundred bytes expand into billions of nodes ("billion
laughs"); no file this toolkit reads (question bank, rubric) needs them, so the first
one ends the read with a message naming its line.
"""

from __future__ import annotations

import yaml


class NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases."""

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's signature)
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                f"alias '*{event.anchor}' tidak diizinkan; tulis isinya langsung",
                event.start_mark,
            )
        return super().compose_node(parent, index)
