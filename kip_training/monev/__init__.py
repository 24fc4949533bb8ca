"""Monev of the Komisi Informasi: the registry of bands, indicators and weights."""
