"""A warm build takes unchanged PDF decks from the cache and reprints only what changed.

A project of the print fixture's domain (two flows, a draft and a retired one)
is built with its decks (drafts published, as for a review: a staff build
publishes neither), then again: the second build reprints nothing (every
cached deck file is left as it was, Chromium is not needed) and writes the
same bytes; after a flow's title changes, its domain deck (and the whole
handbook deck made from it) change and the cached role cards are reused.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator.build import build_site
from generator.options import Options

REPOSITORY = Path(__file__).resolve().parent.parent
PRINT_FIXTURE = Path(__file__).parent / "fixtures" / "print" / "flows"
TODAY = dt.date(2026, 6, 1)


def _project(folder: Path) -> Path:
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(PRINT_FIXTURE, folder / "flows")
    (folder / "handbook").mkdir()
    (folder / "handbook" / "index.md").write_text("# 手册\n", encoding="utf-8")
    return folder


def _decks(site: Path) -> dict[str, bytes]:
    """Every PDF of the site: the decks under print/ and each flow's card beside its page."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.pdf"))
    }


def test_unchanged_decks_are_not_printed_again(tmp_path: Path) -> None:
    project = _project(tmp_path)
    build_site(Options(project, today=TODAY, pdf=True, drafts=True))
    first = _decks(project / "site")
    cache = project / ".handbook-cache" / "decks"
    cached = {path: path.stat().st_mtime_ns for path in cache.glob("*.pdf")}
    assert len(cached) == len(first) - 1  # every deck but the merged handbook deck

    build_site(Options(project, today=TODAY, pdf=True, drafts=True))
    assert _decks(project / "site") == first
    assert {path: path.stat().st_mtime_ns for path in cache.glob("*.pdf")} == cached

    flow = project / "flows" / "warehouse" / "goods-receipt.yaml"
    source = flow.read_text(encoding="utf-8")
    title = next(line for line in source.splitlines() if line.startswith("title:"))
    flow.write_text(source.replace(title, f"{title}（修订）", 1), encoding="utf-8")
    build_site(Options(project, today=TODAY, pdf=True, drafts=True))
    changed = {name for name, data in _decks(project / "site").items() if first.get(name) != data}
    assert {"print/warehouse.pdf", "print/handbook.pdf"} <= changed
    reused = {path for path in cache.glob("*.pdf") if path in cached}
    assert len(reused) == len(first) - 1 - len(changed - {"print/handbook.pdf"})
