"""Publishing rendered pages into the docs folder: all of them, or the few an edit touched.

A full publication makes the generated part of the docs folder exactly the
rendered pages plus the CSS/JS assets (changed files only, stale ones removed,
hand-written files never touched; see :mod:`generator.site.writer`) and writes
the navigation file; an incremental one rewrites only the given pages, which
must be generated files already. Every path is checked first: relative,
lowercase, no folder on the way a symbolic link.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from generator.i18n import labels
from generator.model import Handbook
from generator.render.theme import write_theme
from generator.render import paths
from generator.site.config import SiteConfig
from generator.site.navigation import navigation, write_nav
from generator.site.swap import reason
from generator.site.writer import (
    OutputError,
    check_safe_paths,
    generated_files,
    update_generated,
    with_gitignores,
    write_generated,
)


@dataclass(frozen=True)
class PublishReport:
    """What one publication changed in the docs folder."""

    written: tuple[str, ...]
    """Generated paths written (new or changed), sorted."""
    unchanged: int
    """Generated files that already had the right bytes."""
    removed: tuple[str, ...]
    """Stale generated paths deleted, sorted."""
    nav_changed: bool
    """Whether the navigation file was rewritten."""


def assets() -> dict[str, bytes]:
    """The CSS and JavaScript shipped in ``generator/assets``, by generated path."""
    folder = resources.files("generator") / "assets"
    return {
        f"{paths.ASSETS_FOLDER}/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.is_file() and not entry.name.startswith(".")
    }


def publish_all(
    docs: Path,
    pages: Mapping[str, str],
    *,
    handbook: Handbook,
    site: SiteConfig,
    archived: Sequence[str] = (),
) -> PublishReport:
    """Make the generated part of *docs* exactly *pages* and the assets; write the navigation.

    Raises :class:`OutputError` when a hand-written file is in the way or the
    disk refuses a write.
    """
    files = {path: page.encode("utf-8") for path, page in pages.items()}
    check_safe_paths(docs, files)
    files.update(assets())
    with _write_errors(docs):
        report = write_generated(docs, with_gitignores(files))
        nav_changed = _write_site_files(docs, files, handbook=handbook, site=site, archived=archived)
    return PublishReport(report.written, report.unchanged, report.removed, nav_changed)


def publish_some(
    docs: Path,
    pages: Mapping[str, str],
    *,
    handbook: Handbook,
    site: SiteConfig,
    archived: Sequence[str] = (),
) -> PublishReport:
    """Rewrite the generated *pages* whose bytes changed (after an edit; nothing is removed).

    The navigation file and the theme files are brought up to date as a full
    publication would (hand-written pages may have come or gone since).
    """
    files = {path: page.encode("utf-8") for path, page in pages.items()}
    check_safe_paths(docs, files)
    with _write_errors(docs):
        report = update_generated(docs, files)
        nav_changed = _write_site_files(
            docs, generated_files(docs), handbook=handbook, site=site, archived=archived
        )
    return PublishReport(report.written, report.unchanged, report.removed, nav_changed)


def _write_site_files(
    docs: Path,
    generated: Collection[str],
    *,
    handbook: Handbook,
    site: SiteConfig,
    archived: Sequence[str],
) -> bool:
    """Write the theme files and the navigation file (whether it changed)."""
    theme_dir = write_theme(site.nav_file, site.config_file, labels(site.language))
    nav = navigation(handbook, site.language, docs, generated, theme_dir=theme_dir, archived=archived)
    return write_nav(site.nav_file, nav)


@contextlib.contextmanager
def _write_errors(docs: Path) -> Iterator[None]:
    """Turn an OSError while writing into an :class:`OutputError` of one line."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot write the generated pages in {docs}: {reason(error)}") from None


__all__ = ["PublishReport", "assets", "publish_all", "publish_some"]
