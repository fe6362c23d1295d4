"""What one MkDocs build reuses from earlier ones, in one place for the engine to wrap its build in.

- the search plugin's user dictionary by absolute path (:mod:`generator.search.words`);
- the theme's compiled templates (:mod:`generator.site.theme_cache`);
- each page's Markdown rendering (:mod:`generator.site.page_cache`) and search
  entries (:mod:`generator.search.index_cache`), by content hash;
- on a cold build of a large site, a helper process filling those two caches
  on the second core (:mod:`generator.site.prefill`).

All of it lives under the project's ``.handbook-cache`` and changes nothing in
the site MkDocs writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.site.page_cache import pages_rendered_once
from generator.site.prefill import start_prefill, worth_prefilling
from generator.site.theme_cache import theme_compiled_once
from generator.search.index_cache import search_indexed_once
from generator.search.words import use_search_words


@contextlib.contextmanager
def reused_work(
    config: Any,
    overrides: dict[str, Any],
    *,
    config_file: Path,
    docs_dir: Path,
    cache_dir: Path | None,
) -> Iterator[None]:
    """Run the block (MkDocs' build of the loaded *config*) reusing earlier builds' work.

    *overrides* are the settings *config* was loaded with (the helper loads the
    same). Without *cache_dir* only the search words are set.
    """
    use_search_words(config, docs_dir)
    if cache_dir is None:
        yield
        return
    theme_compiled_once(config, cache_dir / "templates")
    page_cache, search_cache = cache_dir / "pages", cache_dir / "search"
    with contextlib.ExitStack() as stack:
        stack.enter_context(search_indexed_once(search_cache))
        stack.enter_context(pages_rendered_once(page_cache))
        if worth_prefilling(docs_dir, page_cache):
            helper = start_prefill(
                config_file,
                overrides,
                docs_dir=docs_dir,
                page_cache=page_cache,
                search_cache=search_cache,
            )
            stack.callback(helper.stop)  # before the caches are pruned
        yield
