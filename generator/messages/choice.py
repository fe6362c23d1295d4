"""Which language the ``handbook`` command speaks: ``--lang``, ``HANDBOOK_LANG``, mkdocs.yml.

The command speaks the handbook's language, so a Chinese handbook's authors
read Chinese messages. In order: the ``--lang`` option; the ``HANDBOOK_LANG``
environment variable (a person's own preference, e.g. ``HANDBOOK_LANG=en``);
the language of the project's mkdocs.yml (``extra.handbook.language``, else
``theme.language``), looked for next to the flows folder, then in the working
folder; else Chinese, the default of the handbook itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import yaml

from generator.i18n import DEFAULT_LANGUAGE, LANGUAGES, handbook_language
from generator.site.config import TolerantLoader

ENVIRONMENT_VARIABLE = "HANDBOOK_LANG"
"""The environment variable that chooses the command's language."""


def configured_language(config_file: Path) -> str | None:
    """The language *config_file* (an mkdocs.yml) sets, or None when it sets none or is unusable."""
    try:
        settings = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(settings, Mapping):
        return None
    extra = settings.get("extra")
    handbook = extra.get("handbook") if isinstance(extra, Mapping) else None
    chosen = handbook.get("language") if isinstance(handbook, Mapping) else None
    theme = settings.get("theme")
    chosen = chosen or (theme.get("language") if isinstance(theme, Mapping) else None)
    try:
        return handbook_language(str(chosen)) if chosen else None
    except ValueError:
        return None


def command_language(option: str | None, flows: Path | None) -> str:
    """The language of the command's messages (see the module docstring for the order)."""
    if option:
        return option
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        try:
            return handbook_language(from_environment)
        except ValueError:
            pass
    folders = [flows.resolve().parent] if flows is not None else []
    for folder in [*folders, Path.cwd()]:
        language = configured_language(folder / "mkdocs.yml")
        if language is not None:
            return language
    return DEFAULT_LANGUAGE


LANGUAGE_CHOICES: tuple[str, ...] = LANGUAGES
"""What ``--lang`` accepts."""
