"""The navigation file mkdocs.yml inherits: found hand-written pages, written only when changed.

:func:`generator.render.nav.nav_document` renders the navigation of a handbook;
this module gathers what it needs from the docs folder (the hand-written pages
and their folders' titles) and writes the file, refusing to replace a file the
generator did not write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.i18n import labels
from generator.model import Handbook
from generator.render.nav import HEADER, nav_document
from generator.site.writer import OutputError, handwritten_pages, write_changed


def folder_title(index_page: Path) -> str | None:
    """A hand-written folder's title: its index page's ``title:`` or first ``# `` heading."""
    try:
        lines = index_page.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("\"'") or None
    for line in lines:
        if line.startswith("# "):
            return line.removeprefix("# ").strip() or None
    return None


def navigation(
    handbook: Handbook,
    language: str,
    docs: Path,
    files: Iterable[str],
    *,
    theme_dir: str | None = None,
    archived: Sequence[str] = (),
) -> str:
    """The navigation file's text: domains, index pages and the hand-written pages found.

    *theme_dir* names the generated theme templates (:mod:`generator.render.theme`);
    *archived* are the retired flows' pages (the archive section).
    """
    handwritten = handwritten_pages(docs, files)
    folders = {page.rsplit("/", 1)[0] for page in handwritten if "/" in page}
    folder_titles = {
        folder: title
        for folder in sorted(folders)
        if (title := folder_title(docs / folder / "index.md")) is not None
    }
    return nav_document(
        handbook,
        words=labels(language),
        handwritten=handwritten,
        folder_titles=folder_titles,
        theme_dir=theme_dir,
        archived=archived,
    )


def write_nav(nav_file: Path, nav: str) -> bool:
    """Write the navigation file unless it holds *nav* already; return whether it was written.

    Raises :class:`OutputError` rather than replace a file the generator did not write.
    """
    if nav_file.exists():
        try:
            current = nav_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = ""
        if not current.startswith(HEADER):
            raise OutputError(
                f"refusing to overwrite {nav_file}: it was not written by the generator"
                " (mkdocs.yml INHERIT must name a file the generator owns)"
            )
    return write_changed(nav_file, nav.encode("utf-8"))


__all__ = ["folder_title", "navigation", "write_nav"]
