"""The second core for a cold build: a helper process renders pages into the caches ahead of MkDocs.

MkDocs builds page after page on one core: Markdown, then the theme and the
search entries. Of that, the Markdown and the search entries are cached by
content (:mod:`generator.site.page_cache`, :mod:`generator.search.index_cache`),
so another process can fill those caches while MkDocs runs: the helper loads
the same configuration and site files, and renders and indexes the pages
from the last one backwards, while MkDocs goes forwards and finds, from the
middle on, pages already done. The helper only ever adds entries under keys
that name everything an entry depends on, so whatever it does (or fails to
do) the site is the same; it is stopped when MkDocs finishes.

Started by :func:`start_prefill` (a fresh interpreter:
``python -m generator.site.prefill``) for large sites only
(:data:`PREFILL_FROM` pages): starting it costs about a second and a half.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

PREFILL_FROM = 300
"""From this many Markdown pages in the docs folder on, a cold build starts the helper."""


class Prefill:
    """A running helper process."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        """The helper."""

    def stop(self) -> None:
        """Stop the helper (MkDocs is done; what it has not rendered is no longer needed)."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - terminate is enough
            self.process.kill()
            self.process.wait()


def worth_prefilling(docs_dir: Path, page_cache: Path) -> bool:
    """Whether the helper pays for its start: a large site, mostly not in the page cache yet.

    A warm build (most pages cached) does not start it: MkDocs finds them anyway.
    """
    pages = sum(1 for _page in docs_dir.rglob("*.md"))
    if pages < PREFILL_FROM:
        return False
    cached = sum(1 for _entry in page_cache.glob("*/*.json")) if page_cache.is_dir() else 0
    return cached < pages // 2


def start_prefill(
    config_file: Path,
    overrides: dict[str, Any],
    *,
    docs_dir: Path,
    page_cache: Path,
    search_cache: Path,
) -> Prefill:
    """Start the helper on the configuration MkDocs is about to build with."""
    arguments = {
        "config_file": str(config_file),
        "overrides": overrides,
        "docs_dir": str(docs_dir),
        "page_cache": str(page_cache),
        "search_cache": str(search_cache),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.site.prefill", json.dumps(arguments)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return Prefill(process)


def prefill(
    config_file: Path,
    overrides: dict[str, Any],
    *,
    docs_dir: Path,
    page_cache: Path,
    search_cache: Path,
) -> int:
    """Render and index every page of the site into the caches, last page first; how many.

    What MkDocs' build does before and around each page, without writing
    anything but cache entries (no site, no pruning).
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.pages import Page

    from generator.site.page_cache import pages_rendered_once
    from generator.search.index_cache import search_indexed_once
    from generator.search.words import search_plugin, use_search_words

    config = load_config(config_file=str(config_file), **overrides)
    use_search_words(config, docs_dir)
    done = 0
    with (
        search_indexed_once(search_cache, prune=False),
        pages_rendered_once(page_cache, prune=False),
    ):
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        plugin = search_plugin(config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        set_exclusions(files, config)
        for file in reversed(list(files.documentation_pages())):
            page = Page(None, file, config)
            page.read_source(config)
            page.render(config, files)
            if plugin is not None and getattr(plugin, "search_index", None) is not None:
                plugin.search_index.add_entry_from_context(page)
            done += 1
    return done


def main() -> None:
    """``python -m generator.site.prefill ARGUMENTS-AS-JSON``: run :func:`prefill`."""
    from generator.site.mkdocs_engine import quiet_jieba

    quiet_jieba()  # MkDocs' warnings stay on: a page that warns must not be cached
    arguments = json.loads(sys.argv[1])
    prefill(
        Path(arguments["config_file"]),
        arguments["overrides"],
        docs_dir=Path(arguments["docs_dir"]),
        page_cache=Path(arguments["page_cache"]),
        search_cache=Path(arguments["search_cache"]),
    )


if __name__ == "__main__":
    main()
