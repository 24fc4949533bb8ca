"""The briefing deck for the six-monthly coordination meeting (``kip deck``).

Content (:mod:`.content`, :mod:`.model`) is kept apart from drawing (:mod:`.draw`,
:mod:`.charts`, :mod:`.tables`, :mod:`.fit`) and from the template (:mod:`.template`).
"""

from kip_training.deck.build import DeckResult, NothingToShow, build_deck, build_deck_from_paths
from kip_training.deck.content import build_content
from kip_training.deck.template import generate_template, open_template

__all__ = [
    "DeckResult",
    "NothingToShow",
    "build_content",
    "build_deck",
    "build_deck_from_paths",
    "generate_template",
    "open_template",
]
