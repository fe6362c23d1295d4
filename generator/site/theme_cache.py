"""The theme's Jinja templates compiled once and kept across builds.

Every MkDocs process compiles Material's fifty-odd templates before rendering
the first page (about 0.4 s). :func:`theme_compiled_once` gives the theme's
Jinja environment a bytecode cache in ``.handbook-cache/templates`` (Jinja
checks each template's source against the cached code), for our own process
only; the pages rendered are the same. A cache file is written with Ctrl+C and
SIGTERM held back (a few kilobytes), so an interrupted build leaves no
half-written temporary file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from generator.site.swap import signals_deferred


class _UninterruptedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, writing each file whole even when a signal arrives meanwhile."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write *bucket*'s code (temporary file, then rename) with signals held back."""
        with signals_deferred():
            super().dump_bytecode(bucket)


def theme_compiled_once(config: Any, cache_dir: Path) -> None:
    """Make *config*'s theme hand out Jinja environments that cache compiled templates."""
    theme = config.theme
    make_environment = theme.get_env

    def get_env() -> jinja2.Environment:
        environment: jinja2.Environment = make_environment()
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return environment
        environment.bytecode_cache = _UninterruptedBytecodeCache(str(cache_dir))
        return environment

    theme.get_env = get_env
