"""The site engine interface: what the build asks of MkDocs (and of any other engine).

An engine does two things: read the site configuration the generator needs
before it runs (:class:`~generator.site.config.SiteConfig`: docs and site
folders, navigation file, language, URLs), and build the docs folder into a
staging folder (:func:`~generator.site.swap.replace_site` then swaps it in).
Everything else (pages, manifest, navigation file, swap, PDFs) is the
generator's and engine-independent. Engines are looked up by name in
:data:`ENGINES`; add one by writing a module with a class that has these
three members and registering it there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from generator.errors import HandbookError
from generator.site.config import SiteConfig

DEFAULT_ENGINE = "mkdocs"
"""The engine ``handbook build`` and ``handbook serve`` use unless told otherwise."""


class SiteEngine(Protocol):
    """A static-site engine the generator hands its docs folder to."""

    name: str
    """The engine's name, as the command line spells it (``mkdocs``)."""

    def read_config(self, project_root: Path, config_file: Path | None = None) -> SiteConfig:
        """The project's site configuration; :class:`SiteConfigError` when unusable."""
        ...

    def build(
        self,
        site: SiteConfig,
        *,
        docs_dir: Path,
        output: Path,
        strict: bool,
        epoch: int,
        cache_dir: Path | None = None,
    ) -> None:
        """Build *docs_dir* into the (new, empty) folder *output*.

        *strict* makes the engine's warnings fail; *epoch* is SOURCE_DATE_EPOCH;
        *cache_dir* is where the engine may keep work to reuse in the next build.
        Raises a :class:`~generator.errors.HandbookError` of stage ``<name>``
        with one line on failure; lets ``KeyboardInterrupt`` through.
        """
        ...


def _mkdocs() -> SiteEngine:
    from generator.site.mkdocs_engine import MkDocsEngine

    return MkDocsEngine()


def _zensical() -> SiteEngine:
    from generator.site.zensical_engine import ZensicalEngine

    return ZensicalEngine()


ENGINES: dict[str, Callable[[], SiteEngine]] = {"mkdocs": _mkdocs, "zensical": _zensical}
"""Every engine, by name: a factory (engines import their heavy modules only when used)."""


def site_engine(name: str = DEFAULT_ENGINE) -> SiteEngine:
    """The engine called *name*; a config error for an unknown name."""
    try:
        factory = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise HandbookError(
            f"unknown site engine '{name}' (known: {known})", stage="config"
        ) from None
    return factory()


__all__ = ["DEFAULT_ENGINE", "ENGINES", "SiteEngine", "site_engine"]
