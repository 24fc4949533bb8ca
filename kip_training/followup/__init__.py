"""The follow-up register (tindak lanjut) that carries agreed actions between meetings.

- :mod:`.model`: rows, statuses, levels, progress per OPD;
- :mod:`.triggers`: the rows proposed from the semester's figures;
- :mod:`.workbook`: the xlsx written beside the deck;
- :mod:`.readback`: last meeting's xlsx read back, every row accepted or reported;
- :mod:`.slides`: the deck's follow-up slides (:mod:`kip_training.deck.model` objects).

Import the submodules themselves (``from kip_training.followup import triggers``): the
deck imports this package and this package's slides import the deck's model.
"""
