"""The ``coursekit`` command line: one subcommand per module in :mod:`coursekit.cli.commands`."""

from coursekit.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
