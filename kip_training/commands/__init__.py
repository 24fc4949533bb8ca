"""Subcommands of ``kip``; see :mod:`kip_training.cli` for the contract each follows."""
