"""``python -m generator``: the same as the ``handbook`` command."""

from generator.cli import entry_point

entry_point()
