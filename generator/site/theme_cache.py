"""The theme's Jinja templates compiled once and kept across builds.

Every MkDocs process compiles Material's fifty-odd templates before rendering
the first page (about 0.4 s). :func:`theme_compiled_once` gives the theme's
Jinja environment a bytecode cache in ``.handbook-cache/templates`` (Jinja
checks each template's source against the cached code), for our own process
only; the pages rendered are the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def theme_compiled_once(config: Any, cache_dir: Path) -> None:
    """Make *config*'s theme hand out Jinja environments that cache compiled templates."""
    import jinja2

    theme = config.theme
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        environment: jinja2.Environment = make_environment()
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return environment
        environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
        return environment

    theme.get_env = get_env
